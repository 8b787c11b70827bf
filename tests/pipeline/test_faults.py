"""A build killed (SIGKILL, the whole process group) at any point, or short of disk space,
never leaves a half-written site: output/ is the old site or the new one, the next build
succeeds and equals a clean build, and a publish run again makes the target equal output/.
Faults are injected through BULLETIN_FAULT (bulletin/faults.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pipeline.project import ROOT, build, make_project, site_files

NEW_SEED = "004_3a1c797ee19f5817.txt"  # the week's new issue
KILLED = -signal.SIGKILL


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict:
    """The archive without its newest issue, built (the site before this week), and the
    whole archive built from scratch (what any later build must equal)."""
    old = make_project(tmp_path_factory.mktemp("old"))
    (old / "seeds" / NEW_SEED).unlink()
    assert build(old).returncode == 0
    clean = make_project(tmp_path_factory.mktemp("clean"))
    assert build(clean).returncode == 0
    return {
        "old project": old,
        "old": site_files(old / "output"),
        "new": site_files(clean / "output"),
    }


def _this_week(sites: dict, tmp_path: Path) -> Path:
    work = tmp_path / "work"
    shutil.copytree(sites["old project"], work, symlinks=True)
    shutil.copy2(ROOT / "seeds" / NEW_SEED, work / "seeds" / NEW_SEED)
    return work


@pytest.mark.parametrize(
    "point", ["ingest", "render-zh-hans", "render-zh-hant", "search-index", "swap"]
)
def test_a_build_killed_leaves_a_whole_site_and_the_next_build_is_clean(
    sites: dict, tmp_path: Path, point: str
) -> None:
    work = _this_week(sites, tmp_path)
    killed = build(work, env={"BULLETIN_FAULT": f"kill:{point}"})
    assert killed.returncode == KILLED, killed.stderr
    left = site_files(work / "output")
    assert left in (sites["old"], sites["new"]), f"a mixed site after a kill at {point}"
    assert left == (sites["new"] if point == "swap" else sites["old"])
    again = build(work)
    assert again.returncode == 0, again.stderr
    assert site_files(work / "output") == sites["new"]
    assert not list(work.glob(".output-*-*")) or all(
        p.name.startswith(".output-old-") for p in work.glob(".output-*-*")
    )


@pytest.mark.parametrize("point", ["render-zh-hans", "render-zh-hant"])
def test_a_full_disk_says_so_and_leaves_the_old_site(
    sites: dict, tmp_path: Path, point: str
) -> None:
    work = _this_week(sites, tmp_path)
    full = build(work, env={"BULLETIN_FAULT": f"enospc:{point}"})
    assert full.returncode == 1
    last = full.stderr.strip().splitlines()[-1]
    assert last.startswith("build failed: the disk is full (No space left on device: ")
    assert "output/ was left as it was; free some space and build again." in last
    assert "Traceback" not in full.stderr
    assert site_files(work / "output") == sites["old"]


def _publish(work: Path, target: Path, fault: str = "") -> subprocess.CompletedProcess:
    """bulletin.build.publish.mirror, what `invoke publish` does to a folder once the site
    is built."""
    code = (
        "import sys; from pathlib import Path; from bulletin.build.publish import mirror; "
        "mirror(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BULLETIN_FAULT": fault}
    return subprocess.run(
        [sys.executable, "-c", code, str(work / "output"), str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        start_new_session=True,
    )


def test_a_publish_killed_midway_is_made_whole_by_publishing_again(
    sites: dict, tmp_path: Path
) -> None:
    work = _this_week(sites, tmp_path)
    target = tmp_path / "public"
    assert _publish(work, target).returncode == 0  # last week's site is online
    assert build(work).returncode == 0
    killed = _publish(work, target, "kill:publish")
    assert killed.returncode == KILLED
    assert site_files(work / "output") == sites["new"]
    assert _publish(work, target).returncode == 0
    public = site_files(target)
    public.pop(".bulletin-site")
    assert public == sites["new"]
