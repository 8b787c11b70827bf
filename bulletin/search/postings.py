"""Postings of a whole edition in bulk with numpy: the tokenizer of tokenize.py, vectorized.

At 20,000 articles an edition has some 30 million token occurrences; a Python loop per token
(or per posting) cannot build both editions within the issue's 60 seconds on two cores. Here
each field of every article is folded with one ``str.translate``, turned into an array of code
points, and tokens, term frequencies, lunr scores and the phrase trigrams are computed on arrays.
tokenize.py stays the reference (and the mirror of js/tokenize.js): the tests check that these
postings are exactly what lunr.py's Builder makes from tokenize.py's tokens.

A term is a 64-bit key: a CJK bigram is (first << 21) | second, a single CJK character
(first << 21), and a Latin word or number WORD_KEY + its number in a small table. A trigram (three
CJK characters in a row, for the phrase test) is (first << 42) | (second << 21) | third.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bulletin.search import scoring
from bulletin.search.tokenize import CJK_RANGES, WORD_CLASS, Tokenizer

WORD_KEY = 1 << 42
_LOW21 = (1 << 21) - 1
SEPARATOR = "\x00"  # between articles: neither CJK nor a word character, so runs never cross


@dataclass
class FieldTokens:
    keys: np.ndarray  # uint64 term key of each token occurrence, article by article
    docs: np.ndarray  # int64 article number of each occurrence
    lengths: np.ndarray  # int64 number of tokens of the field, per article
    trigram_keys: np.ndarray  # uint64 key of each CJK trigram occurrence
    trigram_docs: np.ndarray  # int64 article number of each trigram occurrence


# Code points past the last CJK range are never folded, never CJK and never word characters.
TABLE_SIZE = max(last for _first, last in CJK_RANGES) + 2
_OTHER, _CJK, _WORD = 0, 1, 2


def _class_table() -> np.ndarray:
    table = np.zeros(TABLE_SIZE, dtype=np.uint8)
    for first, last in CJK_RANGES:
        table[first : last + 1] = _CJK
    for first, last in ((0x30, 0x39), (0x61, 0x7A), (0xDF, 0xFF)):
        table[first : last + 1] = _WORD
    table[0xF7] = _OTHER  # ÷
    return table


CLASSES = _class_table()
_WORD_RUN = re.compile(f"[{WORD_CLASS}]+")


def fold_table(tokenizer: Tokenizer) -> np.ndarray:
    """The tokenizer's folding (width, case, Traditional→Simplified) as a lookup array."""
    table = np.arange(TABLE_SIZE, dtype=np.int64)
    for source, target in tokenizer.table.items():
        if source < TABLE_SIZE:
            table[source] = target if isinstance(target, int) else ord(target)
    return table


def field_tokens(texts: Sequence[str], folding: np.ndarray, words: dict[str, int]) -> FieldTokens:
    """Tokens of one field of every article; ``words`` numbers Latin words across fields."""
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    inside = np.minimum(raw, TABLE_SIZE - 1)
    codes = np.where(raw < TABLE_SIZE, folding[inside], raw)
    classes = CLASSES[np.minimum(codes, TABLE_SIZE - 1)]
    doc_of = np.cumsum(raw == 0)
    cjk = classes == _CJK
    word = classes == _WORD
    before_cjk = np.concatenate(([False], cjk[:-1]))
    after_cjk = np.concatenate((cjk[1:], [False]))
    bigram = cjk & after_cjk
    single = cjk & ~before_cjk & ~after_cjk
    word_start = word & ~np.concatenate(([False], word[:-1]))

    starts = np.flatnonzero(bigram | single | word_start)
    following = np.concatenate((codes[1:], [0]))
    keys = np.where(bigram[starts], (codes[starts] << 21) | following[starts], 0)
    keys = np.where(single[starts], codes[starts] << 21, keys)
    is_word_token = word_start[starts]
    if is_word_token.any():
        # Words are few (dates, numbers, names in Latin letters): number them in Python.
        folded = codes.astype(np.uint32).tobytes().decode("utf-32-le")
        numbers = [
            WORD_KEY + words.setdefault(match.group(), len(words))
            for match in _WORD_RUN.finditer(folded)
        ]
        keys[is_word_token] = np.array(numbers, dtype=np.int64)

    docs = doc_of[starts]
    lengths = np.bincount(docs, minlength=len(texts))
    third = np.concatenate((codes[2:], [0, 0]))
    trigram_at = np.flatnonzero(bigram & np.concatenate((after_cjk[1:], [False])))
    trigram_keys = (
        (codes[trigram_at] << 42) | (following[trigram_at] << 21) | third[trigram_at]
    ).astype(np.uint64)
    return FieldTokens(keys.astype(np.uint64), docs, lengths, trigram_keys, doc_of[trigram_at])


def term_text(key: int, words_by_number: list[str]) -> str:
    if key >= WORD_KEY:
        return words_by_number[key - WORD_KEY]
    second = key & _LOW21
    return chr(key >> 21) + (chr(second) if second else "")


def trigram_text(key: int) -> str:
    return chr(key >> 42) + chr((key >> 21) & _LOW21) + chr(key & _LOW21)


