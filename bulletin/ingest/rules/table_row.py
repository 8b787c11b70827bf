from __future__ import annotations

import re

from ..model import Element, Kind
from .base import Context, Line

_CELL_SPLIT = re.compile(r"\s+")
_SENTENCE = re.compile(r"[。；，！？]")
TABLE_MIN_CELLS = 3
CELL_MAX_CHARS = 14


def cells(text: str) -> list[str]:
    """The cells of a table row flattened into one line (cells split by spaces)."""
    return _CELL_SPLIT.split(text.strip())


def _row_shape(text: str | None) -> int:
    """Number of cells when the text reads as a table row, else 0."""
    if not text or _SENTENCE.search(text):
        return 0
    found = cells(text.replace("**", ""))
    if len(found) < TABLE_MIN_CELLS or any(len(c) > CELL_MAX_CHARS for c in found):
        return 0
    return len(found)


def table_row(line: Line, context: Context) -> Element | None:
    """A row of a table flattened into a line: three or more short cells split by spaces,
    next to a row with as many cells (the one before or the one after), with a number in one
    of them. Rows stay together and render as a table."""
    count = _row_shape(line.plain)
    if not count:
        return None
    last = context.last
    after_row = last is not None and last.kind is Kind.TABLE and len(cells(last.text)) == count
    before_row = context.next_gap <= 1 and _row_shape(context.next_text) == count
    digits = any(ch.isdigit() for ch in line.plain + (context.next_text or ""))
    if after_row or (before_row and digits):
        return line.element(Kind.TABLE, line.plain)
    return None
