"""The incremental index build: the output is the same bytes from a cold, warm or stale cache;
only new or changed articles are tokenized; unchanged files are not written again; the same
documents leave the index alone; a corrupt or foreign cache is ignored with a warning."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import numpy as np
import pytest

from bulletin.search import build_search
from bulletin.search import index as index_module
from bulletin.search.cache import CACHE_FILE
from bulletin.search.cache import load as load_cache
from bulletin.search.index import FIELD_NAMES, write_edition_index
from bulletin.search.unchanged import KEY_FILE


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def changed_archive(docs: list[dict]) -> list[dict]:
    """One issue later: three new articles, one edited, one removed, one moved in time."""
    new = [
        {**docs[0], "id": f"new-{n}", "date": "2025-01-0" + str(n + 1), "year": 2025}
        for n in range(3)
    ]
    new[0]["title"] = "新的一期：工会驿站 ABC 2025"
    edited = {**docs[1], "body": docs[1]["body"] + "\n\n补记：沙磁良缘又办了一场。"}
    moved = {**docs[2], "date": "2001-05-05", "year": 2001}
    return [edited, moved, *docs[4:], *new]


@pytest.fixture
def hans(seed_editions) -> list[dict]:
    return seed_editions["zh"]


def test_cold_warm_and_stale_caches_give_the_same_bytes(tmp_path, seed_editions):
    cache = tmp_path / "cache"
    cold = build_search(seed_editions, tmp_path / "cold", assets=False, cache_dir=cache)
    assert all(built.tokenized == built.documents for built in cold.values())
    warm = build_search(seed_editions, tmp_path / "warm", assets=False, cache_dir=cache)
    assert all(built.tokenized == 0 for built in warm.values())
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")

    later = {name: changed_archive(docs) for name, docs in seed_editions.items()}
    stale = build_search(later, tmp_path / "stale", assets=False, cache_dir=cache)
    # The three new articles, the edited one and the one whose date moved.
    assert all(built.tokenized == 5 for built in stale.values())
    build_search(later, tmp_path / "fresh", assets=False)
    assert snapshot(tmp_path / "stale") == snapshot(tmp_path / "fresh")


def test_a_rebuild_writes_only_the_files_that_changed(tmp_path, hans):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    first = write_edition_index(hans, out, {}, cache)
    assert first.files_written == len(snapshot(out))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    again = write_edition_index(hans, out, {}, cache)
    assert again.files_written == 0 and again.tokenized == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == before
    fewer = write_edition_index(hans[:-1], out, {}, cache)
    assert 0 < fewer.files_written < first.files_written
    assert snapshot(out) == snapshot(_fresh(tmp_path / "fresh", hans[:-1]))


def _fresh(out: Path, docs: list[dict], fold: dict | None = None) -> Path:
    write_edition_index(docs, out, fold or {})
    return out


def test_a_change_of_folding_tokenizes_the_articles_it_touches_again(tmp_path, hans):
    cache = tmp_path / "cache"
    write_edition_index(hans, tmp_path / "a", {}, cache)
    # 碚 folds to 倍 now: the articles holding 碚 are tokenized again, the others are reused.
    holding = sum("碚" in "".join(str(v) for v in doc.values()) for doc in hans)
    built = write_edition_index(hans, tmp_path / "b", {"碚": "倍"}, cache)
    assert 0 < built.tokenized <= holding < len(hans)
    assert snapshot(tmp_path / "b") == snapshot(_fresh(tmp_path / "c", hans, {"碚": "倍"}))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a cache"),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
        lambda path: _rewrite(path, header={"format": 999, "fields": [], "fold": ""}),
        lambda path: _rewrite(path, postings=np.array([1 << 62], dtype=np.uint64)),
        lambda path: _rewrite(path, hashes=np.zeros((1, 3), dtype=np.uint8)),
    ],
    ids=["garbage", "truncated", "foreign", "out of range", "bad shape"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_with_a_warning(tmp_path, hans, caplog, damage):
    cache = tmp_path / "cache"
    write_edition_index(hans, tmp_path / "a", {}, cache)
    damage(cache / CACHE_FILE)
    with caplog.at_level(logging.WARNING, logger="bulletin.search.cache"):
        built = write_edition_index(hans, tmp_path / "b", {}, cache)
    assert built.tokenized == len(hans)
    assert "ignored" in caplog.text
    assert snapshot(tmp_path / "b") == snapshot(tmp_path / "a")
    # The build replaced it with a good one.
    assert write_edition_index(hans, tmp_path / "c", {}, cache).tokenized == 0


def _rewrite(path: Path, **replace) -> None:
    with np.load(path) as stored:
        arrays = {name: stored[name] for name in stored.files}
    for name, value in replace.items():
        if name == "header":
            value = np.frombuffer(json.dumps(value).encode("utf-8"), dtype=np.uint8)
        arrays[name] = value
    with path.open("wb") as out:
        np.savez(out, **arrays)


def test_an_unwritable_output_file_is_replaced_not_written_through(tmp_path, hans):
    """A file hard-linked from an earlier build's output is replaced, never changed in place."""
    out = tmp_path / "zh"
    write_edition_index(hans, out, {})
    meta = out / "meta.json"
    os.link(meta, tmp_path / "old-meta.json")
    write_edition_index(hans[:-1], out, {})
    assert (tmp_path / "old-meta.json").read_bytes() != meta.read_bytes()


