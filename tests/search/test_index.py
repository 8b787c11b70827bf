"""The shard builder: lunr's own scores, every term in its shard, a byte-identical rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin.search import build_search
from bulletin.search.documents import DocumentError, check_documents
from bulletin.search.index import FIELDS, field_text, shard_of, sort_documents, write_edition_index
from bulletin.search.packed import unpack
from bulletin.search.tokenize import Tokenizer, is_cjk
from tests.search.conftest import lunr_py_builder


def _decode(text: str) -> dict[int, int]:
    """article number in its segment -> term frequency, as js/search.js decodes a field."""
    flat = unpack(text)
    half = len(flat) // 2
    postings, number = {}, 0
    for gap, tf in zip(flat[:half], flat[half:], strict=True):
        number += gap
        postings[number] = tf
    return postings


def _is_trigram(key: str) -> bool:
    return len(key) == 3 and is_cjk(key[0])  # terms are at most two CJK characters


def _segments(index_dir: Path, trigrams: bool = False) -> list[tuple[list, dict[str, object]]]:
    """(the segment's entry in meta.json, each term of its shards -> value), or its trigrams."""
    meta = json.loads((index_dir / "meta.json").read_text(encoding="utf-8"))
    found = []
    for entry in meta["segments"]:
        keys: dict[str, object] = {}
        for shard in sorted((index_dir / "s" / entry[0] / "t").glob("*.json")):
            keys.update(json.loads(shard.read_text(encoding="utf-8")))
        found.append((entry, {k: v for k, v in keys.items() if _is_trigram(k) == trigrams}))
    return found


def test_segments_hold_lunr_pys_term_statistics(seeds_in_segments, seed_editions):
    """lunr.py's Builder on the same tokens counts every term frequency and field length the
    segments hold, and meta.json's totals are its average field lengths' numerators."""
    built_search = seeds_in_segments
    meta = json.loads((built_search / "zh" / "meta.json").read_text(encoding="utf-8"))
    builder = lunr_py_builder(seed_editions["zh"], meta["fold"])
    reference = builder.build()
    segments = _segments(built_search / "zh")
    assert len(segments) > 1  # the seeds' issues make more than one segment
    firsts = [entry[1] for entry, _keys in segments]
    assert firsts == [sum(entry[2] for entry, _ in segments[:n]) for n in range(len(segments))]
    terms: dict[str, dict[str, dict[int, int]]] = {}
    for (name, first, count, *_shards), keys in segments:
        lengths = json.loads((built_search / "zh" / "s" / name / "n.json").read_text("utf-8"))
        for (field, _boost), text in zip(FIELDS, lengths, strict=True):
            assert unpack(text) == [
                builder.field_lengths[f"{field}/{first + n}"] for n in range(count)
            ]
        for term, fields in keys.items():
            for (field, _boost), text in zip(FIELDS, fields, strict=True):
                for number, tf in _decode(text).items():
                    terms.setdefault(term, {}).setdefault(field, {})[first + number] = tf
    assert sorted(terms) == sorted(reference.inverted_index)
    for term, fields in terms.items():
        for field, tfs in fields.items():
            assert sorted(tfs) == sorted(int(r) for r in reference.inverted_index[term][field])
            for number, tf in tfs.items():
                assert builder.field_term_frequencies[f"{field}/{number}"][term] == tf
    for number, (field, _boost) in enumerate(FIELDS):
        total = sum(builder.field_lengths[f"{field}/{n}"] for n in range(meta["documents"]))
        assert meta["lengths"][number] == total


def test_trigrams_list_the_articles_holding_them(seeds_in_segments, seed_editions):
    built_search = seeds_in_segments
    meta = json.loads((built_search / "zh-hant" / "meta.json").read_text(encoding="utf-8"))
    fold = list(meta["fold"])
    tokenizer = Tokenizer(dict(zip(fold[0::2], fold[1::2], strict=True)))
    expected: dict[str, list[int]] = {}
    for number, doc in enumerate(sort_documents(seed_editions["zh-hant"])):
        held = {t for f, _ in FIELDS for t in tokenizer.trigrams(field_text(doc, f))}
        for trigram in held:
            expected.setdefault(trigram, []).append(number)
    stored: dict[str, list[int]] = {}
    for (_name, first, *_rest), keys in _segments(built_search / "zh-hant", trigrams=True):
        for trigram, text in keys.items():
            gaps = unpack(text)
            stored.setdefault(trigram, []).extend(
                first + sum(gaps[: i + 1]) for i in range(len(gaps))
            )
    assert stored == expected


def test_every_key_sits_in_its_hash_shard(seeds_in_segments):
    """A term in the shard of its hash, a trigram in its leading bigram's."""
    meta = json.loads((seeds_in_segments / "zh" / "meta.json").read_text(encoding="utf-8"))
    trigrams = 0
    for name, _first, _count, count, _facets in meta["segments"]:
        shards = list((seeds_in_segments / "zh" / "s" / name / "t").glob("*.json"))
        assert len(shards) == count
        for shard in shards:
            for key in json.loads(shard.read_text(encoding="utf-8")):
                trigrams += _is_trigram(key)
                where = key[:2] if _is_trigram(key) else key
                assert shard_of(where, count) == int(shard.stem)
    assert trigrams > 1000


def test_store_and_facets(built_search, seed_editions):
    index = built_search / "zh-hant"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert meta["documents"] == len(seed_editions["zh-hant"])
    first = json.loads((index / "d" / "0.json").read_text(encoding="utf-8"))
    assert first["url"].startswith("/zh-hant/") and first["alternate_url"].startswith("/articles/")
    # Articles are numbered in publication order; each segment lists its articles of each
    # column, district and year (gaps from its first article) in a file of its own.
    stored = [
        json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))
        for n in range(meta["documents"])
    ]
    assert [d["id"] for d in stored] == [d["id"] for d in sort_documents(seed_editions["zh"])]
    members: dict[str, dict[str, list[int]]] = {}
    for _name, first, _count, _shards, facets in meta["segments"]:
        lists = json.loads((index / "f" / f"{facets}.json").read_text(encoding="utf-8"))
        for kind, values in lists.items():
            for value, text in values.items():
                numbers = members.setdefault(kind, {}).setdefault(value, [])
                numbers.extend(first + sum(unpack(text)[: i + 1]) for i in range(len(unpack(text))))
    expected = {
        "years": lambda d: [d["date"][:4]],
        "columns": lambda d: [d["column"]],
        "districts": lambda d: d["districts"],
    }
    for kind, values_of in expected.items():
        assert [[name, len(members[kind][str(name)])] for name, _ in meta[kind]] == meta[kind]
        for value, numbers in members[kind].items():
            assert numbers == [n for n, d in enumerate(stored) if value in values_of(d)]
    assert any("區" in name for name, _count in meta["districts"])
    assert "區" in meta["fold"]  # the Traditional edition's names fold


