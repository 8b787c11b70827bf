"""The build itself: identical output twice, a one-line summary; publishing the preview."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from invoke import MockContext

from bulletin.build.publish import MARKER, ForeignFolder, mirror
from bulletin.build.workspace import work_settings


@pytest.fixture(scope="module")
def runner(kit):
    sys.path.insert(0, str(kit.ROOT / "plugins"))
    from site_build.runner import build_site

    return build_site


def test_two_builds_are_byte_identical_and_end_with_a_summary(site, kit, runner, tmp_path):
    from pelican.settings import read_settings

    plugins = read_settings(str(kit.ROOT / "pelicanconf.py"))["PLUGINS"]
    line = runner(
        kit.ROOT / "pelicanconf.py",
        tmp_path / "again",
        progress=False,
        overrides={
            "PLUGINS": [p for p in plugins if p != "bulletin_ingest"],
            "SITE_PUBLIC_URL": "https://bulletin.example.org",
            "SITEURL": "https://bulletin.example.org",
            "BULLETIN_REVIEW_PATH": str(tmp_path / "review-{edition}.md"),
            "CACHE_PATH": str(tmp_path / "cache"),
        },
    )
    assert re.fullmatch(
        r"Built \d+ articles? in \d+ issues?, \d+ pages?( in \d+ editions)?: \d+ HTML files "
        r"\(\d+ with feeds\) into .+ in \d+\.\d s",
        line,
    ), line
    first = {p.relative_to(site.root): p.read_bytes() for p in site.root.rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "again"): p.read_bytes()
        for p in (tmp_path / "again").rglob("*")
        if p.is_file()
    }
    assert first.keys() == second.keys()
    different = [str(path) for path in first if first[path] != second[path]]
    assert not different


def test_publish_refuses_without_a_target(kit):
    env = {k: v for k, v in os.environ.items() if k != "PUBLISH_TARGET"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"],
        cwd=kit.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "PUBLISH_TARGET" in result.stderr + result.stdout
    assert "nothing was built" in result.stderr + result.stdout


def _tasks(kit):
    import importlib.util

    spec = importlib.util.spec_from_file_location("bulletin_tasks", kit.ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_publishing_to_a_folder_mirrors_the_site_and_spares_foreign_folders(tmp_path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "articles" / "a.html").write_text("a", encoding="utf-8")
    target = tmp_path / "public"
    assert mirror(site, target) == (2, 0)
    assert (target / "articles" / "a.html").read_text(encoding="utf-8") == "a"
    (site / "articles" / "a.html").unlink()
    assert mirror(site, target) == (0, 1)
    assert not (target / "articles" / "a.html").exists()  # gone from the site, gone here
    assert (target / "index.html").exists()
    foreign = tmp_path / "someone-elses"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ForeignFolder):
        mirror(site, foreign)
    assert (foreign / "keep.txt").exists()


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_publishing_again_copies_only_what_changed(tmp_path):
    site = tmp_path / "site"
    for name in ("index.html", "articles/a.html", "articles/b.html", "old/c.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    os.link(site / "articles" / "a.html", site / "articles" / "a-twin.html")  # one file, twice
    target = tmp_path / "public"
    assert mirror(site, target) == (5, 0)
    twin = (target / "articles" / "a-twin.html").stat()
    assert twin.st_ino == (target / "articles" / "a.html").stat().st_ino  # copied once, linked
    kept = (target / "articles" / "a.html").stat()
    assert mirror(site, target) == (0, 0)  # nothing changed: nothing copied
    # The next build: b.html rewritten, old/ gone, a page where a folder was, a new page.
    (site / "articles" / "b.html").write_text("b, corrected", encoding="utf-8")
    shutil.rmtree(site / "old")
    (site / "old").write_text("now a page", encoding="utf-8")
    (site / "articles" / "d.html").write_text("d", encoding="utf-8")
    (target / "articles" / ".a.html.publishing").write_text("a copy cut short", encoding="utf-8")
    copied, removed = mirror(site, target)
    assert copied == 3  # b.html, old, d.html
    assert removed == 1  # the cut-short copy (old/ and its page went with their replacement)
    assert _files(target) == {**_files(site), Path(MARKER): b"written by invoke publish\n"}
    same = (target / "articles" / "a.html").stat()
    assert (same.st_ino, same.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)  # not rewritten


def test_publish_builds_the_preview_and_renders_nothing_again(kit, tmp_path, monkeypatch):
    """The weekly routine, `invoke build` then `invoke publish`: the publish builds with the
    preview's settings, so it finds every page as the preview left it (carried over, the same
    files), and copies the site."""
    tasks = _tasks(kit)
    work = tmp_path / "work"
    shutil.copytree(kit.ROOT / "seeds", work / "seeds")
    shutil.copytree(kit.ROOT / "content", work / "content")
    real_build = tasks._build
    built = []

    def build_in_tmp(output=tasks.OUTPUT, overrides=None):
        built.append((Path(output), overrides))
        # the production settings file; only the folders are the test's
        real_build(
            output, {**(overrides or {}), **work_settings(work, work / "seeds", work / "content")}
        )

    output = tmp_path / "output"
    monkeypatch.setattr(tasks, "_build", build_in_tmp)
    monkeypatch.setattr(tasks, "OUTPUT", output)
    monkeypatch.setenv("PUBLISH_TARGET", str(tmp_path / "public"))
    tasks.build(MockContext(), output=str(output))
    pages = {p: p.stat().st_ino for p in output.rglob("*.html")}
    assert len(pages) > 100
    tasks.publish(MockContext())
    assert built[0] == built[1]  # the same build, into the same folder
    # Every story's page is the preview's file, carried over: none was rendered again (with
    # other settings every page was). The archive-wide pages (home, indexes, overview, about,
    # 404, search; 11 an edition) are rendered in every build.
    again = [p for p, inode in pages.items() if p.stat().st_ino != inode]
    assert not [p for p in again if "articles" in p.relative_to(output).parts]
    assert len(again) <= 11 * 2, again
    public = _files(tmp_path / "public")
    assert public.pop(Path(MARKER))
    assert public == _files(output)
