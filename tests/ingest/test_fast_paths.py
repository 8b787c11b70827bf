"""The ingest's fast forms give what the plain rules they replace give, on tricky input.

Each plain rule is kept here as it was written before it was made faster (regexes tried at every
position, Python loops over bytes): hypothesis compares the two on generated text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin import gazetteer
from bulletin.gazetteer import DISTRICTS, PARTNERS, TextPart
from bulletin.ingest import classify, decode, issue_dates, punctuation

# -- the plain rules ------------------------------------------------------------------------

YEAR = re.compile(r"(?<![到~～\-—])(\d{4})年(?![~～\-—至到])")
YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d{1,2}日)")


def plain_issue_year(text: str) -> int | None:
    years = Counter(int(y) for y in YEAR.findall(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None
    mode = max(years, key=lambda y: (years[y], y))
    months = [int(y) for y, m in YEAR_MONTH.findall(text) if 1 <= int(m) <= 12]
    return max([mode, *months])


def plain_dates_in(text: str, default_year: int | None) -> list[dt.date]:
    found: list[dt.date] = []
    for sentence in issue_dates._SENTENCE.findall(text):
        if "月" not in sentence:
            continue
        years_here = [int(y) for y in YEAR.findall(sentence)]
        for match in issue_dates._FULL.finditer(sentence):
            year_text, month, day = match.groups()
            if year_text:
                year = int(year_text)
            elif default_year and default_year in years_here:
                year = default_year
            elif years_here and default_year and years_here[0] == default_year - 1:
                year = years_here[0]
            else:
                year = default_year or (years_here[0] if years_here else None)
            if year is None:
                continue
            date = issue_dates._valid(year, int(month), int(day))
            if date:
                found.append(date)
    return found


def plain_looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0D, 0x0C))
    return controls > len(sample) * 0.01


def plain_fix_punctuation(text: str) -> str:
    full = punctuation._FULL
    text = punctuation._MARK_AFTER_CJK.sub(lambda m: full[m.group(1)], text)
    text = punctuation._MARK_BEFORE_CJK.sub(lambda m: full[m.group(1)], text)
    for _ in range(4):
        new = punctuation._PAREN_PAIR.sub(punctuation._full_paren, text)
        if new == text:
            break
        text = new
    return text


def plain_clean(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\u00a0", " ").strip()
    # full-width letters and digits read as ASCII ones
    text = re.sub(r"[０-９Ａ-Ｚａ-ｚ]", lambda m: chr(ord(m.group(0)) - 0xFEE0), text)
    return re.sub(r" {2,}", " ", text)


def plain_about(parts: list[TextPart], places: tuple[gazetteer.Place, ...]) -> list[str]:
    by_form = {form: place for place in places for form in place.forms}
    regex = re.compile("|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True)))
    scores: Counter[str] = Counter()
    full_text = "".join(p.text for p in parts)
    shorts = {p.short: p for p in set(by_form.values()) if p.short and p.name in full_text}
    short_re = (
        re.compile("|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True)))
        if shorts
        else None
    )
    for part in parts:
        hits = [by_form[m.group(0)] for m in regex.finditer(part.text)]
        seen_spans = {m.span() for m in regex.finditer(part.text)}
        if short_re:
            for m in short_re.finditer(part.text):
                if not any(a <= m.start() < b for a, b in seen_spans):
                    hits.append(shorts[m.group(0)])
        for hit in hits:
            scores[hit.name] += 1
        for hit in set(hits):
            if part.role == "headline":
                scores[hit.name] += gazetteer.HEADLINE_WEIGHT
            elif part.role == "subhead":
                scores[hit.name] += gazetteer.SUBHEAD_WEIGHT
        if part.role == "brief":
            for m in regex.finditer(part.text[: gazetteer.BRIEF_LEAD_CHARS]):
                scores[by_form[m.group(0)].name] += gazetteer.BRIEF_LEAD_WEIGHT
    position = {p.name: i for i, p in enumerate(places)}
    chosen = [name for name, score in scores.items() if score >= gazetteer.THRESHOLD]
    return sorted(chosen, key=lambda n: (-scores[n], position[n]))


# -- generated text ---------------------------------------------------------------------------

# Digits of several scripts (re's \d is Unicode), the marks the rules look at, sentence ends.
DATE_PIECES = [
    *"0123456789",
    *"０２٣",
    *"年月日到~～-—至度 。！？，\n",
    "2021年",
    "2023年",
    "2024年",
    "12月",
    "5日",
    "2021年12月5日",
    "到2025年",
    "2024年~",
]
date_text = st.lists(st.sampled_from(DATE_PIECES), max_size=40).map("".join)

PUNCTUATION_PIECES = [*",;:?!() \t", *"中文“”（）。0aZ", "市域(郊)", "1,000", "8:30", "AI"]
punctuation_text = st.lists(st.sampled_from(PUNCTUATION_PIECES), max_size=30).map("".join)

PLACE_FORMS = sorted({f for p in (*DISTRICTS, *PARTNERS) for f in (*p.forms, p.short) if f})
PLACE_PIECES = [*PLACE_FORMS, "区", "县", "市", "的", "开展活动。", "长寿", "江北", "南岸边"]
place_text = st.lists(st.sampled_from(PLACE_PIECES), max_size=12).map("".join)
parts = st.lists(
    st.builds(TextPart, st.sampled_from(["headline", "subhead", "brief", "body"]), place_text),
    max_size=6,
)


# -- the comparisons --------------------------------------------------------------------------


@settings(max_examples=600, deadline=None)
@given(date_text)
def test_years_as_the_regexes_find_them(text: str) -> None:
    assert issue_dates._bare_years(text) == YEAR.findall(text)
    assert issue_dates._year_months(text) == YEAR_MONTH.findall(text)
    assert issue_dates.issue_year(text) == plain_issue_year(text)


@settings(max_examples=600, deadline=None)
@given(date_text, st.sampled_from([None, 2023, 2024, 2025]))
def test_dates_in_as_the_plain_rule(text: str, default_year: int | None) -> None:
    assert issue_dates.dates_in(text, default_year) == plain_dates_in(text, default_year)


def test_year_edge_cases() -> None:
    for text in [
        "2024年",
        "到2024年",
        "12024年",
        "到12024年",
        "2024年~2026年",
        "２０２４年",
        "2024年12月5日2023年12月",
        "2021年12月5日",
        "2021年1月5日，12月31日",
        "2024年12月345日",
        "2024年123月",
        "2024年年2023年",
        "—2024年至",
    ]:
        assert issue_dates._bare_years(text) == YEAR.findall(text), text
        assert issue_dates._year_months(text) == YEAR_MONTH.findall(text), text
        assert issue_dates.dates_in(text, 2024) == plain_dates_in(text, 2024), text


def test_infer_issue_date_in_is_infer_issue_date() -> None:
    text = "2024年8月，12月15日，2023年度总结。到2027年"
    year = issue_dates.issue_year(text)
    assert issue_dates.infer_issue_date_in(text, year) == issue_dates.infer_issue_date(text)


control_bytes = st.binary(max_size=300) | st.lists(
    st.sampled_from([0x01, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, 0x20, 0x41, 0xE4]), max_size=300
).map(bytes)


@settings(max_examples=400, deadline=None)
@given(control_bytes)
def test_looks_binary_as_the_byte_loop(data: bytes) -> None:
    assert decode._looks_binary(data) == plain_looks_binary(data)


def test_looks_binary_counts_only_the_first_64_kib() -> None:
    tail = b"\x01" * 2000
    for data in [b"a" * 65536 + tail, b"a" * 65000 + tail, b"\x0b" * 100 + b"a" * 9900]:
        assert decode._looks_binary(data) == plain_looks_binary(data)


@settings(max_examples=600, deadline=None)
@given(punctuation_text)
def test_fix_punctuation_as_the_plain_rule(text: str) -> None:
    assert punctuation.fix_punctuation(text) == plain_fix_punctuation(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*" \u3000\u00a0\t", "中", "a"]), max_size=12).map("".join))
def test_clean_as_the_plain_rule(text: str) -> None:
    assert classify.clean(text) == plain_clean(text)


@settings(max_examples=600, deadline=None)
@given(parts)
def test_places_as_the_plain_rule(parts: list[TextPart]) -> None:
    assert gazetteer.districts_about(parts) == plain_about(parts, DISTRICTS)
    assert gazetteer.partners_about(parts) == plain_about(parts, PARTNERS)
