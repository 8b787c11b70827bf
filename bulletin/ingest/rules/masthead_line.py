from __future__ import annotations

from ..issue_dates import masthead, masthead_number
from ..model import Element, Kind
from .base import Context, Line


def masthead_line(line: Line, context: Context) -> Element | None:
    """The masthead's lines at the top of an issue, its date (2024年6月14日 星期五) and its
    name and number (重庆工会 第30期): the issue's stated date and number, not a story's text."""
    if context.text_seen:
        return None
    if masthead(line.plain) or masthead_number(line.plain):
        return line.element(Kind.MASTHEAD, line.plain)
    return None
