"""What one build of an edition's index leaves for the next: its postings, article by article.

A rebuild after one new issue should tokenize the new articles only. The cache is one file per
edition, ``<cache folder>/index.npz``, holding the last build's merged postings and trigrams
(postings.py's packed integers), the token counts per field of each article, the character and
word numbering those integers use, the fold map they were folded with, and for each article a
hash of everything its postings come from. The next build keeps the postings of every article
whose hash it finds again (renumbered, since numbers follow dates) and tokenizes the others; an
article that holds a character whose folding changed is tokenized again too. The output never
depends on the cache: the tests build cold, warm and stale and compare the bytes.

A cache that cannot be read, or was written by another version, is ignored with a warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bulletin.search.postings import (
    CID_BITS,
    DOC_SHIFT,
    FIELD_SHIFT,
    MAX_CHARS,
    MAX_DOCUMENTS,
    TABLE_SIZE,
    TERM_SHIFT,
    TRIGRAM_DOC_BITS,
    WORD_KEY,
    Postings,
    Tables,
    blocks,
)

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
CACHE_FILE = "index.npz"
_ARRAYS = ("header", "hashes", "lengths", "postings", "trigrams", "overflow", "chars", "words")


def document_hash(doc: Mapping, fields: Sequence[str]) -> bytes:
    """16 bytes naming what an article's postings come from (id and date fix its number)."""
    parts = [str(doc["id"]), str(doc["date"])]
    for name in fields:
        value = doc[name]
        parts.append("\x1e".join(value) if isinstance(value, list) else str(value))
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).digest()


@dataclass
class CachedEdition:
    hashes: list[bytes]  # per article number of the cached build
    postings: Postings
    tables: Tables
    fold: str


def _header(fields: Sequence[str], fold: str) -> dict:
    return {"format": CACHE_FORMAT, "fields": list(fields), "fold": fold}


def load(folder: Path, fields: Sequence[str]) -> CachedEdition | None:
    """The cached edition in ``folder``, or None (with a warning when a file was there)."""
    path = folder / CACHE_FILE
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in _ARRAYS}
        header = json.loads(arrays["header"].tobytes().decode("utf-8"))
        if header.get("format") != CACHE_FORMAT or header.get("fields") != list(fields):
            raise ValueError("written by another version of the index")
        cached = _checked(arrays, header, len(fields))
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError) as error:
        log.warning("search index cache %s ignored (%s); building from scratch", path, error)
        return None
    return cached


def _checked(arrays: dict[str, np.ndarray], header: dict, field_count: int) -> CachedEdition:
    hashes, lengths = arrays["hashes"], arrays["lengths"]
    count = len(hashes)
    postings, trigrams = arrays["postings"], arrays["trigrams"]
    overflow = arrays["overflow"]
    if (
        hashes.dtype != np.uint8
        or hashes.shape != (count, 16)
        or lengths.shape != (count, field_count)
        or postings.dtype != np.uint64
        or trigrams.dtype != np.uint64
        or overflow.dtype != np.uint64
        or overflow.ndim != 2
        or arrays["chars"].dtype != np.uint32
        or count > MAX_DOCUMENTS
    ):
        raise ValueError("arrays of the wrong shape")
    doc_mask = np.uint64(MAX_DOCUMENTS - 1)
    if len(postings) and int(((postings >> np.uint64(DOC_SHIFT)) & doc_mask).max()) >= count:
        raise ValueError("postings of articles it does not list")
    doc_bits = np.uint64((1 << TRIGRAM_DOC_BITS) - 1)
    if len(trigrams) and int((trigrams & doc_bits).max()) >= count:
        raise ValueError("trigrams of articles it does not list")
    chars = arrays["chars"].tolist()
    words = arrays["words"].tobytes().decode("utf-8").split("\n") if len(arrays["words"]) else []
    if len(set(chars)) != len(chars) or len(set(words)) != len(words):
        raise ValueError("a character or word numbered twice")
    if any(code >= TABLE_SIZE for code in chars):
        raise ValueError("a character that is not CJK")
    tables = Tables(chars, words)
    if not _numbers_known(postings, trigrams, field_count, len(chars), len(words)):
        raise ValueError("postings of characters or words it does not list")
    return CachedEdition(
        [bytes(row) for row in hashes],
        Postings(
            postings,
            trigrams,
            lengths.astype(np.int64),
            dict(zip(overflow[:, 0].tolist(), overflow[:, 1].tolist(), strict=True)),
        ),
        tables,
        str(header["fold"]),
    )


def _numbers_known(
    postings: np.ndarray, trigrams: np.ndarray, field_count: int, chars: int, words: int
) -> bool:
    """Every field, character and word number in the postings is one the tables have."""
    for piece in blocks(len(postings)):
        values = postings[piece]
        if int(((values >> np.uint64(FIELD_SHIFT)) & np.uint64(7)).max()) >= field_count:
            return False
        terms = values >> np.uint64(TERM_SHIFT)
        word = terms >= WORD_KEY
        if word.any() and int(terms[word].max()) >= WORD_KEY + words:
            return False
        cjk = terms[~word]
        first, second = cjk >> np.uint64(CID_BITS), cjk & np.uint64(MAX_CHARS)
        if len(cjk) and max(int(first.max()), int(second.max())) > chars:
            return False
    for piece in blocks(len(trigrams)):
        values = trigrams[piece] >> np.uint64(TRIGRAM_DOC_BITS)
        for shift in (0, CID_BITS, 2 * CID_BITS):
            if int(((values >> np.uint64(shift)) & np.uint64(MAX_CHARS)).max()) > chars:
                return False
    return True


def save(
    folder: Path,
    fields: Sequence[str],
    fold: str,
    hashes: Sequence[bytes],
    merged: Postings,
    tables: Tables,
) -> None:
    """Write the cache atomically: a build that stops half way leaves the old one."""
    folder.mkdir(parents=True, exist_ok=True)
    overflow = np.array(sorted(merged.overflow.items()), dtype=np.uint64).reshape(-1, 2)
    words = "\n".join(tables.words).encode("utf-8")
    arrays = {
        "header": np.frombuffer(json.dumps(_header(fields, fold)).encode("utf-8"), np.uint8),
        "hashes": np.frombuffer(b"".join(hashes), dtype=np.uint8).reshape(-1, 16),
        "lengths": merged.lengths.astype(np.int32),
        "postings": merged.postings,
        "trigrams": merged.trigrams,
        "overflow": overflow,
        "chars": np.array(tables.chars, dtype=np.uint32),
        "words": np.frombuffer(words, dtype=np.uint8),
    }
    partial = folder / f".{CACHE_FILE}.{os.getpid()}.tmp"
    with partial.open("wb") as out:
        np.savez(out, **arrays)
    os.replace(partial, folder / CACHE_FILE)


def fold_changes(old: str, new: str) -> set[str]:
    """Characters whose folding differs between two fold maps (as meta.json writes them)."""
    before = dict(zip(old[0::2], old[1::2], strict=False))
    after = dict(zip(new[0::2], new[1::2], strict=False))
    return {char for char in before.keys() | after.keys() if before.get(char) != after.get(char)}


def holding_any(chars: set[str]) -> re.Pattern | None:
    """A pattern that finds any of ``chars`` (None for none)."""
    if not chars:
        return None
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")
