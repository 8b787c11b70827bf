"""Write one edition's search index: term shards, document store, facets and a small meta file.

Layout under the edition's folder (all JSON, UTF-8, byte-identical from run to run):

    meta.json            fields, shard count, years, columns, districts and the fold map
    t/<n>.json           postings of the terms whose hash falls in shard n
    d/<id>.json          one article's title, date, column, districts, URL and text
    f/c<i>.json          ids of the articles in column i; f/d<i>.json the same for district i

A monolithic lunr index cannot be loaded in part, and for bigram-tokenized Chinese it grows by
about 4.5 KB gzipped per article. Here every term lives in exactly one shard, chosen by a hash of
the term the browser computes too, so a query fetches only its terms' shards. Each posting holds
lunr's score for that term, field and article and the token positions (lunr's ``index``
metadata), which is all lunr.js needs to score and all the ranking needs to tell a whole-phrase
match from a scattered one. Articles are numbered by date, so a year is a range of ids.
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

FORMAT = 1
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
    postings = edition_postings(field_texts, [boost for _field, boost in FIELDS], tokenizer)
    encoded = {term: _dump(lists) for term, lists in postings.items()}
    total = sum(len(term) + len(text) + 4 for term, text in encoded.items())
    shards = max(1, math.ceil(total / SHARD_TARGET_BYTES))
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for term in sorted(encoded):
        buckets[shard_of(term, shards)].append(term)

    for sub in ("t", "d", "f"):
        folder = out_dir / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
    written = 0
    for number, terms in enumerate(buckets):
        body = ",".join(f"{_dump(term)}:{encoded[term]}" for term in terms)
        written += _write(out_dir / "t" / f"{number}.json", "{" + body + "}")
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
        "documents": len(docs),
        "years": [[year, first, last] for year, (first, last) in sorted(years.items())],
        "columns": [[name, len(members)] for name, members in columns],
        "districts": [[name, len(members)] for name, members in districts],
        "fold": "".join(source + target for source, target in sorted(fold_map.items())),
    }
    written += _write(out_dir / "meta.json", _dump(meta))
    return EditionIndex(len(docs), len(encoded), shards, written)
