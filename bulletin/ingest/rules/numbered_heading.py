from __future__ import annotations

import re

from ..model import Element, Kind
from .base import Context, Line, is_heading_like

# 一、 （一） 1. 1、 (1): the numbering of a story's parts; never a story title.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．]|[（(]\d{1,2}[）)])"
)


def numbered_heading(line: Line, context: Context) -> Element | None:
    """一、 / （一） / 1. headings inside a story: subheads. A numbered full sentence stays
    a paragraph."""
    if NUMBERED.match(line.plain) and is_heading_like(line.plain) and context.in_story():
        return line.element(Kind.SUBHEAD, line.plain)
    return None
