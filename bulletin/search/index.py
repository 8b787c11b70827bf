"""Write one edition's search index: immutable segments, document store, facets and meta.json.

Layout under the edition's folder (all JSON, UTF-8, byte-identical from run to run, whether
the build started from a cache or not; README.md "Format" has the whole story):

    meta.json              archive-wide statistics, the segments in order, years, columns,
                           districts and the fold map
    s/<segment>/t/<n>.json term frequencies of the segment's terms, and the articles holding
                           each trigram, whose hash (a trigram's leading bigram's) is n
    s/<segment>/n.json     the segment's articles' token counts per field
    f/<digest>.json        the segment's articles of each column, district and year
    d/<n>.json             article n's title, date, column, districts, URL and text

A monolithic lunr index cannot be loaded in part, and for bigram-tokenized Chinese it grows by
about 4.5 KB gzipped per article. Here every term lives in exactly one shard of each segment,
chosen by a hash of the term the browser computes too, so a query fetches only its terms'
shards. A segment holds raw statistics (term frequencies, field lengths), never scores: lunr's
scores depend on the whole archive, and a segment must not change when an issue is added. The
browser scores with the archive's statistics from meta.json (js/search.js). Posting lists are
JSON strings of packed integers (packed.py: the article gaps, then the term frequencies), not
JSON arrays: the browser parses a string in one scan and decodes it in a tight loop. Whether a
story holds the query as a whole phrase rather than scattered bigrams is told by trigrams: a
list of articles per trigram costs far less than token positions on every posting (a common
bigram such as 工会 occurs a dozen times in most articles).

A file whose bytes are already there is not written again, and files the index no longer has
are removed, so a rebuild into the same folder touches only what changed.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bulletin.search import cache, segments, unchanged
from bulletin.search.documents import SearchDocument, check_documents
from bulletin.search.packed import pack, packed_lists
from bulletin.search.postings import (
    CHUNK_DOCUMENTS,
    Postings,
    Tables,
    fold_table,
    merge,
    raw_lists,
    renumber,
    segment_postings,
    tokenize_documents,
    trigram_lists,
)
from bulletin.search.tokenize import Tokenizer, is_cjk

FORMAT = 4  # 4: immutable segments with raw term statistics (segments.py)
# Field names and build-time boosts, in the order postings list them.
FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 10),
    ("subtitle", 5),
    ("body", 1),
    ("column", 2),
    ("districts", 3),
)
FIELD_NAMES = tuple(name for name, _boost in FIELDS)
# Raw bytes per shard file. Keys are spread by hash, so a query's shard also carries the other
# keys that land in it, and a query fetches one shard per term from every segment: the bytes of
# a first query are mostly these other keys. At 5,000 articles (7 segments) 工会驿站 fetched
# 98 KB gzipped with 3,000-byte term and 2,500-byte trigram shards, 143 KB with 6,000 and
# 6,000; smaller shards cost files (about 8,600 an edition at 5,000 articles, store files
# included).
SHARD_TARGET_BYTES = 3_000


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
    shards: int  # term shards, all segments together
    bytes_written: int
    segments: int = 1
    files_written: int = 0  # files whose bytes changed (the others were left as they were)
    tokenized: int = 0  # articles tokenized in this build (the others came from the cache)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class OutputFolder:
    """Writes files under one folder, leaving alone those whose bytes are already there.

    With a `memo` file (kept in the edition's cache folder), a file is known to hold the bytes
    the last build wrote while its size, time and inode are as that build left them: its
    bytes are compared by digest, not read (at 20,000 articles, 20,000 store files an edition
    a rebuild would otherwise read). A file touched behind the build's back is read as before.

    ``twins``: other editions' index folders. Creating a file costs a few tenths of a
    millisecond of kernel time on this project's machines (ext4), a hard link a fiftieth of
    that, and the editions' term and trigram shards are mostly the same bytes (Traditional is
    folded to Simplified before indexing), so a shard already written there is linked.
    """

    def __init__(
        self,
        root: Path,
        memo: Path | None = None,
        twins: Sequence[Path] = (),
        known: dict[str, list] | None = None,
    ) -> None:
        """``known``: the memo's contents when the caller has read them already."""
        self.root = root
        self.twins = tuple(twins)
        self.wanted: set[Path] = set()
        self.bytes = 0
        self.changed = 0
        self.memo = memo
        self.known: dict[str, list] = _load_memo(memo) if known is None else known
        self.written: dict[str, list] = {}

    def write(
        self, relative: str, data: bytes, shared: bool = False, source: str | None = None
    ) -> None:
        """``shared``: a file another edition may hold with the same bytes (see ``twins``).
        ``source``: a digest of everything ``data`` was made from, for ``kept``."""
        path = self.root / relative
        self.wanted.add(path)
        self.bytes += len(data)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        sourced = [source] if source else []
        try:
            stat = path.stat()
            if stat.st_size == len(data) and (
                self.known.get(relative, [])[:4] == [*_stamp(stat), digest]
                or path.read_bytes() == data
            ):
                self.written[relative] = [*_stamp(stat), digest, *sourced]
                return
            # Unlink first: the old file may be a hard link into an earlier build's output.
            path.unlink()
        except FileNotFoundError:
            pass
        if not (shared and self._linked_from_twin(relative, path, data)):
            path.write_bytes(data)
        self.written[relative] = [*_stamp(path.stat()), digest, *sourced]
        self.changed += 1

    def kept(self, relative: str, source: str) -> bool:
        """True when the last build wrote this file from the same ``source`` (see ``write``)
        and it is as that build left it: its bytes need not be made again. At 20,000 articles
        making the store files cost each rebuild about half a second an edition."""
        entry = self.known.get(relative)
        if not entry or len(entry) < 5 or entry[4] != source:
            return False
        path = self.root / relative
        try:
            stat = path.stat()
        except OSError:
            return False
        if _stamp(stat) != entry[:3]:
            return False
        self.wanted.add(path)
        self.bytes += stat.st_size
        self.written[relative] = entry
        return True

    def _linked_from_twin(self, relative: str, path: Path, data: bytes) -> bool:
        # Another edition's run writes its index at the same time: a file it has not finished
        # differs from ``data`` and is simply not linked. It never changes a file once written.
        # A segment's name covers all its files, and the editions' segments differ in a few
        # terms, so a shard is looked for under the same path in any of the twin's segments.
        for twin in self.twins:
            others = [twin / relative]
            if relative.startswith("s/"):
                others += twin.glob("s/*/" + relative.split("/", 2)[2])
            for other in others:
                try:
                    if other.stat().st_size == len(data) and other.read_bytes() == data:
                        os.link(other, path)
                        return True
                except OSError:  # not there (yet), or another filesystem
                    continue
        return False

    def remove_others(self, folders: Iterable[str]) -> None:
        for name in folders:
            for path in (self.root / name).glob("*.json"):
                if path not in self.wanted:
                    path.unlink()

    def remove_other_segments(self, names: Sequence[str]) -> None:
        """Remove segment folders the index no longer lists (merged into a new one), files in
        the listed ones that it did not write, and the folders of the format before segments."""
        keep = set(names)
        folder = self.root / "s"
        for old in (self.root / "t", self.root / "p"):
            if old.is_dir():
                shutil.rmtree(old)
        for segment in folder.iterdir() if folder.is_dir() else ():
            if segment.name not in keep:
                shutil.rmtree(segment)
                continue
            for path in segment.rglob("*"):
                if path.is_file() and path not in self.wanted:
                    path.unlink()

    def save_memo(self) -> None:
        if self.memo is not None:
            self.memo.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.memo.with_name(f".{self.memo.name}.tmp")
            temporary.write_text(json.dumps(self.written), encoding="utf-8")
            temporary.replace(self.memo)


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _load_memo(memo: Path | None) -> dict[str, list]:
    try:
        known = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        return {}  # no memo: every file is compared by its bytes
    return known if isinstance(known, dict) else {}


