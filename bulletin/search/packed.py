"""Millions of integers as short ASCII text at once, with numpy: the shards' posting lists.

A posting list travels as one JSON string instead of a JSON array of numbers: in the browser a
string is parsed by a scan for its closing quote and decoded by a tight loop over char codes,
where an array of numbers costs a number parse and a heap value each (at 20,000 articles the
three terms of 工会驿站 were 410 KB of JSON arrays; as text their shards are about half that,
and still JSON, so any static host gzips them).

Each integer (0 to 2**32 - 1) is written in groups of five bits, least significant first, one
character a group from the base64url alphabet: a character's value is the group, plus 32 when
another group follows. So 0-31 take one character, up to 1,023 two, up to 32,767 three; an
article gap in a common term's list is one character and a score x 1000 two or three.
js/search.js ``unpack`` reads it. The numbers are encoded one pass per group position (not one
Python call per number: an edition holds some 40 million at 20,000 articles), a block of rows
at a time (fresh arrays of hundreds of megabytes cost more in page faults than the arithmetic).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np

ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CODES = np.frombuffer(ALPHABET, dtype=np.uint8)
GROUP_BITS = 5
MORE = 1 << GROUP_BITS
_MASK = MORE - 1
_LIMITS = [1 << (GROUP_BITS * k) for k in range(1, 7)]  # 32 ** 7 > 2 ** 32: at most 7 groups
BLOCK_ROWS = 1 << 19


def pack(numbers: Iterable[int]) -> str:
    """The reference encoder, one number at a time (the tests hold the bulk one to it)."""
    out = []
    for number in numbers:
        if not 0 <= number < 1 << 32:
            raise ValueError("pack takes integers from 0 to 2**32 - 1")
        while number >= MORE:
            out.append(ALPHABET[(number & _MASK) | MORE])
            number >>= GROUP_BITS
        out.append(ALPHABET[number])
    return bytes(out).decode("ascii")


def unpack(text: str) -> list[int]:
    """The numbers ``pack`` wrote; what js/search.js ``unpack`` does."""
    numbers, value, shift = [], 0, 0
    for char in text.encode("ascii"):
        digit = ALPHABET.index(char)
        value |= (digit & _MASK) << shift
        if digit & MORE:
            shift += GROUP_BITS
        else:
            numbers.append(value)
            value, shift = 0, 0
    if shift:
        raise ValueError("packed text ends inside a number")
    return numbers


def _packed(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(text bytes of ``numbers``; offset where each one starts, plus the end)."""
    groups = np.ones(len(numbers), dtype=np.uint8)
    for limit in _LIMITS:
        above = numbers >= limit
        if not above.any():
            break
        groups += above
    ends = np.cumsum(groups, dtype=np.int64)
    starts = ends - groups
    out = np.empty(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    for position in range(int(groups.max()) if len(groups) else 0):
        at = np.flatnonzero(groups > position) if position else np.arange(len(numbers))
        digit = (numbers[at] >> np.uint32(GROUP_BITS * position)) & np.uint32(_MASK)
        digit |= np.where(groups[at] > position + 1, np.uint32(MORE), np.uint32(0))
        out[starts[at] + position] = _CODES[digit]
    return out, np.concatenate(([0], ends))


def packed_lists(columns: Sequence[np.ndarray], row_bounds: np.ndarray) -> list[bytes]:
    """Packed text of lists of non-negative integers below 2**32.

    The numbers are the rows of ``columns`` read row by row (row i: columns[0][i],
    columns[1][i], ...); list k holds rows ``row_bounds[k]`` up to ``row_bounds[k + 1]``.
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
            raise ValueError("packed_lists takes integers from 0 to 2**32 - 1")
        text, starts = _packed(block.astype(np.uint32))
        first, last = np.searchsorted(bounds, [start, stop])
        offsets[first:last] = base + starts[(bounds[first:last] - start) * width]
        pieces.append(text.tobytes())
        base += len(text)
    offsets[bounds >= rows] = base
    joined = b"".join(pieces)
    return [joined[a:b] for a, b in pairwise(offsets.tolist())]
