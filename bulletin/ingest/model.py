"""Data passed between the parsing stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    LABEL = "label"  # column or banner label
    TITLE = "title"
    SUBTITLE = "subtitle"
    SUBHEAD = "subhead"
    PARA = "para"
    BRIEF = "brief"  # ◆ news brief
    POINT = "point"  # ◎ lede point
    CAPTION = "caption"  # text left where a photo was
    BYLINE = "byline"
    PRINT_ONLY = "print-only"  # 扫描查看名单 and the like
    BARE_MARK = "bare-mark"  # a lone "#" with no text
    JUMP = "jump"  # （下转第3版） / （上接第1版）: a story continued on another page
    TABLE = "table"  # a row of a table flattened into a line
    MASTHEAD = "masthead"  # the issue's date (and number) line at the top


@dataclass
class Element:
    kind: Kind
    text: str
    lines: list[int]  # 1-based source line numbers
    marker: int = 0  # number of leading # in the source (0 = bare line)
    gap_before: int = 0  # blank lines before it in the source
    displaced: bool = False  # stood after a cut sentence that continues elsewhere (repair)

    @property
    def first_line(self) -> int:
        return self.lines[0]


@dataclass(frozen=True)
class Warning:
    source: str
    line: int | None
    code: str
    message: str

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass
class Story:
    """A story's headline has up to three parts, as Chinese newspapers print them: 引题
    (kicker, above), 主题 (title) and 副题 (subtitle, below, often after ——)."""

    title: str
    section: str
    title_lines: list[int] = field(default_factory=list)
    label_lines: list[int] = field(default_factory=list)  # the column label it was printed under
    subtitle: str | None = None
    subtitle_lines: list[int] = field(default_factory=list)
    kicker: str | None = None
    kicker_lines: list[int] = field(default_factory=list)
    body: list[Element] = field(default_factory=list)
    credits: list[Element] = field(default_factory=list)  # bylines and photo credits
    jumps: list[Element] = field(default_factory=list)  # 下转/上接 lines it was joined across
    synthetic_title: bool = False
    lede_count: int = 0  # leading body elements that were printed above the title
    lead_in: bool = False  # the introduction of a package of stories, under the page's banner

    def has_text_after_title(self) -> bool:
        return len(self.body) > self.lede_count

    def lines(self) -> list[int]:
        numbers = [*self.label_lines, *self.kicker_lines, *self.title_lines, *self.subtitle_lines]
        for element in (*self.body, *self.credits, *self.jumps):
            numbers.extend(element.lines)
        return list(dict.fromkeys(numbers))  # a printed line may hold a credit and a paragraph

    def is_digest(self) -> bool:
        """Briefs with no headline of their own (◆ items under 一周动态 or under a column)."""
        return (
            self.synthetic_title
            and bool(self.body)
            and all(e.kind is Kind.BRIEF for e in self.body)
        )

    def text_elements(self) -> list[Element]:
        return [e for e in self.body if e.kind in TEXT_KINDS]


@dataclass
class DroppedLine:
    line: int
    text: str
    reason: str


@dataclass
class ParsedIssue:
    source: str
    stories: list[Story]
    dropped: list[DroppedLine]
    warnings: list[Warning]
    headline: str | None = None  # a banner headline that stood over the whole page


# What a reader reads as a story's text (a story with none of these is no story).
TEXT_KINDS = frozenset({Kind.PARA, Kind.BRIEF, Kind.POINT, Kind.TABLE, Kind.CAPTION})
