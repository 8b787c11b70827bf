"""content/ is the archive of record: re-ingesting changes nothing, editors' edits survive."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bulletin.ingest.run import ingest
from bulletin.ingest.store import MANIFEST_NAME

from .helpers import SEEDS


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path]:
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    shutil.copytree(SEEDS, seeds)
    ingest(seeds, content)
    return seeds, content


def snapshot(content: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(content)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(content.rglob("*"))
        if p.is_file()
    }


def test_reingesting_unchanged_input_changes_nothing(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    before = snapshot(content)
    report = ingest(seeds, content)
    assert report.store.written == []
    assert len(report.store.unchanged) == 21
    assert snapshot(content) == before  # not even a timestamp


def test_an_edited_article_is_kept_and_reported(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    target = next(content.glob("articles/000-*/*-02.md"))
    edited = target.read_text(encoding="utf-8").replace("重庆45个站点", "重庆四十五个站点")
    target.write_text(edited, encoding="utf-8")
    seed = next(seeds.glob("000_*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("近日，全国", "日前，全国"), "utf-8")
    report = ingest(seeds, content)
    assert target.read_text(encoding="utf-8") == edited
    assert report.store.kept_edited == [str(target.relative_to(content))]


def test_a_deleted_article_stays_deleted(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    target = next(content.glob("articles/001-*/*-03.md"))
    target.unlink()
    report = ingest(seeds, content)
    assert not target.exists()
    assert report.store.kept_deleted == [str(target.relative_to(content))]


def test_an_editors_own_file_is_never_touched(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    mine = content / "articles/000-c3218b23d4d64f1e/000-c3218b23d4d64f1e-01.md"
    manifest = json.loads((content / MANIFEST_NAME).read_text(encoding="utf-8"))
    del manifest["files"][str(mine.relative_to(content))]
    (content / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    mine.write_text("Title: 编辑自己写的\n\n正文。\n", encoding="utf-8")
    report = ingest(seeds, content)
    assert mine.read_text(encoding="utf-8") == "Title: 编辑自己写的\n\n正文。\n"
    assert report.store.kept_foreign == [str(mine.relative_to(content))]


def test_a_fixed_typo_in_a_seed_title_updates_the_article_but_not_its_slug(
    archive: tuple[Path, Path],
) -> None:
    seeds, content = archive
    seed = next(seeds.glob("001_*.txt"))
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("5所工匠学院", "五所工匠学院"), "utf-8"
    )
    report = ingest(seeds, content)
    (path,) = report.store.written
    text = (content / path).read_text(encoding="utf-8")
    assert "Title: 重庆新增 五所工匠学院" in text
    assert "Slug: 001-72ab9001c2915723-05" in text


def test_removing_a_seed_removes_its_unedited_articles_only(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    edited = next(content.glob("articles/003-*/*-01.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n编者按。\n", encoding="utf-8")
    next(seeds.glob("003_*.txt")).unlink()
    report = ingest(seeds, content)
    assert len(report.store.removed) == 7
    assert edited.exists()
    assert sorted(p.name for p in content.glob("articles/003-*/*.md")) == [edited.name]


def test_an_unreadable_seed_keeps_its_earlier_articles(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    next(seeds.glob("002_*.txt")).write_bytes(b"\x00\x01binary")
    report = ingest(seeds, content)
    assert report.store.removed == []
    assert len(list(content.glob("articles/002-*/*.md"))) == 2


def test_output_is_deterministic(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    ingest(SEEDS, one)
    ingest(SEEDS, two)
    files_one = {str(p.relative_to(one)): p.read_bytes() for p in one.rglob("*") if p.is_file()}
    files_two = {str(p.relative_to(two)): p.read_bytes() for p in two.rglob("*") if p.is_file()}
    assert files_one == files_two


def test_committed_content_is_up_to_date_with_the_seeds(root: Path, tmp_path: Path) -> None:
    """content/ in the repository is what the ingest makes of seeds/, or an editor's edit:
    ingesting a copy of it writes and removes nothing."""
    copy = tmp_path / "content"
    shutil.copytree(root / "content", copy)
    report = ingest(root / "seeds", copy)
    assert (report.store.written, report.store.removed) == ([], [])


def test_an_ingest_stopped_halfway_leaves_files_the_next_one_still_owns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issues are written as they are parsed: when the ingest stops on the third issue, the
    first two issues' files are there and in the manifest, so the next ingest treats them as
    its own (not as an editor's files it must keep as they are)."""
    import bulletin.ingest.run as ingest_module

    seeds, content = tmp_path / "seeds", tmp_path / "content"
    shutil.copytree(SEEDS, seeds)
    for day, seed in enumerate(sorted(seeds.glob("*.txt")), start=1):
        # dated issues are written at once (an undated one waits for the next one's date)
        seed.with_suffix(".toml").write_text(f"date = 2024-10-{day:02d}\n", encoding="utf-8")
    third = sorted(seeds.glob("*.txt"))[2].name
    real = ingest_module.process_seed

    def failing(path: Path, *args):
        if path.name == third:
            raise KeyboardInterrupt  # the editor pressed Ctrl-C
        return real(path, *args)

    monkeypatch.setattr(ingest_module, "process_seed", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest(seeds, content)
    written = {p.relative_to(content).as_posix() for p in content.rglob("*.md")}
    manifest = json.loads((content / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert written and set(manifest) == written
    assert len({name.split("/")[1] for name in written}) == 2  # two issues' folders

    monkeypatch.setattr(ingest_module, "process_seed", real)
    report = ingest(seeds, content)
    assert report.store.kept_foreign == [] and report.store.kept_edited == []
    assert sorted(report.store.unchanged) == sorted(written)
    assert len(report.store.written) == 21 - len(written)


def test_a_file_is_written_whole_or_left_as_it_was(tmp_path: Path) -> None:
    """bulletin/files.py: bytes, text or a writer (a pickle.dump) go to a temporary file that
    replaces the old one only once written; a writer that fails leaves the old file alone."""
    import pickle

    from bulletin.files import atomic_write

    path = tmp_path / "deep" / "file"
    atomic_write(path, b"\xe9bytes")
    assert path.read_bytes() == b"\xe9bytes"
    atomic_write(path, "渝工")
    assert path.read_bytes() == "渝工".encode()
    atomic_write(path, lambda handle: pickle.dump({"kept": 1}, handle))
    assert pickle.loads(path.read_bytes()) == {"kept": 1}

    def half_then_fail(handle) -> None:
        handle.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, half_then_fail)
    assert pickle.loads(path.read_bytes()) == {"kept": 1}
    assert [p.name for p in path.parent.iterdir()] == ["file"]  # no temporary file left
