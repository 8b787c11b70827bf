"""lunr's relevance scores, computed in bulk.

lunr.py's ``Builder`` needs about 8 s per 1,000 bigram-tokenized articles on this project's
2-core machine (18 s with token positions): some six minutes per edition at the 20,000-article
target. This module computes exactly what ``Builder._create_field_vectors`` computes — lunr's
BM25 with k1 = 1.2, b = 0.75, field boosts, ``lunr.idf.idf`` and three-decimal rounding — from
plain term counts, so the numbers lunr.js multiplies in the browser are lunr's own.
tests/search/test_index.py checks them against lunr.py's Builder on the seed archive.
"""

from __future__ import annotations

from lunr.idf import idf as lunr_idf

K1 = 1.2  # lunr's defaults (Builder._k1, Builder._b); the browser never needs them
B = 0.75


class _Posting(dict):
    """Just enough of a lunr posting for ``lunr.idf.idf``: one entry per field with a length."""


class _Counted:
    def __init__(self, count: int) -> None:
        self._count = count

    def keys(self) -> range:
        return range(self._count)


def idf(field_document_count: int, document_count: int) -> float:
    """lunr's idf. Like lunr it counts (field, document) pairs, not distinct documents."""
    return lunr_idf({"all": _Counted(field_document_count)}, document_count)


def length_norm(field_length: int, average_length: float) -> float:
    """The document-length part of BM25's denominator, written as lunr.py writes it."""
    return K1 * (1 - B + B * (field_length / average_length))


def score(term_idf: float, tf: int, norm: float, boost: float) -> float:
    """One term in one field of one document, evaluated in lunr.py's order of operations."""
    value = term_idf * ((K1 + 1) * tf) / (norm + tf)
    value *= boost
    value *= 1  # lunr's per-document boost, unused here
    return round(value, 3)
