"""Stage 1: raw lines -> typed elements (label, headline line, paragraph, credit, caption …).

OCR output of multi-column pages: headings may carry Markdown # marks or stand bare, titles wrap
over two lines, photo captions stand alone after a run of blank lines. Each line is cleaned,
split where one printed line holds two things (a dateline and its paragraph, a paragraph and its
closing credit, a jump line), then typed by the first rule of `rules.RULES` that accepts it.
"""

from __future__ import annotations

import re

from .credits import split_dateline, split_trailing_credit
from .model import Element, Kind
from .punctuation import fix_punctuation
from .rules import RULES, Context, Line
from .rules.jump_line import JUMP

_MARKER = re.compile(r"^(#{1,6})\s*(.*)$")
_SPACE_RUN = re.compile(r" {2,}")
_END_MARKS = ("（完）", "(完)")
# Full-width letters and digits (ＡＢＣ１２３) read as the ASCII ones; full-width punctuation,
# which is right in Chinese text, stays.
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}
_HAS_FULL_WIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")  # translate is slow; most lines have none


def clean(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\u00a0", " ").strip()
    if _HAS_FULL_WIDTH_ALNUM.search(text):
        text = text.translate(_FULL_WIDTH_ALNUM)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text  # most lines have no run


def split_printed_line(text: str) -> list[str]:
    """The parts of one printed line that are different things: a dateline before its
    paragraph (本报讯（记者 张三）近日，…), a credit closing a paragraph or caption (…。（张三）,
    …现场 张三 摄) and a jump line before or after text (…（下转第3版）)."""
    if not ("讯" in text or "版" in text or "）" in text or ")" in text or "摄" in text):
        return [text]  # most lines hold none of these: no regex need look at them
    dateline = split_dateline(text)
    if dateline:
        return [dateline[0], *split_printed_line(dateline[2])]
    jump = JUMP.search(text)
    if jump and jump.start() > 0 and not text[jump.end() :].strip():
        return [*split_printed_line(text[: jump.start()].rstrip()), jump.group(0)]
    if jump and jump.start() == 0 and text[jump.end() :].strip():
        return [jump.group(0), *split_printed_line(text[jump.end() :].strip())]
    trailing = split_trailing_credit(text)
    if trailing:
        return [*split_printed_line(trailing[0]), trailing[2]]
    if text.endswith(_END_MARKS) and len(text) > 3:  # …获得一等奖。（完）
        return [text[:-3].rstrip(), text[-3:]]
    return [text]


def _lines(raw_lines: list[str]) -> list[Line]:
    """Every non-blank line, cleaned and split, with its marks and the gap before it."""
    lines: list[Line] = []
    gap = 0
    after_hard_break = False
    for number, raw in enumerate(raw_lines, start=1):
        text = clean(raw)
        if not text:
            gap += 1
            after_hard_break = False
            continue
        marker = 0
        match = _MARKER.match(text)
        if match:
            marker, text = len(match.group(1)), match.group(2).strip()
        parts = split_printed_line(fix_punctuation(text)) if text else [""]
        for index, part in enumerate(parts):
            lines.append(Line(number, part, marker, gap if index == 0 else 0, after_hard_break))
        after_hard_break = raw.rstrip("\r\n").endswith("  ")
        gap = 0
    return lines


def classify(raw_lines: list[str]) -> list[Element]:
    """Type every non-blank line; wrapped titles come back as one element."""
    lines = _lines(raw_lines)
    marked_issue = any(line.marker for line in lines)
    elements: list[Element] = []
    titled = text_seen = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        context = Context(
            before=elements,
            marked_issue=marked_issue,
            next_text=following.plain if following else None,
            next_gap=following.gap if following else 0,
            titled=titled,
            text_seen=text_seen,
        )
        for _name, rule in RULES:
            element = rule(line, context)
            if element is not None:
                break
        else:  # pragma: no cover - bare_heading takes every line
            raise AssertionError(f"no rule typed line {line.number}")
        last = elements[-1] if elements else None
        if (
            last is not None
            and element.lines[: len(last.lines)] == last.lines
            and last is not element
        ) and len(element.lines) > len(last.lines):
            elements[-1] = element  # it continues the previous element (a wrapped title)
            continue
        elements.append(element)
        titled = titled or element.kind is Kind.TITLE
        text_seen = text_seen or element.kind in (Kind.TITLE, Kind.PARA)
    return elements
