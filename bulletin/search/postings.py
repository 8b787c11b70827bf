"""Postings of a whole edition in bulk with numpy: the tokenizer of tokenize.py, vectorized.

At 20,000 articles an edition has some 30 million token occurrences; a Python loop per token
cannot build both editions within the issue's 60 seconds on two cores. Articles are tokenized
in chunks of a few hundred (arrays of a few megabytes: on this kind of machine a fresh array of
hundreds of megabytes costs more in page faults than the arithmetic done on it), each field
folded with a lookup array, and every posting becomes one 64-bit integer, so that sorting the
edition's postings is one ``np.sort`` of integers:

    posting  = term << 33 | field << 30 | article << 12 | term frequency (4095 = see overflow)
    term     = cid1 << 15 | cid2 (a CJK bigram), cid1 << 15 (one CJK character alone),
               or WORD_KEY | n (the n-th Latin word or number in ``Tables.words``)
    trigram  = (cid1 << 30 | cid2 << 15 | cid3) << 19 | article

where a cid is a CJK character's number in ``Tables.chars`` (from 1). Both tables only grow,
and the cache (cache.py) keeps them, so postings cached by an earlier build stay valid. The
numbering never shows in the output, which is ordered by term text. tokenize.py stays the
reference (and the mirror of js/tokenize.js): the tests check these postings against lunr.py's
Builder fed with tokenize.py's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from bulletin.search.tokenize import CJK_RANGES, WORD_CLASS, Tokenizer

CID_BITS = 15
MAX_CHARS = (1 << CID_BITS) - 1  # distinct CJK characters (after folding) an index can hold
WORD_KEY = 1 << (2 * CID_BITS)
TERM_SHIFT, FIELD_SHIFT, DOC_SHIFT = 33, 30, 12
DOC_BITS = 18
MAX_DOCUMENTS = 1 << DOC_BITS
TF_MASK = (1 << DOC_SHIFT) - 1  # a count this large is kept exactly in Postings.overflow
TRIGRAM_DOC_BITS = 19
CHUNK_DOCUMENTS = 256
SEPARATOR = "\x00"  # between articles: neither CJK nor a word character, so runs never cross


class IndexLimitError(ValueError):
    """The archive is past what the 64-bit posting layout can number."""


# Code points past the last CJK range are never folded, never CJK and never word characters.
TABLE_SIZE = max(last for _first, last in CJK_RANGES) + 2
_OTHER, CJK_CLASS, _WORD = 0, 1, 2


def _class_table() -> np.ndarray:
    table = np.zeros(TABLE_SIZE, dtype=np.uint8)
    for first, last in CJK_RANGES:
        table[first : last + 1] = CJK_CLASS
    for first, last in ((0x30, 0x39), (0x61, 0x7A), (0xDF, 0xFF)):
        table[first : last + 1] = _WORD
    table[0xF7] = _OTHER  # ÷
    return table


CLASSES = _class_table()
_WORD_RUN = re.compile(f"[{WORD_CLASS}]+")


def fold_table(tokenizer: Tokenizer) -> np.ndarray:
    """The tokenizer's folding (width, case, Traditional→Simplified) as a lookup array."""
    table = np.arange(TABLE_SIZE, dtype=np.uint32)
    for source, target in tokenizer.table.items():
        if source < TABLE_SIZE:
            table[source] = target if isinstance(target, int) else ord(target)
    return table


