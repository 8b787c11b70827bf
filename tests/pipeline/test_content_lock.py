"""One build or ingest at a time per content folder (bulletin/lock.py): a second one stops at
once, says who holds the folder and touches nothing; a killed holder leaves no stale lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bulletin.build.lock import ContentLocked, content_lock, lock_path
from bulletin.ingest.cli import main as ingest_main

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from pathlib import Path
from bulletin.build.lock import content_lock
with content_lock(Path(sys.argv[1]), sys.argv[2]):
    print("held", flush=True)
    time.sleep(120)
"""


@contextmanager
def held_by_another_process(content: Path, what: str = "build") -> Iterator[int]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(content), what],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder.pid
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture(scope="module")
def build_site():
    sys.path.insert(0, str(ROOT / "plugins"))
    from site_build.runner import build_site

    return build_site


def test_a_second_holder_is_refused_with_the_first_ones_name(tmp_path):
    content = tmp_path / "content"
    with (
        held_by_another_process(content, "ingest") as pid,
        pytest.raises(ContentLocked, match=rf"another ingest \(process {pid}, started"),
        content_lock(content, "build"),
    ):
        pytest.fail("the lock was granted twice")
    # Killed, not released by hand: the operating system let go of it.
    with content_lock(content, "build"):
        assert f"build (process {os.getpid()}" in lock_path(content).read_text("utf-8")


def test_a_build_while_another_runs_does_nothing_and_the_next_one_builds(tmp_path, build_site):
    from pelican.settings import read_settings

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    overrides = {
        "PATH": str(content),
        "PLUGINS": [p for p in plugins if p != "bulletin_ingest"],
        "CACHE_PATH": str(tmp_path / "cache"),
        "BULLETIN_REVIEW_PATH": str(tmp_path / "review-{edition}.md"),
    }
    output = tmp_path / "output"
    with held_by_another_process(content) as pid:
        with pytest.raises(ContentLocked, match=f"process {pid}"):
            build_site(ROOT / "pelicanconf.py", output, progress=False, overrides=overrides)
        # Nothing at all: no staging folder, no cache, no site.
        assert sorted(p.name for p in tmp_path.iterdir()) == [".content.lock", "content"]
    build_site(ROOT / "pelicanconf.py", output, progress=False, overrides=overrides)
    assert (output / "index.html").is_file() and (output / "zh-hant" / "index.html").is_file()


def test_the_ingest_command_says_why_it_did_not_run(tmp_path, seeds_dir, capsys):
    content = tmp_path / "content"
    args = ["--seeds", str(seeds_dir), "--content", str(content), "--report", "", "--cache", ""]
    with held_by_another_process(content) as pid:
        assert ingest_main(args) == 2
        assert f"is being written by another build (process {pid}" in capsys.readouterr().err
        assert not content.exists()
    assert ingest_main(args) == 0
    assert len(list(content.rglob("*.md"))) == 21
