from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line


def lede_point(line: Line, context: Context) -> Element | None:
    """A ◎ lede point: the key facts printed above or under a feature's headline."""
    return line.element(Kind.POINT) if line.text.startswith("◎") else None
