"""Dates in bulletin text: 12月15日 with its year from context (2023年度), never the build day."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

_FULL = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d{1,2}日)")
# A bare year; ranges (2024年~2026年) and plans (到2027年) say nothing about when the issue ran.
_YEAR = re.compile(r"(?<![到~～\-—])(\d{4})年(?![~～\-—至到])")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def issue_year(text: str) -> int | None:
    """The issue's year: the most mentioned year (a later one wins a tie), or the year of a
    later 2024年8月-style mention (截至2024年8月 reports the present)."""
    years = Counter(int(y) for y in _YEAR.findall(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None
    mode = max(years, key=lambda y: (years[y], y))
    months = [int(y) for y, m in _YEAR_MONTH.findall(text) if 1 <= int(m) <= 12]
    return max([mode, *months])


def dates_in(text: str, default_year: int | None) -> list[dt.date]:
    """Every M月D日 in the text, in order; the year comes from the date itself, else from a
    year named in the same sentence (12月15日，2023年度…), else from default_year."""
    found: list[dt.date] = []
    for sentence in _SENTENCE.findall(text):
        if "月" not in sentence:
            continue
        years_here = [int(y) for y in _YEAR.findall(sentence)]
        for match in _FULL.finditer(sentence):
            year_text, month, day = match.groups()
            if year_text:
                year = int(year_text)
            elif default_year and default_year in years_here:
                year = default_year
            elif years_here and default_year and years_here[0] == default_year - 1:
                year = years_here[0]  # 12月15日，2023年度 in an issue printed the next January
            else:
                year = default_year or (years_here[0] if years_here else None)
            if year is None:
                continue
            date = _valid(year, int(month), int(day))
            if date:
                found.append(date)
    return found


def infer_issue_date(text: str) -> tuple[dt.date | None, str]:
    """Best guess at an issue's date from its text, with how it was found (for the report)."""
    year = issue_year(text)
    full = [d for d in dates_in(text, year) if year is None or d.year <= year]
    if full:
        latest = max(full)
        return latest, f"latest date in the text ({latest.month}月{latest.day}日)"
    months = [
        (int(y), int(m)) for y, m in _YEAR_MONTH.findall(text) if year is None or int(y) == year
    ]
    if months:
        y, m = max(months)
        if 1 <= m <= 12:
            return dt.date(y, m, 1), f"latest month in the text ({y}年{m}月)"
    if year:
        return dt.date(year, 1, 1), f"most-mentioned year ({year}年)"
    return None, "no date in the text"
