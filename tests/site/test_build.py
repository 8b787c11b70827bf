"""The build itself: identical output twice, a one-line summary, publish refusing politely."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def runner(kit):
    sys.path.insert(0, str(kit.ROOT / "plugins"))
    from site_progress.runner import build_site

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


def test_publishing_to_a_folder_mirrors_the_site_and_spares_foreign_folders(kit, tmp_path):
    tasks = _tasks(kit)
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "articles" / "a.html").write_text("a", encoding="utf-8")
    target = tmp_path / "public"
    tasks._mirror(site, target)
    assert (target / "articles" / "a.html").read_text(encoding="utf-8") == "a"
    (site / "articles" / "a.html").unlink()
    tasks._mirror(site, target)
    assert not (target / "articles" / "a.html").exists()  # gone from the site, gone here
    assert (target / "index.html").exists()
    foreign = tmp_path / "someone-elses"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(SystemExit):
        tasks._mirror(site, foreign)
    assert (foreign / "keep.txt").exists()
