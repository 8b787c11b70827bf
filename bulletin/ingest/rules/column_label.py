from __future__ import annotations

from ...sections import looks_like_label
from ..model import Element, Kind
from .base import Context, Line


def column_label(line: Line, context: Context) -> Element | None:
    """A column or banner label (渝工港湾, 一周动态), with or without #: the stories after it
    belong to that column until the next label."""
    return line.element(Kind.LABEL, line.plain) if looks_like_label(line.plain) else None
