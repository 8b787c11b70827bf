from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line


def dash_subtitle(line: Line, context: Context) -> Element | None:
    """——副题: a subtitle under the headline (or, inside a story, a subhead)."""
    if line.plain.startswith(("——", "--", "—")):
        text = line.plain.lstrip("—- ").strip()
        return line.element(Kind.SUBTITLE, text) if text else None
    return None
