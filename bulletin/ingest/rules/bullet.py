from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line

BULLETS = "◆■●▲★•◇□○△☆"


def bullet(line: Line, context: Context) -> Element | None:
    """A bulleted item (◆ a news brief; ■ ● ▲ items in a story): one list item."""
    if line.text[:1] in BULLETS:
        text = line.text.lstrip(BULLETS + " ").strip()
        return line.element(Kind.BRIEF, text) if text else None
    return None
