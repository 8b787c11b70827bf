"""A content file is stamped (hashed) once a run, and never a stamp of an earlier run is used."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from pelican.cache import FileStampDataCacher

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from site_incremental import stamps


def _cacher(tmp_path: Path) -> FileStampDataCacher:
    settings = {
        "CHECK_MODIFIED_METHOD": "sha256",
        "CACHE_PATH": str(tmp_path / "cache"),
        "GZIP_CACHE": False,
    }
    return FileStampDataCacher(settings, "test", caching_policy=False, load_policy=False)


def test_a_file_is_hashed_once_a_run_and_again_in_the_next(tmp_path, monkeypatch):
    story = tmp_path / "story.md"
    story.write_text("Title: 一\n\n正文", encoding="utf-8")
    cacher = _cacher(tmp_path)
    reads: list[str] = []
    hash_file = cacher._filestamp_func
    monkeypatch.setattr(
        cacher, "_filestamp_func", lambda name: reads.append(name) or hash_file(name)
    )
    try:
        stamps.start_run(True)
        first = cacher._get_file_stamp(str(story))
        assert first == hashlib.sha256(story.read_bytes()).digest()
        for _ in range(3):  # the reader and generator caches, checking and storing
            assert cacher._get_file_stamp(str(story)) == first
        assert reads == [str(story)]

        story.write_text("Title: 二\n\n改过的正文", encoding="utf-8")
        stamps.forget()  # a generator is made: the next read phase stamps afresh
        assert cacher._get_file_stamp(str(story)) == hashlib.sha256(story.read_bytes()).digest()
        assert len(reads) == 2
    finally:
        stamps.start_run(False)
    story.write_text("Title: 三", encoding="utf-8")  # no run of ours: Pelican's own stamp
    assert cacher._get_file_stamp(str(story)) == hashlib.sha256(story.read_bytes()).digest()


def test_the_page_memo_takes_the_runs_hash_of_a_story(tmp_path):
    from types import SimpleNamespace

    from site_incremental import MemoWriter

    story = tmp_path / "story.md"
    story.write_text("Title: 一\n\n正文", encoding="utf-8")
    expected = hashlib.sha256(story.read_bytes()).hexdigest()
    writer = MemoWriter.__new__(MemoWriter)  # digest() needs only these two
    writer.settings, writer._digests = {"CHECK_MODIFIED_METHOD": "sha256"}, {}
    try:
        stamps.start_run(True)
        assert stamps.content_hash(str(story), "sha256") is None  # not stamped yet: read
        assert writer.digest(SimpleNamespace(source_path=str(story))) == expected
        _cacher(tmp_path)._get_file_stamp(str(story))
        assert stamps.content_hash(str(story), "sha256") == expected
        assert stamps.content_hash(str(story), "mtime") is None
        writer._digests.clear()
        story.write_text("Title: 二", encoding="utf-8")  # the run's hash is what it saw
        assert writer.digest(SimpleNamespace(source_path=str(story))) == expected
    finally:
        stamps.start_run(False)