def test_rebuild_is_byte_identical(tmp_path, seed_editions):
    def snapshot(folder: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()
        }

    build_search(seed_editions, tmp_path / "a", assets=False)
    reordered = {name: list(reversed(docs)) for name, docs in reversed(seed_editions.items())}
    build_search(reordered, tmp_path / "b", assets=False)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_rebuild_removes_stale_shards(tmp_path, seed_editions):
    out = tmp_path / "zh"
    write_edition_index(seed_editions["zh"], out, {})
    write_edition_index(seed_editions["zh"][:2], out, {})
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in (out / "s").iterdir()) == sorted(s[0] for s in meta["segments"])
    assert len(list((out / "d").glob("*.json"))) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2024/01/02"}, "YYYY-MM-DD"),
        ({"year": 1999}, "year"),
        ({"districts": "北碚区"}, "list"),
    ],
)
def test_contract_is_checked_with_the_article_named(seed_editions, change, message):
    doc = {**seed_editions["zh"][0], **change}
    with pytest.raises(DocumentError, match=message):
        check_documents([doc])
    missing = {k: v for k, v in seed_editions["zh"][0].items() if k != "body"}
    with pytest.raises(DocumentError, match="missing body"):
        check_documents([missing])


def test_assets_are_copied(built_search):
    for name in ("lunr.min.js", "tokenize.js", "search.js", "search-page.js"):
        assert (built_search / name).stat().st_size > 1000


