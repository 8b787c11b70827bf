"""Millions of integers as JSON text at once, with numpy.

An edition's shards at 20,000 articles hold some 40 million numbers; ``json.dumps`` of Python
lists spent a fifth of the build on them. Here the numbers are written as decimal digits, one
pass per digit position, each followed by a comma, a block of rows at a time (fresh arrays of
hundreds of megabytes cost more in page faults than the arithmetic); a list is then a slice of
the text without its last comma, exactly what ``json.dumps`` writes between its brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

_COMMA = ord(",")
_POWERS = [10**k for k in range(1, 10)]
BLOCK_ROWS = 1 << 19


def _decimal(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(text bytes of ``numbers``, each followed by a comma; offset where each one starts)."""
    digits = np.ones(len(numbers), dtype=np.uint8)
    for power in _POWERS:
        above = numbers >= power
        if not above.any():
            break
        digits += above
    ends = np.cumsum(digits + np.uint8(1), dtype=np.int64)  # one past each comma
    out = np.full(int(ends[-1]), _COMMA, dtype=np.uint8)
    ones = ends - 2  # where each number's ones digit goes
    out[ones] = 48 + (numbers % 10).astype(np.uint8)
    for position, power in enumerate(_POWERS, start=1):
        longer = np.flatnonzero(digits > position)
        if not len(longer):
            break
        out[ones[longer] - position] = 48 + ((numbers[longer] // power) % 10).astype(np.uint8)
    return out, np.concatenate(([0], ends))


def int_lists(columns: Sequence[np.ndarray], row_bounds: np.ndarray) -> list[bytes]:
    """JSON text of lists of non-negative integers below 2**32.

    The numbers are the rows of ``columns`` read row by row (row i: columns[0][i],
    columns[1][i], ...); list k holds rows ``row_bounds[k]`` up to ``row_bounds[k + 1]``.
    Returns ``a,b,c`` for each list (b"" for an empty one).
    """
    rows = len(columns[0])
    width = len(columns)
    bounds = np.asarray(row_bounds, dtype=np.int64)
    offsets = np.zeros(len(bounds), dtype=np.int64)
    pieces: list[bytes] = []
    base = 0
    for start in range(0, rows, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, rows)
        block = np.empty((stop - start) * width, dtype=np.int64)
        for number, column in enumerate(columns):
            block[number::width] = column[start:stop]
        if int(block.min()) < 0 or int(block.max()) >= 1 << 32:
            raise ValueError("int_lists takes integers from 0 to 2**32 - 1")
        text, starts = _decimal(block.astype(np.uint32))
        first, last = np.searchsorted(bounds, [start, stop])
        offsets[first:last] = base + starts[(bounds[first:last] - start) * width]
        pieces.append(text.tobytes())
        base += len(text)
    offsets[bounds >= rows] = base
    joined = b"".join(pieces)
    return [joined[a : b - 1] if b > a else b"" for a, b in pairwise(offsets.tolist())]