@dataclass
class Tables:
    """Numbers of CJK characters and Latin words; they only grow (see the module docstring)."""

    chars: list[int] = field(default_factory=list)  # code point of cid 1, 2, ...
    words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cid = np.zeros(TABLE_SIZE, dtype=np.uint64)
        self.cid[np.array(self.chars, dtype=np.int64)] = np.arange(1, len(self.chars) + 1)
        self.word_number = {word: n for n, word in enumerate(self.words)}

    def number_chars(self, codes: np.ndarray) -> None:
        """Give every CJK code point in ``codes`` that has none a number."""
        new = np.unique(codes[self.cid[codes] == 0])
        if not len(new):
            return
        if len(self.chars) + len(new) > MAX_CHARS:
            raise IndexLimitError(f"more than {MAX_CHARS} distinct CJK characters")
        self.cid[new] = np.arange(len(self.chars) + 1, len(self.chars) + len(new) + 1)
        self.chars.extend(new.tolist())

    def number_word(self, word: str) -> int:
        number = self.word_number.get(word)
        if number is None:
            number = self.word_number[word] = len(self.words)
            self.words.append(word)
        return number

    def term_text(self, key: int) -> str:
        if key >= WORD_KEY:
            return self.words[key - WORD_KEY]
        second = key & MAX_CHARS
        text = chr(self.chars[(key >> CID_BITS) - 1])
        return text + chr(self.chars[second - 1]) if second else text

    def trigram_text(self, key: int) -> str:
        cids = (key >> 2 * CID_BITS, (key >> CID_BITS) & MAX_CHARS, key & MAX_CHARS)
        return "".join(chr(self.chars[cid - 1]) for cid in cids)


@dataclass
class Postings:
    """Sorted packed postings and trigrams of some articles (see the module docstring)."""

    postings: np.ndarray  # uint64, sorted
    trigrams: np.ndarray  # uint64, sorted
    lengths: np.ndarray  # int64 [articles, fields]: tokens per field
    overflow: dict[int, int] = field(default_factory=dict)  # posting without tf -> tf


def _sorted_runs(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort occurrences; return each distinct value once with how often it occurs."""
    packed.sort()
    fresh = np.ones(len(packed), dtype=bool)
    fresh[1:] = packed[1:] != packed[:-1]
    starts = np.flatnonzero(fresh)
    counts = np.diff(np.append(starts, len(packed)))
    return packed[starts], counts


def _field_occurrences(
    texts: Sequence[str],
    field_number: int,
    numbers: np.ndarray,
    folding: np.ndarray,
    tables: Tables,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Packed token occurrences (tf bits zero), tokens per article, packed trigrams."""
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for text in texts)
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    inside = raw < TABLE_SIZE
    codes = np.where(inside, folding[np.where(inside, raw, 0)], raw)
    classes = np.where(inside, CLASSES[np.where(inside, codes, 0)], _OTHER)
    doc_of = np.cumsum(raw == 0, dtype=np.int64)
    cjk = classes == CJK_CLASS
    word = classes == _WORD
    tables.number_chars(codes[cjk])
    cid = np.where(cjk, tables.cid[np.where(cjk, codes, 0)], 0)

    after_cjk = np.append(cjk[1:], False)
    before_cjk = np.insert(cjk[:-1], 0, False)
    bigram = cjk & after_cjk
    word_start = word & ~np.insert(word[:-1], 0, False)
    starts = np.flatnonzero(bigram | (cjk & ~before_cjk & ~after_cjk) | word_start)
    following = np.append(cid[1:], np.uint64(0))
    keys = (cid[starts] << np.uint64(CID_BITS)) | np.where(bigram[starts], following[starts], 0)
    is_word = word_start[starts]
    if is_word.any():
        # Words are few (dates, numbers, names in Latin letters): number them in Python.
        folded = codes.tobytes().decode("utf-32-le")
        found = [tables.number_word(m.group()) for m in _WORD_RUN.finditer(folded)]
        keys[is_word] = WORD_KEY + np.array(found, dtype=np.uint64)

    docs = doc_of[starts]
    lengths = np.bincount(docs, minlength=len(texts))
    packed = (
        (keys << np.uint64(TERM_SHIFT))
        | np.uint64(field_number << FIELD_SHIFT)
        | (numbers[docs] << np.uint64(DOC_SHIFT))
    )
    at = np.flatnonzero(bigram & np.append(after_cjk[1:], False))
    third = cid[np.minimum(at + 2, len(cid) - 1)]
    trigram = (cid[at] << np.uint64(2 * CID_BITS)) | (following[at] << np.uint64(CID_BITS)) | third
    trigrams = (trigram << np.uint64(TRIGRAM_DOC_BITS)) | numbers[doc_of[at]]
    return packed, lengths, trigrams


