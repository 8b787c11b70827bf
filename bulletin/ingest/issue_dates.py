"""Dates in bulletin text: 12月15日 with its year from context (2023年度), never the build day."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

_FULL = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
# Years are found from each 年 back, with str.find: a regex for them starts with \d (or a
# lookbehind), so re tries it at every position of the issue; this is much faster.
# A bare year; ranges (2024年~2026年) and plans (到2027年) say nothing about when the issue ran.
_NOT_BEFORE_YEAR = frozenset("到~～-—")
_NOT_AFTER_YEAR = frozenset("~～-—至到")
# What follows a year's 年 in a 2024年8月-style mention (not a date: 2024年8月5日).
_MONTH_AFTER_YEAR = re.compile(r"(\d{1,2})月(?!\d{1,2}日)")


def _year_marks(text: str) -> Iterator[int]:
    """The index of every 年 that follows four digits (\\d, as re has it: str.isdecimal)."""
    at = text.find("年", 4)
    while at != -1:
        if text[at - 4 : at].isdecimal():
            yield at
        at = text.find("年", at + 1)


def _bare_years(text: str) -> list[str]:
    """The four digits of every bare year, in order: what the regex
    (?<![到~～\\-—])(\\d{4})年(?![~～\\-—至到]) finds."""
    return [
        text[at - 4 : at]
        for at in _year_marks(text)
        if text[at - 5 : at - 4] not in _NOT_BEFORE_YEAR
        and text[at + 1 : at + 2] not in _NOT_AFTER_YEAR
    ]


def _year_months(text: str) -> list[tuple[str, str]]:
    """(year, month) of every 2024年8月-style mention, in order: what the regex
    (\\d{4})年(\\d{1,2})月(?!\\d{1,2}日) finds."""
    return [
        (text[at - 4 : at], month.group(1))
        for at in _year_marks(text)
        if (month := _MONTH_AFTER_YEAR.match(text, at + 1))
    ]


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def issue_year(text: str) -> int | None:
    """The issue's year: the most mentioned year (a later one wins a tie), or the year of a
    later 2024年8月-style mention (截至2024年8月 reports the present)."""
    years = Counter(int(y) for y in _bare_years(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None
    mode = max(years, key=lambda y: (years[y], y))
    months = [int(y) for y, m in _year_months(text) if 1 <= int(m) <= 12]
    return max([mode, *months])


def dates_in(text: str, default_year: int | None) -> list[dt.date]:
    """Every M月D日 in the text, in order; the year comes from the date itself, else from a
    year named in the same sentence (12月15日，2023年度…), else from default_year."""
    found: list[dt.date] = []
    for sentence in _SENTENCE.findall(text):
        first_month = sentence.find("月")
        if first_month == -1:
            continue
        years_here = [int(y) for y in _bare_years(sentence)]
        # A date starts at most 7 characters before its 月 and ends with 日: re, which tries
        # _FULL at every position, need not try the rest of a long sentence.
        window = (max(0, first_month - 7), sentence.rfind("日") + 1)
        for match in _FULL.finditer(sentence, *window):
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
    return infer_issue_date_in(text, issue_year(text))


def infer_issue_date_in(text: str, year: int | None) -> tuple[dt.date | None, str]:
    """infer_issue_date, given the text's issue_year (the ingest has it already)."""
    full = [d for d in dates_in(text, year) if year is None or d.year <= year]
    if full:
        latest = max(full)
        return latest, f"latest date in the text ({latest.month}月{latest.day}日)"
    months = [(int(y), int(m)) for y, m in _year_months(text) if year is None or int(y) == year]
    if months:
        y, m = max(months)
        if 1 <= m <= 12:
            return dt.date(y, m, 1), f"latest month in the text ({y}年{m}月)"
    if year:
        return dt.date(year, 1, 1), f"most-mentioned year ({year}年)"
    return None, "no date in the text"


