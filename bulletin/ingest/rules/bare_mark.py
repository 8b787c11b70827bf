from __future__ import annotations

from ..model import Element, Kind
from .base import Context, Line


def bare_mark(line: Line, context: Context) -> Element | None:
    """A lone `#` with no text: a heading whose words the OCR lost; dropped and reported."""
    if line.marker and not line.text:
        return line.element(Kind.BARE_MARK, "#" * line.marker)
    return None
