"""A build with nothing to do does nothing (bulletin/build/uptodate.py, site_build/last_build.py):
`invoke publish` right after the preview it publishes, or `invoke build` twice."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from pelican import signals

from bulletin.build.workspace import work_settings  # the settings of a build inside one folder

STORY = "articles/001-72ab9001c2915723-01.html"
NOTHING = "Nothing changed since the last build"


@pytest.fixture
def archive(kit, tmp_path):
    """Copies of the committed seeds and content/, and a function building them as `invoke
    build` does (ingest included, staged); it returns the build's one line."""
    sys.path.insert(0, str(kit.ROOT / "plugins"))
    from site_build.runner import build_site

    shutil.copytree(kit.ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(kit.ROOT / "content", tmp_path / "content")

    def build(**overrides) -> str:
        return build_site(
            kit.ROOT / "pelicanconf.py",
            tmp_path / "output",
            progress=False,
            overrides={
                **work_settings(tmp_path, tmp_path / "seeds", tmp_path / "content"),
                **overrides,
            },
        )

    build.root = tmp_path
    return build


def _story_source(root: Path) -> Path:
    (found,) = (root / "content").glob(f"articles/*/{Path(STORY).stem}.md")
    return found


def test_a_build_with_nothing_changed_leaves_the_site_alone(archive):
    assert archive().startswith("Built ")
    site = archive.root / "output"
    before = (site.stat().st_ino, (site / STORY).stat().st_ino)
    assert archive() == f"{NOTHING}: {site} is up to date"
    assert (site.stat().st_ino, (site / STORY).stat().st_ino) == before  # not even swapped
    assert not list(archive.root.glob(".output-*"))  # no staging folder was made


NEW_ISSUE = (
    "渝工港湾\n\n# 重庆45个站点入选\n\n近日，全国总工会发布名单。12月15日，2023年度活动举行。\n"
)


@pytest.mark.parametrize(
    "change",
    [
        "an edited story",
        "a new issue",
        "a seed removed",
        "other settings",
        "the site deleted",
        "the ingest report deleted",
    ],
)
def test_any_change_makes_the_next_build_run(archive, change):
    archive()
    root, overrides = archive.root, {}
    if change == "an edited story":
        source = _story_source(root)
        source.write_text(source.read_text("utf-8") + "\n编辑补记。\n", encoding="utf-8")
    elif change == "a new issue":
        # (a copy of an issue would be left out as a duplicate: bulletin/ingest/duplicates.py)
        (root / "seeds" / "005_next.txt").write_text(NEW_ISSUE, encoding="utf-8")
    elif change == "a seed removed":
        (root / "seeds" / "004_3a1c797ee19f5817.txt").unlink()
    elif change == "other settings":
        overrides = {"SITENAME": "渝工周报档案"}
    elif change == "the site deleted":
        shutil.rmtree(root / "output")
    elif change == "the ingest report deleted":
        (root / "ingest.md").unlink()
    assert archive(**overrides).startswith("Built ")
    if change == "an edited story":
        assert "编辑补记" in (root / "output" / STORY).read_text("utf-8")
    if change == "a new issue":
        assert list((root / "output" / "articles").glob("005-next-*.html"))
    assert (root / "ingest.md").is_file()
    assert archive(**overrides).startswith(NOTHING)  # and then there is nothing to do again


def test_a_story_edited_while_the_build_runs_is_built_next_time(archive):
    """The build read the story before the edit; the next build must not take the site for
    up to date (it runs, and shows the edit)."""
    archive()
    source = _story_source(archive.root)
    source.write_text(source.read_text("utf-8") + "\n第一次补记。\n", encoding="utf-8")

    def edit_after_reading(_generator) -> None:
        if "第二次补记" not in source.read_text("utf-8"):
            source.write_text(source.read_text("utf-8") + "\n第二次补记。\n", encoding="utf-8")

    signals.article_generator_finalized.connect(edit_after_reading)
    try:
        archive()
    finally:
        signals.article_generator_finalized.disconnect(edit_after_reading)
    page = archive.root / "output" / STORY
    assert "第二次补记" not in page.read_text("utf-8")  # read before the edit
    assert archive().startswith("Built ")
    assert "第二次补记" in page.read_text("utf-8")


def test_file_states_name_every_file_by_size_and_time(tmp_path):
    from bulletin.build.uptodate import changed_paths, file_states

    assert file_states(tmp_path / "missing") == {}
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "story.md").write_text("正文", encoding="utf-8")
    (tmp_path / "top.txt").write_text("x", encoding="utf-8")
    before = file_states(tmp_path)
    assert set(before) == {"a/b/story.md", "top.txt"}
    assert before["a/b/story.md"][0] == len("正文".encode())
    (tmp_path / "a" / "b" / "story.md").write_text("正文，补记", encoding="utf-8")
    (tmp_path / "top.txt").unlink()
    (tmp_path / "new.txt").write_text("y", encoding="utf-8")
    assert changed_paths(before, file_states(tmp_path)) == {"a/b/story.md", "top.txt", "new.txt"}
