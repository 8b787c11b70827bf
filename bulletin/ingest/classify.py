"""Stage 1: raw lines -> typed elements (label, title, paragraph, caption ...).

OCR output of multi-column pages: headings may carry Markdown # marks or stand bare, titles wrap
over two lines, and photo captions stand alone after a run of blank lines.
"""

from __future__ import annotations

import re

from ..sections import looks_like_label
from .model import Element, Kind
from .punctuation import fix_punctuation

_MARKER = re.compile(r"^(#{1,6})\s*(.*)$")
_PRINT_ONLY = re.compile(r"^(扫描|扫码|扫一扫|长按|识别)[^。，]{0,14}$|^(详见|更多)?二维码$")
_CREDIT = re.compile(
    r"(图片|照片|图)由[^。]{2,24}提供|^(本报)?(记者|通讯员|文|图|摄影?|文/图|供稿)[:：/ ]"
)
_NAMES_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,3}(?: [\u4e00-\u9fff]{2,3})+(?: (?:摄|文|图|报道))?$")
# Bare lines containing these are sentences, never headings.
_SENTENCE_MARKS = re.compile(r"[。；，]")
_ENDS_OPEN = re.compile(r"[，、：；,]$")
_SPACE_RUN = re.compile(r" {2,}")
# A bare heading this long (without spaces) is a story title, shorter ones are in-story subheads.
TITLE_MIN_CHARS = 18
HEADING_MAX_CHARS = 48
CAPTION_MAX_CHARS = 90


def _clean(text: str) -> str:
    text = text.replace("\u3000", " ").replace("\u00a0", " ").strip()
    return _SPACE_RUN.sub(" ", text) if "  " in text else text  # most lines have no run


def _heading_text(text: str) -> str:
    return text.replace("**", "").strip()


def heading_length(text: str) -> int:
    return len(text.replace(" ", ""))


def is_heading_like(text: str, max_chars: int = HEADING_MAX_CHARS) -> bool:
    plain = _heading_text(text)
    return (
        0 < heading_length(plain) <= max_chars
        and not _SENTENCE_MARKS.search(plain)
        and not _ENDS_OPEN.search(plain)
        and not plain.endswith(("！", "…", "”。"))
    )


def is_byline(text: str) -> bool:
    return len(text) <= 40 and bool(_CREDIT.search(text) or _NAMES_ONLY.match(text))


def classify(raw_lines: list[str]) -> list[Element]:
    """Type every non-blank line; wrapped titles come back as one element."""
    marked_issue = any(_MARKER.match(line.strip()) for line in raw_lines)
    elements: list[Element] = []
    gap = 0
    previous_hard_break = False
    for number, raw in enumerate(raw_lines, start=1):
        line = _clean(raw)
        if not line:
            gap += 1
            previous_hard_break = False
            continue
        element = _classify_line(line, number, gap, elements, marked_issue, previous_hard_break)
        if element is not None:
            elements.append(element)
        previous_hard_break = raw.rstrip("\r\n").endswith("  ")
        gap = 0
    return elements


def _open_title(elements: list[Element]) -> Element | None:
    if elements and elements[-1].kind is Kind.TITLE:
        return elements[-1]
    return None


def _classify_line(
    line: str,
    number: int,
    gap: int,
    elements: list[Element],
    marked_issue: bool,
    previous_hard_break: bool,
) -> Element | None:
    marker = 0
    match = _MARKER.match(line)
    if match:
        marker, line = len(match.group(1)), match.group(2).strip()
        if not line:
            return Element(Kind.BARE_MARK, match.group(1), [number], marker, gap)
    text = fix_punctuation(line)

    def make(kind: Kind, value: str | None = None) -> Element:
        return Element(kind, text if value is None else value, [number], marker, gap)

    plain = _heading_text(text)
    if _PRINT_ONLY.match(plain):
        return make(Kind.PRINT_ONLY)
    if looks_like_label(plain):
        return make(Kind.LABEL, plain)
    if text.startswith("◆"):
        return make(Kind.BRIEF, text.lstrip("◆ ").strip())
    if text.startswith("◎"):
        return make(Kind.POINT)
    if plain.startswith("——") or plain.startswith("--"):
        return make(Kind.SUBTITLE, plain.lstrip("—- ").strip())
    if is_byline(plain):
        return make(Kind.BYLINE)
    if marker >= 3:
        return make(Kind.SUBHEAD, plain)
    if marker:
        return make(Kind.TITLE, plain)
    if not is_heading_like(text):
        if marked_issue and gap >= 2 and is_heading_like(text, CAPTION_MAX_CHARS):
            return make(Kind.CAPTION, plain)
        return make(Kind.PARA)
    return _bare_heading(plain, number, gap, elements, marked_issue, previous_hard_break)


def _two_part(text: str) -> bool:
    """Headlines printed as 主题 + 副题 on one line: two long halves split by a space."""
    halves = text.split(" ")
    return len(halves) >= 2 and all(heading_length(h) >= 6 for h in halves[:2])


def _bare_heading(
    text: str,
    number: int,
    gap: int,
    elements: list[Element],
    marked_issue: bool,
    previous_hard_break: bool,
) -> Element:
    title = _open_title(elements)
    if title is not None and gap == 0 and (previous_hard_break or not title.marker):
        # A title wrapped over two lines (重庆45个站点 / 入选全国“最美驿站”).
        title.text = f"{title.text} {text}"
        title.lines.append(number)
        return None  # type: ignore[return-value]
    if title is not None and gap <= 1:
        if title.marker or (heading_length(text) < TITLE_MIN_CHARS and not _two_part(text)):
            return Element(Kind.SUBTITLE, text, [number], 0, gap)
        return Element(Kind.TITLE, text, [number], 0, gap)
    if elements and elements[-1].kind is Kind.LABEL:
        return Element(Kind.TITLE, text, [number], 0, gap)
    in_story = any(e.kind is Kind.TITLE for e in elements)
    if marked_issue:
        # Issues with marked headings mark their titles; bare lines after a gap are captions.
        kind = Kind.CAPTION if gap >= 2 or not in_story else Kind.SUBHEAD
        if not in_story and gap < 2:
            kind = Kind.TITLE
        return Element(kind, text, [number], 0, gap)
    if heading_length(text) >= TITLE_MIN_CHARS or not in_story:
        return Element(Kind.TITLE, text, [number], 0, gap)
    return Element(Kind.SUBHEAD, text, [number], 0, gap)
