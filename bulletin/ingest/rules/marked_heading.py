from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line


def marked_subhead(line: Line, context: Context) -> Element | None:
    """### and deeper: a subhead inside a story."""
    return line.element(Kind.SUBHEAD, line.plain) if line.marker >= 3 else None


def marked_title(line: Line, context: Context) -> Element | None:
    """# or ##: a headline line (kicker, title or subtitle: structure decides which)."""
    return line.element(Kind.TITLE, line.plain) if line.marker else None