def test_shards_another_edition_wrote_are_linked_and_the_bytes_stay_the_same(
    tmp_path, seed_editions
):
    """The Traditional run links the term and trigram shards the Simplified run already wrote
    with the same bytes (a file created costs far more than a link); the index is the same
    bytes as one written alone, and a twin's file with other bytes is never linked."""
    hans, hant = seed_editions["zh"], seed_editions["zh-hant"]
    build_search({"zh": hans}, tmp_path / "site", workers=1)
    build_search({"zh-hant": hant}, tmp_path / "alone", workers=1)
    twin = tmp_path / "site" / "zh"
    damaged = sorted(twin.glob("s/*/t/*.json"))[0]
    damaged.write_bytes(damaged.read_bytes()[:-1])  # as if the other run were still writing

    build_search({"zh-hant": hant}, tmp_path / "linked", workers=1, twins=[twin])

    linked, alone = tmp_path / "linked" / "zh-hant", tmp_path / "alone" / "zh-hant"
    assert snapshot(linked) == snapshot(alone)
    # Each shard of the Traditional index against the file at its path in the Simplified
    # segments (the editions' segments differ in a few terms, so in their names).
    shards = [p.relative_to(linked) for p in linked.glob("s/*/[tpn]*/*.json")]
    twin_files = {p.relative_to(twin / "s").parts[1:]: p for p in twin.glob("s/*/[tpn]*/*.json")}
    same = [
        p
        for p in shards
        if p.parts[2:] in twin_files
        and twin_files[p.parts[2:]].read_bytes() == (linked / p).read_bytes()
    ]
    assert len(same) >= 10  # Traditional is folded to Simplified: 53 of 103 in the seeds
    for path in shards:
        shared = path.parts[2:] in twin_files and (linked / path).samefile(
            twin_files[path.parts[2:]]
        )
        assert shared == (path in same), path
    assert damaged.relative_to(twin).parts[2:] not in [p.parts[2:] for p in same]
    assert not any((linked / "d" / p.name).stat().st_nlink > 1 for p in (twin / "d").iterdir())