def publication_date(doc: SearchDocument) -> str:
    """The date of the issue the article came out in (its own date when not given)."""
    return doc.get("issue_date") or doc["date"]


def sort_documents(documents: Sequence[SearchDocument]) -> list[SearchDocument]:
    """In publication order (see documents.py); an article's number is its place in it."""
    return sorted(documents, key=lambda doc: (publication_date(doc), doc["date"], doc["id"]))


def placement(key: str) -> str:
    """What a key's shard is chosen by: a term itself; a trigram its first two characters, so
    it lies in its leading bigram's shard, which a query for it fetches anyway (the same in
    js/search.js). Terms are at most two CJK characters, trigrams always three."""
    return key[:2] if len(key) == 3 and is_cjk(key[0]) else key


def _shard_files(entries: Sequence[tuple[str, bytes]], target: int) -> list[bytes]:
    """(key, JSON value) pairs spread over hash shards of about ``target`` bytes (by
    ``placement``). Keys are ordered by text in each shard, as json.dumps(sort_keys) would."""
    total = sum(len(key) + len(value) + 4 for key, value in entries)
    shards = max(1, math.ceil(total / target))
    buckets: list[list[tuple[str, bytes]]] = [[] for _ in range(shards)]
    for key, value in sorted(entries):
        buckets[shard_of(placement(key), shards)].append((key, value))
    return [
        b"{" + b",".join(_dump(key).encode("utf-8") + b":" + value for key, value in members) + b"}"
        for members in buckets
    ]