def test_bulk_tokens_are_the_reference_tokenizers():
    """postings.py's numpy tokenizer gives tokenize.py's tokens, astral and Latin-1 included."""
    import random
    from collections import Counter

    import numpy as np

    from bulletin.search.postings import (
        DOC_SHIFT,
        MAX_DOCUMENTS,
        TERM_SHIFT,
        TF_MASK,
        TRIGRAM_DOC_BITS,
        Tables,
        chunk_postings,
        fold_table,
    )

    rng = random.Random(7)
    pool = "北碚區工會驛站沙磁良緣发髮 abcXYZ019ＡＢＣ１２３éÉßÿ×÷"
    pool += " \u3000\t，。“”-𠀀𠀁𠁞😀カタ한국\uf900\x00"
    texts = ["".join(rng.choice(pool) for _ in range(rng.randrange(0, 40))) for _ in range(300)]
    texts.append("哈" * 5000)  # a term frequency past the packed field (kept in overflow)
    tokenizer = Tokenizer({"區": "区", "會": "会", "𠁞": "𠀀"})
    tables = Tables()
    part = chunk_postings([texts], np.arange(len(texts)), fold_table(tokenizer), tables)
    found: dict[int, Counter] = {}
    for value in part.postings.tolist():
        doc = (value >> DOC_SHIFT) & (MAX_DOCUMENTS - 1)
        tf = value & TF_MASK
        if tf == TF_MASK:
            tf = part.overflow[value & ~TF_MASK]
        found.setdefault(doc, Counter())[tables.term_text(value >> TERM_SHIFT)] += tf
    trigrams: dict[int, set] = {}
    for value in part.trigrams.tolist():
        doc = value & ((1 << TRIGRAM_DOC_BITS) - 1)
        trigrams.setdefault(doc, set()).add(tables.trigram_text(value >> TRIGRAM_DOC_BITS))
    for number, text in enumerate(texts):
        expected = tokenizer.tokens(text.replace("\x00", " "))
        assert found.get(number, Counter()) == Counter(expected), text
        assert part.lengths[number][0] == len(expected)
        expected_trigrams = set(tokenizer.trigrams(text.replace("\x00", " ")))
        assert trigrams.get(number, set()) == expected_trigrams, text


def test_a_memo_spares_reading_unchanged_files_but_never_trusts_a_touched_one(
    tmp_path, monkeypatch
):
    import os
    from pathlib import Path

    from bulletin.search.index import OutputFolder

    memo = tmp_path / "cache" / "written.json"
    first = OutputFolder(tmp_path / "out", memo)
    (tmp_path / "out" / "d").mkdir(parents=True)
    first.write("d/0.json", b'{"a":1}')
    first.write("d/1.json", b'{"b":2}')
    first.save_memo()

    # Behind the build's back: same size, other bytes, a later time.
    touched = tmp_path / "out" / "d" / "1.json"
    touched.write_bytes(b'{"b":3}')
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    second = OutputFolder(tmp_path / "out", memo)
    second.write("d/0.json", b'{"a":1}')
    second.write("d/1.json", b'{"b":2}')
    assert read == ["1.json"]  # the untouched file was known by its memo, not read
    assert second.changed == 1 and real(touched) == b'{"b":2}'
    memo.write_text("not json", encoding="utf-8")
    third = OutputFolder(tmp_path / "out", memo)  # an unreadable memo: bytes are compared
    third.write("d/0.json", b'{"a":1}')
    assert third.changed == 0 and read == ["1.json", "0.json"]