def chunk_postings(
    field_texts: Sequence[Sequence[str]], numbers: np.ndarray, folding: np.ndarray, tables: Tables
) -> Postings:
    """Postings of a few hundred articles: one list of texts a field, the articles' numbers."""
    numbers = np.asarray(numbers, dtype=np.uint64)
    occurrences, lengths, trigrams = [], [], []
    for number, texts in enumerate(field_texts):
        packed, counts, tri = _field_occurrences(texts, number, numbers, folding, tables)
        occurrences.append(packed)
        lengths.append(counts)
        trigrams.append(tri)
    distinct, tf = _sorted_runs(np.concatenate(occurrences))
    big = tf >= TF_MASK
    overflow = dict(zip(distinct[big].tolist(), tf[big].tolist(), strict=True))
    postings = distinct | np.minimum(tf, TF_MASK).astype(np.uint64)
    return Postings(
        postings, _sorted_runs(np.concatenate(trigrams))[0], np.stack(lengths, axis=1), overflow
    )


def tokenize_documents(
    field_texts: Sequence[Sequence[str]], numbers: np.ndarray, folding: np.ndarray, tables: Tables
) -> Iterator[Postings]:
    """``chunk_postings`` over chunks of the given articles (``numbers``: theirs, ascending)."""
    if len(numbers) and int(numbers[-1]) >= MAX_DOCUMENTS:
        raise IndexLimitError(f"more than {MAX_DOCUMENTS} articles in one edition")
    for start in range(0, len(numbers), CHUNK_DOCUMENTS):
        chunk = [texts[start : start + CHUNK_DOCUMENTS] for texts in field_texts]
        yield chunk_postings(chunk, numbers[start : start + CHUNK_DOCUMENTS], folding, tables)


def merge(parts: Sequence[Postings], lengths: np.ndarray) -> Postings:
    """One edition's postings from sorted parts; ``lengths`` are already the edition's.

    The parts' arrays are released as they are merged, to keep the peak low.
    """
    empty = np.zeros(0, dtype=np.uint64)
    postings = np.concatenate([empty, *(p.postings for p in parts)])
    trigrams = np.concatenate([empty, *(p.trigrams for p in parts)])
    overflow: dict[int, int] = {}
    for part in parts:
        overflow.update(part.overflow)
        part.postings = part.trigrams = empty
    # Each part is a sorted run: the stable sort (timsort) merges runs instead of re-sorting.
    postings.sort(kind="stable")
    trigrams.sort(kind="stable")
    return Postings(postings, trigrams, lengths, overflow)


def blocks(count: int, size: int = 1 << 20) -> Iterator[slice]:
    """Slices of about a megaword: elementwise work on big arrays in cache-sized pieces."""
    for start in range(0, count, size):
        yield slice(start, min(start + size, count))


def renumber(part: Postings, new_number: np.ndarray) -> Postings:
    """``part`` with article n renumbered to ``new_number[n]``; articles mapped to -1 dropped.

    The new numbers must keep the kept articles in order, so every list stays sorted.
    """
    if np.array_equal(new_number, np.arange(len(new_number))):
        # Every article keeps its number: the weekly case, a new issue's articles come last.
        return Postings(part.postings, part.trigrams, part.lengths, dict(part.overflow))
    doc_mask = np.uint64((MAX_DOCUMENTS - 1) << DOC_SHIFT)
    kept_postings, kept_trigrams = [], []
    for piece in blocks(len(part.postings)):
        values = part.postings[piece]
        new = new_number[((values & doc_mask) >> np.uint64(DOC_SHIFT)).astype(np.int64)]
        keep = new >= 0
        kept_postings.append(
            (values[keep] & ~doc_mask) | (new[keep].astype(np.uint64) << np.uint64(DOC_SHIFT))
        )
    doc_bits = np.uint64((1 << TRIGRAM_DOC_BITS) - 1)
    for piece in blocks(len(part.trigrams)):
        values = part.trigrams[piece]
        new = new_number[(values & doc_bits).astype(np.int64)]
        keep = new >= 0
        kept_trigrams.append((values[keep] & ~doc_bits) | new[keep].astype(np.uint64))
    overflow = {}
    for key, tf in part.overflow.items():
        number = int(new_number[(key >> DOC_SHIFT) & (MAX_DOCUMENTS - 1)])
        if number >= 0:
            overflow[key & ~int(doc_mask) | number << DOC_SHIFT] = tf
    return Postings(
        np.concatenate([np.zeros(0, np.uint64), *kept_postings]),
        np.concatenate([np.zeros(0, np.uint64), *kept_trigrams]),
        part.lengths,
        overflow,
    )


