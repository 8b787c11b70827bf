"""Pelican's content caches are saved by what changed: nothing when nothing did, the new and
changed entries beside the cache when a few did, the whole cache when it was not loaded."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest
from pelican.cache import FileStampDataCacher

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from site_incremental import journal


@pytest.fixture
def active():
    journal.start_run(True)
    yield
    journal.start_run(False)


def _cacher(tmp_path: Path, load: bool = True) -> FileStampDataCacher:
    settings = {
        "CHECK_MODIFIED_METHOD": "sha256",
        "CACHE_PATH": str(tmp_path / "cache"),
        "GZIP_CACHE": False,
    }
    return FileStampDataCacher(settings, "articles", caching_policy=True, load_policy=load)


def _run(tmp_path: Path, files: list[Path], load: bool = True) -> dict[str, object]:
    """One reading phase as Pelican's generator does it: cached data, or read and cache."""
    cacher = _cacher(tmp_path, load)
    seen = {}
    for path in files:
        data = cacher.get_cached_data(str(path), None)
        if data is None:
            data = {"read": path.read_text(encoding="utf-8")}
        cacher.cache_data(str(path), data)
        seen[path.name] = data
    cacher.save_cache()
    return seen


def _stories(tmp_path: Path, count: int) -> list[Path]:
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"{n:03d}.md"
        if not path.exists():
            path.write_text(f"Title: {n}\n\n正文{n}", encoding="utf-8")
        paths.append(path)
    return paths


def _files(tmp_path: Path) -> dict[str, int]:
    cache = tmp_path / "cache"
    return {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} if cache.exists() else {}


def _loaded(tmp_path: Path) -> dict:
    return _cacher(tmp_path)._cache


def test_nothing_changed_writes_nothing_and_a_new_issue_writes_a_journal(tmp_path, active):
    stories = _stories(tmp_path, 80)
    _run(tmp_path, stories)
    first = _files(tmp_path)
    assert list(first) == ["articles"]

    _run(tmp_path, stories)
    assert _files(tmp_path) == first  # not even rewritten

    more = _stories(tmp_path, 90)  # ten more: within an eighth of 80
    _run(tmp_path, more)
    after = _files(tmp_path)
    assert after["articles"] == first["articles"]
    assert set(after) == {"articles", journal.journal_path("articles")}
    with open(tmp_path / "cache" / "articles.added", "rb") as handle:
        assert len(pickle.load(handle)) == 10
    seen = _run(tmp_path, more)  # everything comes from the cache and its journal
    assert all(isinstance(data, dict) for data in seen.values())
    assert len(_loaded(tmp_path)) == 90


def _one_edit_journalled(tmp_path: Path, index: int) -> list[Path]:
    """Forty stories cached, then story `index` edited: the edit goes to the journal."""
    stories = _stories(tmp_path, 40)
    _run(tmp_path, stories)
    stories[index].write_text("Title: 改\n\n改过", encoding="utf-8")
    _run(tmp_path, stories)
    assert (tmp_path / "cache" / "articles.added").exists()
    return stories


def test_a_changed_file_is_journalled_and_wins_over_the_cache(tmp_path, active):
    stories = _one_edit_journalled(tmp_path, 3)
    seen = _run(tmp_path, stories)
    assert seen["003.md"] == {"read": "Title: 改\n\n改过"}


def test_a_journal_that_outgrows_an_eighth_is_merged(tmp_path, active):
    stories = _stories(tmp_path, 16)
    _run(tmp_path, stories)
    _run(tmp_path, _stories(tmp_path, 18))  # two: within 16 // 8
    assert (tmp_path / "cache" / "articles.added").exists()
    _run(tmp_path, _stories(tmp_path, 19))  # three in the journal: merged
    assert not (tmp_path / "cache" / "articles.added").exists()
    with open(tmp_path / "cache" / "articles", "rb") as handle:
        assert len(pickle.load(handle)) == 19


def test_a_cache_not_loaded_is_written_whole_and_its_journal_dropped(tmp_path, active):
    stories = _one_edit_journalled(tmp_path, 0)
    # The fingerprint changed (site_incremental): the run reads afresh and keeps no old entry.
    stories[0].write_text("Title: 又改\n\n又改过", encoding="utf-8")
    _run(tmp_path, stories, load=False)
    assert not (tmp_path / "cache" / "articles.added").exists()
    assert _run(tmp_path, stories)["000.md"] == {"read": "Title: 又改\n\n又改过"}


def test_without_the_plugin_pelican_saves_as_it_always_did(tmp_path):
    journal.start_run(False)
    stories = _stories(tmp_path, 40)
    _run(tmp_path, stories)
    os.utime(tmp_path / "cache" / "articles", ns=(0, 0))
    _run(tmp_path, _stories(tmp_path, 41))  # one more: the whole cache written again
    assert _files(tmp_path)["articles"] != 0 and list(_files(tmp_path)) == ["articles"]
    assert len(_loaded(tmp_path)) == 41
