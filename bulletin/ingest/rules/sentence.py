from __future__ import annotations

import re

from ..model import Element, Kind
from .base import CAPTION_MAX_CHARS, Context, Line, is_heading_like

_PICTURED = re.compile(r"^(?:图为|上图|下图|左图|右图|图\d?[:：])")


def sentence(line: Line, context: Context) -> Element | None:
    """Text that reads as sentences is a paragraph; a short one that says what a picture
    shows (图为…) is a photo caption, and so, in an issue that marks its headings, is a short
    one standing after a run of blank lines (where the photo was)."""
    if is_heading_like(line.text):
        return None
    if _PICTURED.match(line.plain) and len(line.plain) <= CAPTION_MAX_CHARS:
        return line.element(Kind.CAPTION, line.plain)  # 图为…: a photo's caption
    if context.marked_issue and line.gap >= 2 and is_heading_like(line.text, CAPTION_MAX_CHARS):
        return line.element(Kind.CAPTION, line.plain)
    return line.element(Kind.PARA)
