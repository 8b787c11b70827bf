"""The editors' weekly routine at archive scale: a new issue, `invoke build` to preview it,
`invoke publish` to a folder (its build, then the copy).

    python bench/weekly.py 5000                       this checkout
    python bench/weekly.py 5000 --repo ../old --publish-settings publishconf.py
    python bench/weekly.py 30 --work /tmp/week --settle 0

The second form measures another checkout (a `git worktree` of an older commit) whose publish
built with other settings; the third is a quick check of the routine (tests/bench). Each size
starts from the state last week's routine left (the archive built, published and copied,
untimed), then adds one issue and times the three steps. Folders are made under a temporary
folder (or --work) and left there (see site_bench.py on why nothing is deleted during a bench).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUIET = subprocess.DEVNULL

from bulletin.build.publish import mirror  # noqa: E402
from bulletin.build.workspace import work_settings  # noqa: E402


def routine(
    articles: int, repo: Path, publish_settings: str, work: Path, settle: float = 30
) -> dict[str, float]:
    """Seconds of the preview build, the publish build and the copy after one new issue."""
    (work / "content").mkdir(parents=True)
    synth = [sys.executable, "-m", "bulletin.synthetic"]
    subprocess.run([*synth, str(articles), str(work / "seeds")], cwd=repo, check=True, stdout=QUIET)
    subprocess.run(
        [*synth, str(articles + 10), str(work / "next")], cwd=repo, check=True, stdout=QUIET
    )
    extra = sorted((work / "next").iterdir())[-1]
    overrides = work_settings(work, work / "seeds", work / "content")

    def timed(step) -> float:
        started = time.perf_counter()
        step()
        return time.perf_counter() - started

    def build(settings: str) -> None:
        command = [sys.executable, "bench/build.py", settings, str(work / "output")]
        subprocess.run([*command, json.dumps(overrides)], cwd=repo, check=True, stdout=QUIET)

    def copy() -> None:
        mirror(work / "output", work / "public")

    def copied_since(started_ns: int) -> tuple[int, int]:
        """Files the copy wrote and their bytes (each copy or link is a new change time; a
        file linked twice counts its bytes once)."""
        new = [p.stat() for p in (work / "public").rglob("*") if p.is_file()]
        new = [s for s in new if s.st_ctime_ns >= started_ns]
        return len(new), sum({s.st_ino: s.st_size for s in new}.values())

    build("pelicanconf.py")  # last week: preview, publish, copy
    build(publish_settings)
    copy()
    subprocess.run(["sync"], check=True)
    time.sleep(settle)  # let the disk settle after the set-up's writes
    shutil.copy(extra, work / "seeds" / extra.name)
    preview = timed(lambda: build("pelicanconf.py"))
    publish = timed(lambda: build(publish_settings))
    copy_started = time.time_ns()
    copied = timed(copy)
    files, size = copied_since(copy_started)
    return {
        "articles": articles,
        "preview build s": preview,
        "publish build s": publish,
        "copy s": copied,
        "files copied": files,
        "MB copied": size / 2**20,
        "routine s": preview + publish + copied,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--repo", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument("--publish-settings", default="pelicanconf.py")
    parser.add_argument(
        "--work", type=Path, help="folder to work in (default: a new temporary one)"
    )
    parser.add_argument(
        "--settle", type=float, default=30, help="seconds to let the disk settle before timing"
    )
    args = parser.parse_args()
    base = args.work or Path(tempfile.mkdtemp(prefix="bulletin-weekly-"))
    print(f"working in {base}", file=sys.stderr)
    for size in args.sizes:
        work = base / str(size)
        row = routine(size, args.repo.resolve(), args.publish_settings, work, args.settle)
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