def _term_entries(part: Postings, tables: Tables) -> list[tuple[str, bytes]]:
    """term -> one packed text per field (packed.py): the list's article gaps, then its term
    frequencies, as js/search.js reads them. Gaps apart from frequencies: a common term's gaps
    are runs of ones, its frequencies mostly small, and gzip all but removes such runs."""
    lists = raw_lists(part)
    texts = [
        gaps + tfs
        for gaps, tfs in zip(
            packed_lists((lists.gaps,), lists.list_starts),
            packed_lists((lists.tfs,), lists.list_starts),
            strict=True,
        )
    ]
    entries: list[tuple[str, bytes]] = []
    empty = [b""] * len(FIELDS)
    current, fields = -1, list(empty)
    for key, field, value in zip(
        lists.list_terms.tolist(), lists.list_fields.tolist(), texts, strict=True
    ):
        if key != current:
            if current >= 0:
                entries.append((tables.term_text(current), _strings(fields)))
            current, fields = key, list(empty)
        fields[field] = value
    if current >= 0:
        entries.append((tables.term_text(current), _strings(fields)))
    return entries


def _strings(fields: list[bytes]) -> bytes:
    """A JSON array of packed texts (their alphabet needs no escaping)."""
    return b'["' + b'","'.join(fields) + b'"]'


def _trigram_entries(part: Postings, tables: Tables) -> list[tuple[str, bytes]]:
    keys, starts, gaps = trigram_lists(part.trigrams)
    lists = packed_lists((gaps,), starts)
    return [
        (tables.trigram_text(key), b'"' + value + b'"')
        for key, value in zip(keys.tolist(), lists, strict=True)
    ]


@dataclass
class Segment:
    """One segment's files (path inside its folder -> bytes) and what meta.json says of it."""

    name: str
    facets_name: str  # f/<facets_name>.json: edition's own words, so apart from the segment
    facets: bytes
    first: int
    count: int
    shards: int
    terms: int
    files: dict[str, bytes]


# Facets: the values an article is filtered by, under their names in meta.json and f.json.
FACETS: tuple[tuple[str, Callable[[SearchDocument], list[str]]], ...] = (
    ("columns", lambda doc: [doc["column"]]),
    ("districts", lambda doc: list(doc["districts"])),
    ("years", lambda doc: [str(doc["year"])]),
)


