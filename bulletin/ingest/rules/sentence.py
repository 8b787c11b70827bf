from __future__ import annotations

from ..model import Element, Kind
from .base import CAPTION_MAX_CHARS, Context, Line, is_heading_like


def sentence(line: Line, context: Context) -> Element | None:
    """Text that reads as sentences is a paragraph; in an issue that marks its headings, a
    short one standing after a run of blank lines is a photo caption (where the photo was)."""
    if is_heading_like(line.text):
        return None
    if context.marked_issue and line.gap >= 2 and is_heading_like(line.text, CAPTION_MAX_CHARS):
        return line.element(Kind.CAPTION, line.plain)
    return line.element(Kind.PARA)