def _not_computed(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the index was computed again")

    monkeypatch.setattr(index_module, "edition_postings", refuse)


def test_the_same_documents_leave_the_index_alone_without_computing_it(tmp_path, hans, monkeypatch):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    first = write_edition_index(hans, out, {}, cache)
    before = snapshot(out)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    with monkeypatch.context() as patched:
        _not_computed(patched)
        again = write_edition_index(hans, out, {}, cache)
    assert (again.documents, again.terms, again.shards) == (
        first.documents,
        first.terms,
        first.shards,
    )
    assert again.files_written == 0 and again.tokenized == 0
    assert snapshot(out) == before
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == stamps


@pytest.mark.parametrize(
    "change",
    [
        lambda out: next(out.glob("s/*/t/*.json")).write_bytes(b"{}"),
        lambda out: next(out.glob("d/*.json")).unlink(),
        lambda out: (next(out.glob("s/*/t")) / "999999.json").write_bytes(b"{}"),
    ],
    ids=["touched", "missing", "added"],
)
def test_an_index_folder_changed_behind_the_build_is_built_again(tmp_path, hans, change):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    write_edition_index(hans, out, {}, cache)
    change(out)
    write_edition_index(hans, out, {}, cache)
    assert snapshot(out) == snapshot(_fresh(tmp_path / "fresh", hans))


def test_any_input_of_the_index_counts_not_only_the_tokenized_fields(tmp_path, hans):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    write_edition_index(hans, out, {}, cache)
    moved = [{**hans[0], "url": "elsewhere/" + hans[0]["url"]}, *hans[1:]]
    again = write_edition_index(moved, out, {}, cache)
    assert again.files_written == 1  # its store file
    assert snapshot(out) == snapshot(_fresh(tmp_path / "fresh", moved))
    refolded = write_edition_index(moved, out, {"碚": "倍"}, cache)
    assert refolded.files_written > 1


def test_a_build_that_stops_half_way_leaves_no_key_to_trust(tmp_path, hans, monkeypatch):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    write_edition_index(hans, out, {}, cache)
    fewer = hans[:-1]

    def stop(*_args, **_kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(index_module, "_trigram_entries", stop)
        with pytest.raises(KeyboardInterrupt):
            write_edition_index(fewer, out, {}, cache)  # term shards written, then stopped
    assert not (cache / KEY_FILE).exists()
    write_edition_index(hans, out, {}, cache)
    assert snapshot(out) == snapshot(_fresh(tmp_path / "fresh", hans))


def test_a_new_issue_at_the_end_keeps_every_number_and_the_bytes(tmp_path, hans):
    cache = tmp_path / "cache"
    write_edition_index(hans, tmp_path / "a", {}, cache)
    newest = max(doc["date"] for doc in hans)
    new = [
        {**hans[n], "id": f"next-{n}", "date": f"{int(newest[:4]) + 1}-01-0{n + 1}"}
        for n in range(2)
    ]
    later = [*hans, *({**doc, "year": int(doc["date"][:4])} for doc in new)]
    built = write_edition_index(later, tmp_path / "b", {}, cache)
    assert built.tokenized == 2
    assert snapshot(tmp_path / "b") == snapshot(_fresh(tmp_path / "c", later))


def test_renumbering_to_the_same_numbers_is_the_general_rule(tmp_path, hans):
    from bulletin.search.postings import renumber

    write_edition_index(hans, tmp_path / "a", {}, tmp_path / "cache")
    cached = load_cache(tmp_path / "cache", FIELD_NAMES)
    same = np.arange(len(cached.hashes))
    fast = renumber(cached.postings, same)
    # One more article that holds nothing: not the same numbers, so the general rule runs.
    general = renumber(cached.postings, np.append(same, -1))
    assert np.array_equal(fast.postings, general.postings)
    assert np.array_equal(fast.trigrams, general.trigrams)
    assert fast.overflow == general.overflow
    assert fast is not cached.postings  # the caller empties the cached arrays afterwards


def test_store_files_of_unchanged_articles_are_not_made_again(tmp_path, hans, monkeypatch):
    out, cache = tmp_path / "zh", tmp_path / "cache"
    write_edition_index(hans, out, {}, cache)
    made: list[str] = []
    real = index_module._store_entry
    monkeypatch.setattr(
        index_module, "_store_entry", lambda doc: made.append(doc["id"]) or real(doc)
    )
    edited = [{**hans[0], "body": hans[0]["body"] + "\n\n补记：又办了一场。"}, *hans[1:]]
    write_edition_index(edited, out, {}, cache)
    assert made == [hans[0]["id"]]
    # Behind the build's back: the same bytes, but not as the build left the file.
    second = index_module.sort_documents(edited)[1]
    touched = out / "d" / "1.json"
    touched.unlink()
    touched.write_bytes(index_module._dump(real(second)).encode("utf-8"))
    made.clear()
    write_edition_index(edited, out, {}, cache)
    assert made == [second["id"]]
    assert snapshot(out) == snapshot(_fresh(tmp_path / "fresh", edited))