def stated_dates_in(text: str) -> set[dt.date]:
    """Dates the text states whole, with their year (2024年5月20日)."""
    found = set()
    for match in _FULL.finditer(text):
        year, month, day = match.groups()
        if year and (date := _valid(int(year), int(month), int(day))):
            found.add(date)
    return found


# A masthead line: the issue's date alone on a line near the top, maybe with its weekday and
# number (2024年6月14日 星期五 / 第23期 2024年6月14日 / 出版日期：2024年6月14日).
_MASTHEAD = re.compile(
    r"^(?:(?:总)?第\s*(?P<n1>\d+)\s*期\s*)?(?:出版日期[:：]\s*)?"
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*(?:农历\S+))?(?:\s*(?:总)?第\s*(?P<n2>\d+)\s*期)?$"
)
MASTHEAD_LINES = 12  # a masthead is among the first lines of an issue


def masthead(line: str) -> tuple[dt.date, str | None] | None:
    """(date, number such as 第23期) when the line is a masthead date line."""
    match = _MASTHEAD.match(line.replace("#", "").strip())
    if not match:
        return None
    date = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    number = match["n1"] or match["n2"]
    return (date, f"第{number}期" if number else None) if date else None


# The masthead's name-and-number line (重庆工会 第30期, 总第1234期).
_NUMBER_LINE = re.compile(r"^[^。，；！？]{0,16}?(?:总)?第\s*(\d+)\s*期[^。，；！？]{0,16}$")


def masthead_number(line: str) -> str | None:
    """第30期 when the line is the masthead's name-and-number line."""
    match = _NUMBER_LINE.match(line.replace("#", "").strip())
    return f"第{match.group(1)}期" if match else None


def masthead_of(lines: list[str]) -> tuple[dt.date, str | None, int] | None:
    """The masthead among an issue's first lines: (date, number, line number)."""
    seen = 0
    number_seen: str | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen += 1
        if seen > MASTHEAD_LINES:
            return None
        found = masthead(line)
        if found:
            return (found[0], found[1] or number_seen, number)
        number_seen = number_seen or masthead_number(line)
    return None


class Estimate(NamedTuple):
    date: dt.date
    precision: str  # "month" when likely right to the month, "year" otherwise
    how: str  # for the report
    leans_on_neighbours: bool  # another date for the issues around it could change it


def estimate_issue_date(
    text: str,
    previous: dt.date | None = None,
    following: dt.date | None = None,
) -> Estimate | None:
    """An estimate of the date of an issue that states none.

    The issue was printed after the events it reports: the latest date the text gives (its
    year from the text, else from the issue before it in the archive), else its latest
    month, else the latest year it mentions (moved up to the previous issue's date when that
    is in the same year), else the date of the issue before (or after) it. The text's own
    dates win over the archive's order, which is only the order of file names.
    Never the build day or 1970: None when nothing dates the issue.
    """
    text_year = issue_year(text)
    year = text_year or (previous.year if previous else None)
    guess, how = infer_issue_date_in(text, year)
    if guess is not None and not how.startswith("most-mentioned"):  # a year alone: below
        if text_year is None and previous is not None and guess < previous:
            # 1月5日 in an issue after one of late December is next January's
            guess = _valid(guess.year + 1, guess.month, guess.day) or guess
        return Estimate(guess, "month", how, text_year is None)
    latest_year = max((int(y) for y in _bare_years(text) if 1990 <= int(y) <= 2100), default=None)
    if latest_year is not None:
        if previous is not None and previous.year == latest_year:
            how = f"latest year ({latest_year}年), after the previous issue"
            return Estimate(previous, "year", how, True)
        return Estimate(dt.date(latest_year, 1, 1), "year", f"latest year ({latest_year}年)", True)
    if previous is not None:
        close = following is not None and (following - previous).days <= 31
        return Estimate(previous, "month" if close else "year", "the previous issue's date", True)
    if following is not None:
        return Estimate(following, "year", "the next issue's date", True)
    return None
