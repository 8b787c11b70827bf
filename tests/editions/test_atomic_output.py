"""Atomic output: the new site replaces output/ only when every edition was built;
a build that fails, in any edition, leaves the previous site exactly as it was."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.editions.conftest import MASTER, TRADITIONAL


@pytest.fixture(scope="module")
def build_site(root):
    sys.path.insert(0, str(root / "plugins"))
    from site_build.runner import build_site

    return build_site


@pytest.fixture
def run(build_site, root, tmp_path):
    from pelican.settings import read_settings

    plugins = read_settings(str(root / "pelicanconf.py"))["PLUGINS"]

    def run(**overrides):
        return build_site(
            root / "pelicanconf.py",
            tmp_path / "output",
            progress=False,
            overrides={
                "PLUGINS": [p for p in plugins if p != "bulletin_ingest"],
                "BULLETIN_REVIEW_PATH": str(tmp_path / "review-{edition}.md"),
                "CACHE_PATH": str(tmp_path / "cache"),
                **overrides,
            },
        )

    return run


@pytest.fixture
def broken_theme(root, tmp_path) -> Path:
    theme = tmp_path / "broken-theme"
    shutil.copytree(root / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "{{ article.title }}", "{{ article.title|no_such_filter }}"
        ),
        encoding="utf-8",
    )
    return theme


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".output-"))


def _replaced() -> list[str]:
    """The site the last build replaced, kept until the next build (staging.py)."""
    return [f".output-old-{os.getpid()}"]


def test_a_successful_build_replaces_the_whole_site(run, tmp_path):
    run()
    assert _leftovers(tmp_path) == []  # nothing was replaced
    output = tmp_path / "output"
    (output / "stale.html").write_text("from an older build", encoding="utf-8")
    run()
    assert not (output / "stale.html").exists()
    assert (output / "zh-hant" / "index.html").is_file()
    assert _leftovers(tmp_path) == _replaced()
    assert (tmp_path / _replaced()[0] / "stale.html").is_file()


@pytest.mark.parametrize("where", ["master", "zh-hant"])
def test_a_failed_build_leaves_the_previous_site_untouched(run, tmp_path, broken_theme, where):
    run()
    before = _snapshot(tmp_path / "output")
    assert "zh-hant/articles/000-c3218b23d4d64f1e-01.html" in before
    if where == "master":
        overrides = {"THEME": str(broken_theme)}
    else:  # only the Traditional edition's run fails
        edition = {**TRADITIONAL, "settings": {"THEME": str(broken_theme)}}
        overrides = {"EDITIONS": [MASTER, edition]}
    with pytest.raises(Exception, match="no_such_filter"):
        run(**overrides)
    assert _snapshot(tmp_path / "output") == before
    assert _leftovers(tmp_path) == []  # the first build replaced nothing, the second failed
    assert multiprocessing.active_children() == []  # no edition left running
    _collector_as_before()


def _collector_as_before() -> None:
    """The runner pauses the garbage collector while the build loads: whatever happened,
    the caller gets it back on, with nothing left frozen out of its sight."""
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_two_builds_are_byte_identical_in_every_edition(run, tmp_path):
    run()
    first = {k: v[0] for k, v in _snapshot(tmp_path / "output").items()}
    run()
    second = {k: v[0] for k, v in _snapshot(tmp_path / "output").items()}
    assert first.keys() == second.keys()
    assert any(k.startswith("zh-hant/") for k in first)
    assert [k for k in first if first[k] != second[k]] == []
    _collector_as_before()


def test_leftovers_of_a_killed_build_and_replaced_sites_are_cleared(root, tmp_path):
    sys.path.insert(0, str(root))
    from bulletin.build.staging import leftovers, staged

    output = tmp_path / "output"
    dead = tmp_path / ".output-staging-999999999"
    replaced = tmp_path / f".output-old-{os.getppid()}"  # a number still running: no matter
    running = tmp_path / f".output-staging-{os.getppid()}"  # a build still writing: kept
    for folder in (dead, replaced, running):
        folder.mkdir()
        (folder / "half.html").write_text("half", encoding="utf-8")
    assert leftovers(output) == [replaced, dead]
    with staged(output) as staging:
        (staging / "index.html").write_text("new", encoding="utf-8")
    assert not dead.exists() and not replaced.exists()
    assert (output / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(os.listdir(tmp_path)) == [running.name, "output"]
    with staged(output) as staging:
        (staging / "index.html").write_text("newer", encoding="utf-8")
    assert (tmp_path / f".output-old-{os.getpid()}" / "index.html").read_text() == "new"
    with staged(output) as staging:  # the same process builds again: its own is removed too
        (staging / "index.html").write_text("newest", encoding="utf-8")
    assert (tmp_path / f".output-old-{os.getpid()}" / "index.html").read_text() == "newer"


def test_the_build_command_exits_0_or_1_and_only_a_good_build_replaces_the_site(
    root, tmp_path, broken_theme
):
    """`invoke build` runs `python -m site_build`, which ends without Python's teardown:
    its exit status must still say whether the site was published."""
    import json
    import subprocess

    from pelican.settings import read_settings

    plugins = read_settings(str(root / "pelicanconf.py"))["PLUGINS"]
    overrides = {
        "PLUGINS": [p for p in plugins if p != "bulletin_ingest"],
        "BULLETIN_REVIEW_PATH": str(tmp_path / "review-{edition}.md"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "SITE_PROGRESS": False,
    }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "plugins"), str(root)])}

    def command(**more) -> subprocess.CompletedProcess:
        settings = json.dumps({**overrides, **more})
        args = [sys.executable, "-m", "site_build", "pelicanconf.py", str(output), settings]
        return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)

    output = tmp_path / "output"
    good = command()
    assert good.returncode == 0, good.stderr
    assert "Built 21 articles in 5 issues" in good.stdout
    before = _snapshot(tmp_path / "output")
    assert "zh-hant/index.html" in before

    bad = command(THEME=str(broken_theme))
    assert bad.returncode == 1
    assert "no_such_filter" in bad.stderr and "was left as it was" in bad.stderr
    assert _snapshot(tmp_path / "output") == before
    assert _leftovers(tmp_path) == []  # the failed build removed its staging folder


def test_without_a_process_to_remove_them_the_leftovers_go_at_once(root, tmp_path, monkeypatch):
    sys.path.insert(0, str(root))
    from bulletin.build import staging

    def no_process(*_args, **_kwargs):
        raise OSError("no more processes")

    replaced = tmp_path / ".output-old-1"
    replaced.mkdir()
    (replaced / "index.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(staging.subprocess, "Popen", no_process)
    assert staging.remove_in_background([replaced]) is None
    assert not replaced.exists()
