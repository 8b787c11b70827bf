"""What every line rule sees: the line itself and what came before it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model import Element, Kind

# Bare lines containing these are sentences, never headings.
_SENTENCE_MARKS = re.compile(r"[。；，]")
_ENDS_OPEN = re.compile(r"[，、：；,]$")
HEADING_MAX_CHARS = 48
# A bare heading this long (without spaces) is a story title, shorter ones are in-story subheads.
TITLE_MIN_CHARS = 18
CAPTION_MAX_CHARS = 90


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the raw file
    text: str  # cleaned, punctuation mended, without its # marks
    marker: int  # number of leading # (0 = a bare line)
    gap: int  # blank lines before it
    after_hard_break: bool  # the line before ended in two spaces (a Markdown line break)

    @cached_property
    def plain(self) -> str:
        """The text without ** emphasis."""
        return self.text.replace("**", "").strip()

    def element(self, kind: Kind, text: str | None = None) -> Element:
        return Element(
            kind, self.text if text is None else text, [self.number], self.marker, self.gap
        )


@dataclass(frozen=True)
class Context:
    before: Sequence[Element]  # the elements typed so far, in order; rules never change them
    marked_issue: bool  # the issue marks (some of) its headings with #
    next_text: str | None  # the next non-blank line, cleaned
    next_gap: int  # blank lines before it
    titled: bool = False  # a title came before: the line is inside a story
    text_seen: bool = False  # a title or a paragraph came before (the masthead is above both)

    @property
    def last(self) -> Element | None:
        return self.before[-1] if self.before else None

    def in_story(self) -> bool:
        return self.titled


# A rule types a line (an Element) or declines it (None). An element whose `lines` start with
# the previous element's lines continues it (a title wrapped over two lines) and replaces it.
Rule = Callable[[Line, Context], Element | None]


def heading_length(text: str) -> int:
    return len(text.replace(" ", ""))


_QUOTED_HEADLINE = re.compile(r"^“[^。“”]{2,28}[^，。！？、]”$")


def is_heading_like(text: str, max_chars: int = HEADING_MAX_CHARS) -> bool:
    """Short, and without the marks of a sentence: how headings look in the raw text. A
    headline may quote someone whole (“这里的凉茶，比家里的还顺口”), commas and all."""
    plain = text.replace("**", "").strip()
    if _QUOTED_HEADLINE.match(plain):
        return True
    return (
        0 < heading_length(plain) <= max_chars
        and not _SENTENCE_MARKS.search(plain)
        and not _ENDS_OPEN.search(plain)
        and not plain.endswith(("！", "…", "”。"))
    )


def two_part(text: str) -> bool:
    """Headlines printed as 主题 + 副题 on one line: two long halves split by a space."""
    halves = text.split(" ")
    return len(halves) >= 2 and all(heading_length(h) >= 6 for h in halves[:2])


KICKER_ENDINGS = ("：", ":", "——")
# A kicker often sets the occasion the title's news answers (中秋国庆“双节”将至 / 全市工会启动
# 节日送温暖); a title or subtitle states what was done, and does not end on the occasion.
OCCASION_ENDINGS = ("将至", "来临", "之际", "前夕", "在即", "临近", "到来")


def looks_like_kicker(text: str) -> bool:
    """A kicker (引题) introduces the title under it (ends with ： or ——), names a series
    (关爱新就业形态劳动者·一线走访) or sets the occasion (春节将至, 高温来临, 五一前夕)."""
    return text.endswith(KICKER_ENDINGS + OCCASION_ENDINGS) or "·" in text
