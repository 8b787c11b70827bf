"""Write one edition's search index: term shards, document store, facets and a small meta file.

Layout under the edition's folder (all JSON, UTF-8, byte-identical from run to run):

    meta.json            fields, shard counts, years, columns, districts and the fold map
    t/<n>.json           postings of the terms whose hash falls in shard n
    p/<n>.json           articles holding each trigram (three CJK characters in a row) of shard n
    d/<id>.json          one article's title, date, column, districts, URL and text
    f/c<i>.json          ids of the articles in column i; f/d<i>.json the same for district i

A monolithic lunr index cannot be loaded in part, and for bigram-tokenized Chinese it grows by
about 4.5 KB gzipped per article. Here every term lives in exactly one shard, chosen by a hash of
the term the browser computes too, so a query fetches only its terms' shards. Each posting holds
lunr's score for that term, field and article: that is all lunr.js needs to match and score.
Whether a story holds the query as a whole phrase rather than scattered bigrams is told by
trigrams, kept apart in p/ and fetched only for queries of three or more CJK characters: a list
of articles per trigram costs far less than token positions on every posting (a common bigram
such as 工会 occurs a dozen times in most articles). Articles are numbered by date, so a year
is a range of ids.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bulletin.search.documents import SearchDocument, check_documents
from bulletin.search.postings import edition_postings
from bulletin.search.tokenize import Tokenizer

FORMAT = 2
# Field names and build-time boosts, in the order postings list them.
FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 10),
    ("subtitle", 5),
    ("body", 1),
    ("column", 2),
    ("districts", 3),
)
# Raw bytes of postings per shard file: big enough to keep the file count sane at 20,000
# articles, small enough that a rare term's shard is a few kilobytes compressed.
SHARD_TARGET_BYTES = 48_000
PHRASE_SHARD_TARGET_BYTES = 48_000


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over the term's code points, the same in js/search.js."""
    value = 0x811C9DC5
    for char in term:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def field_text(doc: SearchDocument, field: str) -> str:
    value = doc[field]  # type: ignore[literal-required]
    return " ".join(value) if isinstance(value, list) else str(value)


@dataclass
class EditionIndex:
    """What was written, for reports and the benchmark."""

    documents: int
    terms: int
    shards: int
    bytes_written: int


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def sort_documents(documents: Sequence[SearchDocument]) -> list[SearchDocument]:
    """Oldest first; the number of an article in the index is its place in this order."""
    return sorted(documents, key=lambda doc: (doc["date"], doc["id"]))


def _write_shards(folder: Path, entries: Mapping[str, object], target: int) -> tuple[int, int]:
    """Spread ``entries`` over hash shards of about ``target`` bytes; return (shards, bytes)."""
    encoded = {key: _dump(value) for key, value in entries.items()}
    total = sum(len(key) + len(text) + 4 for key, text in encoded.items())
    shards = max(1, math.ceil(total / target))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for key in sorted(encoded):
        buckets[shard_of(key, shards)].append(key)
    written = 0
    for number, keys in enumerate(buckets):
        body = ",".join(f"{_dump(key)}:{encoded[key]}" for key in keys)
        written += _write(folder / f"{number}.json", "{" + body + "}")
    return shards, written


def _facet(documents: Sequence[SearchDocument], values_of) -> list[tuple[str, list[int]]]:
    members: dict[str, list[int]] = {}
    for number, doc in enumerate(documents):
        for value in values_of(doc):
            if value:
                members.setdefault(value, []).append(number)
    return sorted(members.items())


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *numbers], numbers, strict=False)]


def _store_entry(doc: SearchDocument) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": doc["id"],
        "url": doc["url"],
        "title": doc["title"],
        "subtitle": doc["subtitle"],
        "date": doc["date"],
        "column": doc["column"],
        "districts": list(doc["districts"]),
        "text": doc["body"],
    }
    if doc.get("alternate_url"):
        entry["alternate_url"] = doc["alternate_url"]
    return entry


def write_edition_index(
    documents: Sequence[Mapping], out_dir: Path, fold_map: Mapping[str, str]
) -> EditionIndex:
    """Build and write one edition's index into ``out_dir`` (emptied of old shards first)."""
    docs = sort_documents(check_documents(documents))
    tokenizer = Tokenizer(fold_map)
    field_texts = [[field_text(doc, field) for doc in docs] for field, _boost in FIELDS]
    postings, trigrams = edition_postings(
        field_texts, [boost for _field, boost in FIELDS], tokenizer
    )
    for sub in ("t", "p", "d", "f"):
        folder = out_dir / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
    written = 0
    shards, size = _write_shards(out_dir / "t", postings, SHARD_TARGET_BYTES)
    phrase_shards, phrase_size = _write_shards(out_dir / "p", trigrams, PHRASE_SHARD_TARGET_BYTES)
    written += size + phrase_size
    for number, doc in enumerate(docs):
        written += _write(out_dir / "d" / f"{number}.json", _dump(_store_entry(doc)))

    columns = _facet(docs, lambda doc: [doc["column"]])
    districts = _facet(docs, lambda doc: doc["districts"])
    for prefix, facet in (("c", columns), ("d", districts)):
        for number, (_name, members) in enumerate(facet):
            written += _write(out_dir / "f" / f"{prefix}{number}.json", _dump(_gaps(members)))

    years: dict[int, list[int]] = {}
    for number, doc in enumerate(docs):
        years.setdefault(int(doc["year"]), [number, number])[1] = number
    meta = {
        "format": FORMAT,
        "fields": [field for field, _boost in FIELDS],
        "shards": shards,
        "phraseShards": phrase_shards,
        "documents": len(docs),
        "years": [[year, first, last] for year, (first, last) in sorted(years.items())],
        "columns": [[name, len(members)] for name, members in columns],
        "districts": [[name, len(members)] for name, members in districts],
        "fold": "".join(source + target for source, target in sorted(fold_map.items())),
    }
    written += _write(out_dir / "meta.json", _dump(meta))
    return EditionIndex(len(docs), len(postings), shards, written)