def build_segment(
    part: Postings, tables: Tables, first: int, docs: Sequence[SearchDocument]
) -> Segment:
    """The files of one segment: the articles of ``part``, numbered from 0 inside it.

    ``n.json`` holds each article's token count per field (lunr's field lengths), the other
    files the term and trigram shards. The name is a digest of those bytes: a segment that
    changes is a new folder, and a published one is never written again. Its articles of each
    column, district and year (packed gaps) are a file of their own, named by its digest too:
    they are in the edition's words, while the segment's files are folded (Traditional to
    Simplified), so the other edition holds the same segment and it is hard-linked.
    """
    terms = _term_entries(part, tables)
    shards = _shard_files(terms + _trigram_entries(part, tables), SHARD_TARGET_BYTES)
    files = {f"t/{n}.json": data for n, data in enumerate(shards)}
    per_field = [
        packed_lists((column,), np.array([0, len(column)]))[0] for column in part.lengths.T
    ]
    files["n.json"] = _strings(per_field)
    facets = {
        name: {value: pack(_gaps(members)) for value, members in _facet(docs, values_of)}
        for name, values_of in FACETS
    }
    facet_bytes = _dump(facets).encode("utf-8")
    digest = hashlib.blake2b(digest_size=8)
    for path, data in sorted(files.items()):
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return Segment(
        digest.hexdigest(),
        hashlib.blake2b(facet_bytes, digest_size=8).hexdigest(),
        facet_bytes,
        first,
        len(part.lengths),
        len(shards),
        len(terms),
        files,
    )


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


def _store_source(code: bytes, doc: SearchDocument, digest: bytes) -> str:
    """What an article's store file is made from: ``digest`` covers the indexed fields (see
    cache.document_hash), the rest are its URLs; ``code`` the index's code."""
    urls = f"{doc['url']}\0{doc.get('alternate_url') or ''}".encode()
    return hashlib.blake2b(code + digest + urls, digest_size=16).hexdigest()


def fold_string(fold_map: Mapping[str, str]) -> str:
    """The fold map as meta.json carries it: (Traditional, Simplified) pairs, sorted."""
    return "".join(source + target for source, target in sorted(fold_map.items()))


def edition_postings(
    docs: Sequence[SearchDocument],
    fold_map: Mapping[str, str],
    hashes: Sequence[bytes],
    cache_dir: Path | None = None,
) -> tuple[Postings, Tables, int]:
    """The merged postings of ``docs`` (in index order, ``hashes`` theirs), the tables their
    numbers refer to, and how many articles were tokenized; with ``cache_dir``, reusing the
    cache there and leaving it up to date."""
    fold = fold_string(fold_map)
    cached = cache.load(cache_dir, FIELD_NAMES) if cache_dir is not None else None
    tables = cached.tables if cached else Tables()
    lengths = np.zeros((len(docs), len(FIELDS)), dtype=np.int64)
    parts: list[Postings] = []
    todo = np.arange(len(docs))
    if cached is not None:
        refold = cache.holding_any(cache.fold_changes(cached.fold, fold))
        number_of = {digest: n for n, digest in enumerate(hashes)}
        if refold is not None:  # articles holding a character whose folding changed
            for number, doc in enumerate(docs):
                if any(refold.search(field_text(doc, name)) for name in FIELD_NAMES):
                    number_of.pop(hashes[number], None)
        new_number = np.array([number_of.get(h, -1) for h in cached.hashes], dtype=np.int64)
        kept = new_number >= 0
        # Kept articles keep their order (their dates and ids did not change), so renumbering
        # keeps every list sorted.
        if np.all(np.diff(new_number[kept]) > 0):
            parts.append(renumber(cached.postings, new_number))
            lengths[new_number[kept]] = cached.postings.lengths[kept]
            # The renumbered copy is all that is needed of the cached arrays from here.
            cached.postings.postings = cached.postings.trigrams = np.zeros(0, dtype=np.uint64)
            covered = np.zeros(len(docs), dtype=bool)
            covered[new_number[kept]] = True
            todo = np.flatnonzero(~covered)
        else:
            tables = Tables()
    folding = fold_table(Tokenizer(fold_map))
    texts = [[field_text(docs[n], name) for n in todo.tolist()] for name in FIELD_NAMES]
    for start, part in zip(
        range(0, len(todo), CHUNK_DOCUMENTS),
        tokenize_documents(texts, todo, folding, tables),
        strict=True,
    ):
        lengths[todo[start : start + CHUNK_DOCUMENTS]] = part.lengths
        parts.append(part)
    merged = merge(parts, lengths)
    if cache_dir is not None and (cached is None or len(todo) or cached.hashes != list(hashes)):
        cache.save(cache_dir, FIELD_NAMES, fold, hashes, merged, tables)
    return merged, tables, len(todo)


