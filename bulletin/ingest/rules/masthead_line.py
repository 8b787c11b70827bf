from __future__ import annotations

from ..dates import masthead
from ..model import Element, Kind
from .base import Context, Line


def masthead_line(line: Line, context: Context) -> Element | None:
    """The masthead's date line at the top of an issue (2024年6月14日 星期五, 第23期 …): the
    issue's stated date and number, not a story's text."""
    if context.text_seen:
        return None
    return line.element(Kind.MASTHEAD, line.plain) if masthead(line.plain) else None