@dataclass
class Lists:
    """Some articles' postings laid out for the shards (all arrays per posting unless said)."""

    gaps: np.ndarray  # article gap; restarts with each (term, field) list
    tfs: np.ndarray  # term frequency
    list_starts: np.ndarray  # first posting of each (term, field) list, plus the end
    list_terms: np.ndarray  # term key of each list
    list_fields: np.ndarray  # field number of each list


def segment_postings(merged: Postings, first: int, end: int) -> Postings:
    """The postings and trigrams of articles ``first`` to ``end`` - 1, numbered from 0."""
    doc_of = (merged.postings >> np.uint64(DOC_SHIFT)) & np.uint64(MAX_DOCUMENTS - 1)
    keep = (doc_of >= np.uint64(first)) & (doc_of < np.uint64(end))
    postings = merged.postings[keep] - np.uint64(first << DOC_SHIFT)
    trigram_doc = merged.trigrams & np.uint64((1 << TRIGRAM_DOC_BITS) - 1)
    keep = (trigram_doc >= np.uint64(first)) & (trigram_doc < np.uint64(end))
    trigrams = merged.trigrams[keep] - np.uint64(first)
    overflow = {}
    for key, tf in merged.overflow.items():
        number = (key >> DOC_SHIFT) & (MAX_DOCUMENTS - 1)
        if first <= number < end:
            overflow[key - (first << DOC_SHIFT)] = tf
    return Postings(postings, trigrams, merged.lengths[first:end], overflow)


def raw_lists(part: Postings) -> Lists:
    """Every (term, field) list of ``part`` as article gaps and term frequencies: the raw
    statistics the browser scores with lunr's BM25 (js/search.js)."""
    postings = part.postings
    total = len(postings)
    list_key = postings >> np.uint64(FIELD_SHIFT)
    new_list = np.ones(total, dtype=bool)
    new_list[1:] = list_key[1:] != list_key[:-1]
    del list_key
    doc = ((postings >> np.uint64(DOC_SHIFT)) & np.uint64(MAX_DOCUMENTS - 1)).astype(np.int64)
    gaps = np.diff(doc, prepend=0)
    gaps[new_list] = doc[new_list]
    tfs = (postings & np.uint64(TF_MASK)).astype(np.int64)
    for at in np.flatnonzero(tfs == TF_MASK):
        tfs[at] = part.overflow[int(postings[at]) & ~TF_MASK]
    list_starts = np.flatnonzero(new_list)
    heads = postings[list_starts]
    return Lists(
        gaps,
        tfs,
        np.append(list_starts, total),
        heads >> np.uint64(TERM_SHIFT),
        ((heads >> np.uint64(FIELD_SHIFT)) & np.uint64(7)).astype(np.int64),
    )


def trigram_lists(trigrams: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trigram key per list, start of each list plus the end, article gaps) of sorted trigrams."""
    doc_bits = np.uint64((1 << TRIGRAM_DOC_BITS) - 1)
    keys = trigrams >> np.uint64(TRIGRAM_DOC_BITS)
    new_key = np.ones(len(trigrams), dtype=bool)
    new_key[1:] = keys[1:] != keys[:-1]
    docs = (trigrams & doc_bits).astype(np.int64)
    gaps = np.diff(docs, prepend=0)
    gaps[new_key] = docs[new_key]
    starts = np.flatnonzero(new_key)
    return keys[starts], np.append(starts, len(trigrams)), gaps
