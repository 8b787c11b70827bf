from __future__ import annotations

from ..model import Element, Kind
from .base import (
    TITLE_MIN_CHARS,
    Context,
    Line,
    heading_length,
    is_heading_like,
    looks_like_kicker,
    two_part,
)


def bare_heading(line: Line, context: Context) -> Element:
    """A short line without # marks: its place says what it is.

    Straight under a title with no blank line, it is the title wrapped over two lines (also
    after a Markdown line break); one blank line under a title, a subtitle, unless it is as
    long as a title itself; under a label, a title. In an issue that marks its titles, a bare
    line after a run of blank lines is a caption; elsewhere a long one is a title and a short
    one an in-story subhead.
    """
    text, number, gap = line.plain, line.number, line.gap
    last = context.last
    title = last if last is not None and last.kind is Kind.TITLE else None
    if (
        title is not None
        and gap == 0
        and (line.after_hard_break or not title.marker)
        and not looks_like_kicker(title.text)
        and not (text.startswith("“") and text.endswith("”"))  # a quoted title of its own
    ):
        joined = f"{title.text} {text}"
        return Element(Kind.TITLE, joined, [*title.lines, number], title.marker, title.gap_before)
    if title is not None and gap <= 1:
        if title.marker or (heading_length(text) < TITLE_MIN_CHARS and not two_part(text)):
            return Element(Kind.SUBTITLE, text, [number], 0, gap)
        return Element(Kind.TITLE, text, [number], 0, gap)
    if last is not None and last.kind is Kind.LABEL:
        return Element(Kind.TITLE, text, [number], 0, gap)
    in_story = context.in_story()
    if context.marked_issue:
        if not in_story and gap < 2:
            return Element(Kind.TITLE, text, [number], 0, gap)
        kind = Kind.CAPTION if gap >= 2 or not in_story else Kind.SUBHEAD
        return Element(kind, text, [number], 0, gap)
    wraps = context.next_gap == 0 and is_heading_like(context.next_text or "")
    if heading_length(text) >= TITLE_MIN_CHARS or not in_story or wraps:
        # a heading wrapped over two lines is a title: subheads fit on one
        return Element(Kind.TITLE, text, [number], 0, gap)
    return Element(Kind.SUBHEAD, text, [number], 0, gap)
