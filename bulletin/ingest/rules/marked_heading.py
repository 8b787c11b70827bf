from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line


def marked_subhead(line: Line, context: Context) -> Element | None:
    """### and deeper: a subhead inside a story. Straight under a column label, or before any
    title, it is a story's title set small."""
    if line.marker < 3:
        return None
    last = context.last
    if not context.titled or (last is not None and last.kind is Kind.LABEL):
        return None  # marked_title takes it
    return line.element(Kind.SUBHEAD, line.plain)


def marked_title(line: Line, context: Context) -> Element | None:
    """# or ##: a headline line (kicker, title or subtitle: structure decides which)."""
    return line.element(Kind.TITLE, line.plain) if line.marker else None