def write_edition_index(
    documents: Sequence[Mapping],
    out_dir: Path,
    fold_map: Mapping[str, str],
    cache_dir: Path | None = None,
    twins: Sequence[Path] = (),
) -> EditionIndex:
    """Build and write one edition's index into ``out_dir`` (files it no longer has removed).

    ``cache_dir``: a folder of this edition's own where the build keeps what the next one can
    reuse (see cache.py); the output is the same with or without it. ``twins``: other
    editions' index folders, whose files with the same bytes are hard-linked (OutputFolder).
    """
    docs = sort_documents(check_documents(documents))
    hashes = [cache.document_hash(doc, FIELD_NAMES) for doc in docs]
    memo = cache_dir / "written.json" if cache_dir is not None else None
    settings = [
        FORMAT,
        FIELDS,
        SHARD_TARGET_BYTES,
        fold_string(fold_map),
    ]
    key = unchanged.inputs_key(docs, hashes, ("id", "date", *FIELD_NAMES), settings)
    known = _load_memo(memo)
    totals = unchanged.previous_totals(cache_dir, out_dir, key, known)
    if totals is not None:
        return EditionIndex(**totals)
    unchanged.forget(cache_dir)
    merged, tables, tokenized = edition_postings(docs, fold_map, hashes, cache_dir)
    merged_lengths = merged.lengths
    (out_dir / "d").mkdir(parents=True, exist_ok=True)
    out = OutputFolder(out_dir, memo, twins, known)
    built: list[Segment] = []
    for first, end in segments.ranges([publication_date(doc) for doc in docs]):
        part = segment_postings(merged, first, end)
        segment = build_segment(part, tables, first, docs[first:end])
        for relative, data in segment.files.items():
            path = f"s/{segment.name}/{relative}"
            (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
            out.write(path, data, shared=True)
        (out_dir / "f").mkdir(exist_ok=True)
        out.write(f"f/{segment.facets_name}.json", segment.facets)
        segment.files, segment.facets = {}, b""
        built.append(segment)
    del merged
    code = unchanged.code_digest()
    for number, (doc, digest) in enumerate(zip(docs, hashes, strict=True)):
        relative, source = f"d/{number}.json", _store_source(code, doc, digest)
        if not out.kept(relative, source):
            out.write(relative, _dump(_store_entry(doc)).encode("utf-8"), source=source)

    facets = {name: _facet(docs, values_of) for name, values_of in FACETS}
    lengths = (
        [int(total) for total in merged_lengths.sum(axis=0)] if len(docs) else [0] * len(FIELDS)
    )
    meta = {
        "format": FORMAT,
        "fields": list(FIELD_NAMES),
        "boosts": [boost for _field, boost in FIELDS],
        "documents": len(docs),
        # Tokens per field over the whole edition: lunr's average field length is this / documents.
        "lengths": lengths,
        "segments": [[s.name, s.first, s.count, s.shards, s.facets_name] for s in built],
        "years": [[int(year), len(members)] for year, members in facets["years"]],
        "columns": [[name, len(members)] for name, members in facets["columns"]],
        "districts": [[name, len(members)] for name, members in facets["districts"]],
        "fold": fold_string(fold_map),
    }
    out.write("meta.json", _dump(meta).encode("utf-8"))
    out.remove_others(("d", "f"))
    out.remove_other_segments([s.name for s in built])
    out.save_memo()
    totals = {
        "documents": len(docs),
        "terms": sum(s.terms for s in built),
        "shards": sum(s.shards for s in built),
        "segments": len(built),
        "bytes_written": out.bytes,
    }
    unchanged.remember(cache_dir, key, totals)
    return EditionIndex(**totals, files_written=out.changed, tokenized=tokenized)
