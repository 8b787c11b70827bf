from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line, is_heading_like, looks_like_kicker

KICKER_MAX_CHARS = 30


def kicker_line(line: Line, context: Context) -> Element | None:
    """A kicker (引题) ending in ： or —— straight above a headline line (产业工人队伍建设改革
    一线： / # “AI质检员”上岗…): a headline line, not a sentence left open."""
    text = line.plain
    if not text.endswith(("：", ":", "——")) or len(text) > KICKER_MAX_CHARS:
        return None
    if not (looks_like_kicker(text) and is_heading_like(text.rstrip("：:—"))):
        return None
    if context.next_text is None or context.next_gap > 1 or not is_heading_like(context.next_text):
        return None
    return line.element(Kind.TITLE, text)
