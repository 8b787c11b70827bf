"""A throwaway copy of the project's inputs (the real seeds/, content/pages) in a temporary
folder, built the way `invoke build` builds it: `python -m site_build` in its own process,
with the real pelicanconf.py and every path pointed into the folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_project(work: Path, seeds: bool = True) -> Path:
    (work / "seeds").mkdir(parents=True, exist_ok=True)
    if seeds:
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy2(seed, work / "seeds" / seed.name)
    shutil.copytree(ROOT / "content" / "pages", work / "content" / "pages", dirs_exist_ok=True)
    return work


def overrides(work: Path, **more) -> dict:
    return {
        "PATH": str(work / "content"),
        "BULLETIN_SEEDS_PATH": str(work / "seeds"),
        "BULLETIN_REPORT_PATH": str(work / "reports" / "ingest.md"),
        "BULLETIN_REVIEW_PATH": str(work / "reports" / "review-{edition}.md"),
        "CACHE_PATH": str(work / "cache"),
        **more,
    }


def build(
    work: Path,
    keep_going: bool = False,
    env: dict | None = None,
    output: str = "output",
    strict: bool = False,
) -> subprocess.CompletedProcess:
    """Run the build as `invoke build` does; returns the finished process (text output)."""
    extra = {"BULLETIN_KEEP_GOING": True} if keep_going else {}
    if strict:
        extra["BULLETIN_STRICT_DATES"] = True
    command = [
        sys.executable,
        "-m",
        "site_build",
        str(ROOT / "pelicanconf.py"),
        str(work / output),
        json.dumps(overrides(work, **extra)),
    ]
    paths = [str(ROOT / "plugins"), str(ROOT)]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **(env or {})}
    # a session of its own: a fault injected with kill: kills the build's process group
    return subprocess.run(
        command,
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,
    )


def site_files(output: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }
