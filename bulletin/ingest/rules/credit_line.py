from __future__ import annotations

from ..credits import CREDIT_MAX_CHARS, credit_of
from ..model import Element, Kind
from .base import Context, Line


def credit_line(line: Line, context: Context) -> Element | None:
    """A byline or photo credit on a line of its own (记者 张三, 张三 摄, 文/图 张三,
    图片由X提供, 本报讯（记者 张三）): metadata of its story, never a heading or body text."""
    if len(line.plain) > CREDIT_MAX_CHARS:  # a paragraph: most lines
        return None
    return line.element(Kind.BYLINE, line.plain) if credit_of(line.plain) is not None else None