def encode_trigrams(fields: Sequence[FieldTokens]) -> dict[int, list[int]]:
    """trigram key -> gaps between the numbers of the articles holding it (in any field)."""
    keys = np.concatenate([f.trigram_keys for f in fields])
    docs = np.concatenate([f.trigram_docs for f in fields])
    if not len(keys):
        return {}
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
    keys, docs = keys[fresh], docs[fresh]
    new_key = np.ones(len(keys), dtype=bool)
    new_key[1:] = keys[1:] != keys[:-1]
    gaps = docs.copy()
    gaps[1:] -= np.where(new_key[1:], 0, docs[:-1])
    starts = np.flatnonzero(new_key).tolist()
    gap_list = gaps.tolist()
    ends = [*starts[1:], len(gap_list)]
    key_list = keys[new_key].tolist()
    return {key: gap_list[a:b] for key, a, b in zip(key_list, starts, ends, strict=True)}


def _round3_milli(values: np.ndarray) -> np.ndarray:
    """round(value, 3) * 1000 as Python's round does it, also on the rare near-ties."""
    scaled = values * 1000
    milli = np.rint(scaled)
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    for at in np.flatnonzero(near_tie):
        milli[at] = round(round(float(values[at]), 3) * 1000)
    return milli.astype(np.int64)


def encode_edition(
    fields: Sequence[FieldTokens], boosts: Sequence[float], document_count: int
) -> dict[int, list[list[int]]]:
    """term key -> per field the flat posting list js/search.js decodes:
    article gap, score x 1000, article gap, score x 1000, ..."""
    keys = np.concatenate([f.keys for f in fields])
    field_of = np.concatenate(
        [np.full(len(f.keys), i, dtype=np.uint64) for i, f in enumerate(fields)]
    )
    docs = np.concatenate([f.docs for f in fields])
    # Occurrences are article by article within each field; a stable sort by (term, field) keeps
    # the articles in order inside each group.
    order = np.argsort((keys << np.uint64(3)) | field_of, kind="stable")
    keys, field_of, docs = keys[order], field_of[order], docs[order]

    total = len(keys)
    new_group = np.ones(total, dtype=bool)  # a posting: one (term, field, article)
    new_group[1:] = (
        (keys[1:] != keys[:-1]) | (field_of[1:] != field_of[:-1]) | (docs[1:] != docs[:-1])
    )
    group_start = np.flatnonzero(new_group)
    tf = np.diff(np.concatenate((group_start, [total])))
    g_key, g_field, g_doc = keys[group_start], field_of[group_start], docs[group_start]

    # lunr's idf counts (field, article) pairs per term.
    new_term = np.ones(len(group_start), dtype=bool)
    new_term[1:] = g_key[1:] != g_key[:-1]
    term_start = np.flatnonzero(new_term)
    pairs = np.diff(np.concatenate((term_start, [len(group_start)])))
    idf_by_pairs = {int(p): scoring.idf(int(p), document_count) for p in np.unique(pairs)}
    term_idf = np.array([idf_by_pairs[int(p)] for p in pairs])[np.cumsum(new_term) - 1]

    norms = np.zeros(len(group_start))
    boost = np.zeros(len(group_start))
    for number, f in enumerate(fields):
        average = f.lengths.sum() / len(f.lengths) if len(f.lengths) else 0
        field_norm = np.array(
            [scoring.length_norm(int(n), average) if average else 0.0 for n in f.lengths]
        )
        here = g_field == number
        norms[here] = field_norm[g_doc[here]]
        boost[here] = boosts[number]
    # The same operations in the same order as scoring.score (and lunr.py).
    values = term_idf * ((scoring.K1 + 1) * tf) / (norms + tf)
    values = values * boost
    milli = _round3_milli(values)

    # Article gaps restart with each (term, field).
    new_list = np.ones(len(group_start), dtype=bool)
    new_list[1:] = (g_key[1:] != g_key[:-1]) | (g_field[1:] != g_field[:-1])
    doc_gap = g_doc.copy()
    doc_gap[1:] -= np.where(new_list[1:], 0, g_doc[:-1])
    # Lay out every posting as [gap, milli] in one array.
    out_start = np.arange(len(group_start)) * 2
    flat = np.zeros(2 * len(group_start), dtype=np.int64)
    flat[0::2] = doc_gap
    flat[1::2] = milli
    flat_list = flat.tolist()

    list_start = np.flatnonzero(new_list)
    list_end = np.concatenate((list_start[1:], [len(group_start)]))
    out_at = [*out_start.tolist(), len(flat_list)]
    list_keys = g_key[list_start].tolist()
    list_fields = g_field[list_start].tolist()
    encoded: dict[int, list[list[int]]] = {}
    for key, field, first, last in zip(
        list_keys, list_fields, list_start.tolist(), list_end.tolist(), strict=True
    ):
        lists = encoded.get(key)
        if lists is None:
            lists = encoded[key] = [[] for _ in fields]
        lists[field] = flat_list[out_at[first] : out_at[last]]
    return encoded


def edition_postings(
    field_texts: Sequence[Sequence[str]], boosts: Sequence[float], tokenizer: Tokenizer
) -> tuple[dict[str, list[list[int]]], dict[str, list[int]]]:
    """For the articles whose field texts are given: term -> encoded postings per field, and
    trigram -> article gaps."""
    words: dict[str, int] = {}
    folding = fold_table(tokenizer)
    fields = [field_tokens(texts, folding, words) for texts in field_texts]
    document_count = len(field_texts[0]) if field_texts else 0
    encoded = encode_edition(fields, boosts, document_count)
    by_number = sorted(words, key=words.__getitem__)
    terms = {term_text(key, by_number): lists for key, lists in encoded.items()}
    trigrams = {trigram_text(key): gaps for key, gaps in encode_trigrams(fields).items()}
    return terms, trigrams
