"""Editor and developer tasks, in the spirit of the tasks.py pelican-quickstart writes.

invoke ingest     seeds/ -> content/ (also runs at the start of every build)
invoke build      ingest + render the site into output/
invoke review     build, with reports/review-<edition>.md covering every issue
invoke serve      serve output/ on http://localhost:8000
invoke publish    build with publishconf.py and copy output/ to PUBLISH_TARGET
invoke clean      remove output/ and caches
invoke test       lint + the whole test suite
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PY = shlex.quote(sys.executable)


@task(
    help={
        "seeds": "folder of raw issues (default seeds/)",
        "content": "where articles are written (default content/)",
        "strict": "treat any warning as an error; nothing is written",
    }
)
def ingest(c, seeds="seeds", content="content", strict=False):
    """Turn raw bulletin issues into Markdown articles."""
    args = f"--seeds {shlex.quote(seeds)} --content {shlex.quote(content)}"
    c.run(f"{PY} -m bulletin.cli {args}{' --strict' if strict else ''}")


def _build(settings: str, output: Path = OUTPUT, overrides: dict | None = None) -> None:
    """Build in a process of its own, with progress; the build ends with a one-line summary.

    Every edition is built (plugins/site_editions) into a folder next to `output`, which is
    replaced only when all of them succeeded: after a failure the old site is still there.
    The process skips Python's teardown of the build's objects (runner.build_and_exit).
    """
    command = [sys.executable, "-m", "site_progress", str(ROOT / settings), str(output)]
    if overrides:
        command.append(json.dumps(overrides))
    paths = [str(ROOT / "plugins"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode != 0:
        sys.exit(done.returncode)


@task(
    help={
        "output": "folder to build into (default output/)",
        "timings": "print when each edition's run reached each phase",
    }
)
def build(c, output=str(OUTPUT), timings=False):
    """Ingest the seeds and build every edition of the site into output/."""
    _ensure_node_modules(c)  # lunr.js for the search, copied into the site
    _build("pelicanconf.py", Path(output).resolve(), {"SITE_TIMINGS": True} if timings else None)


@task
def review(c):
    """Build the site with the conversion review covering every issue, not only the newest."""
    _ensure_node_modules(c)
    _build("pelicanconf.py", OUTPUT, overrides={"BULLETIN_REVIEW_ISSUES": 0})


@task
def clean(c):
    """Remove generated output, unfinished builds and caches (never content/ or seeds/)."""
    unfinished = [*ROOT.glob(f".{OUTPUT.name}-staging-*"), *ROOT.glob(f".{OUTPUT.name}-old-*")]
    for path in (OUTPUT, ROOT / "cache", ROOT / "reports", *unfinished):
        if path.exists():
            shutil.rmtree(path)


@task(help={"port": "port to listen on (default 8000)", "build": "build first (default yes)"})
def serve(c, port=8000, build=True):
    """Build, then serve output/ on http://localhost:8000 (Ctrl-C stops)."""
    if build or not OUTPUT.exists():
        _build("pelicanconf.py")
    c.run(f"{PY} -m http.server {int(port)} --bind 127.0.0.1 --directory {OUTPUT}")


def _publish_target() -> str:
    """PUBLISH_TARGET from the environment, else from publishconf.py."""
    target = os.environ.get("PUBLISH_TARGET", "")
    if not target:
        sys.path.insert(0, str(ROOT))
        import publishconf

        target = getattr(publishconf, "PUBLISH_TARGET", "")
    return target.strip()


@task
def publish(c):
    """Build with publishconf.py and sync output/ to PUBLISH_TARGET (rsync target or folder)."""
    target = _publish_target()
    if not target:
        sys.exit(
            "publish: no target set, nothing was built or copied. Set PUBLISH_TARGET to a "
            "folder or to user@host:/path (rsync), in the environment or in publishconf.py."
        )
    remote = ":" in target and not Path(target).exists()
    if not remote:
        _check_folder(Path(target))
    _ensure_node_modules(c)
    _build("publishconf.py")
    if remote:
        c.run(f"rsync -az --delete {OUTPUT}/ {shlex.quote(target)}")
        return
    _mirror(OUTPUT, Path(target))
    print(f"publish: copied {OUTPUT} to {target}")


MARKER = ".bulletin-site"


def _check_folder(target: Path) -> None:
    if target.exists() and any(target.iterdir()) and not (target / MARKER).exists():
        sys.exit(f"publish: {target} is not empty and was not written by publish; refusing.")


def _mirror(source: Path, target: Path) -> None:
    """Make `target` a copy of `source`. Files the site no longer has are removed, but only
    from a folder an earlier publish wrote (it holds the marker), never from any other."""
    _check_folder(target)
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*")}
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target)
        if relative not in wanted and relative != Path(MARKER):
            path.unlink() if path.is_file() or path.is_symlink() else path.rmdir()
    shutil.copytree(source, target, dirs_exist_ok=True)
    (target / MARKER).write_text("written by invoke publish\n", encoding="utf-8")


@task
def lint(c):
    """ruff check and format check."""
    c.run(f"{PY} -m ruff check .")
    c.run(f"{PY} -m ruff format --check .")


# What the browser tests need on a fresh machine: Debian's Chromium (never a downloaded
# browser), nginx to serve output/ the way a static host does, and a Chinese font.
SYSTEM_TOOLS = {
    "/usr/bin/chromium": "chromium",
    "/usr/sbin/nginx": "nginx-light",
    # A CJK font, so screenshots show Chinese as readers' phones do (Noto = Android's font).
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc": "fonts-noto-cjk",
}


def _ensure_node_modules(c) -> None:
    """lunr.js (copied into the site), axe-core and html-validate come from npm, locked."""
    if not (ROOT / "node_modules" / ".package-lock.json").exists():
        c.run("npm ci --no-audit --no-fund", hide="out")


def _ensure_test_tools(c) -> None:
    missing = [package for path, package in SYSTEM_TOOLS.items() if not Path(path).exists()]
    if missing:
        c.run("apt-get update -q", hide="out")
        c.run(f"apt-get install -y -q --no-install-recommends {' '.join(missing)}", hide="out")
    _ensure_node_modules(c)


@task(help={"k": "only tests matching this expression"})
def test(c, k=""):
    """Install what the tests need if it is missing, lint, then run every test."""
    os.chdir(ROOT)
    _ensure_test_tools(c)
    lint(c)
    c.run(f"{PY} -m pytest {('-k ' + shlex.quote(k)) if k else ''}".strip())
    if not k:
        c.run("npm test --silent")  # the JavaScript side: tokenizer vectors, search


@task(
    help={
        "sizes": "comma-separated archive sizes for the site benchmark (default 1000)",
        "repeat": "runs of each size; the table shows their medians (default 1)",
    }
)
def bench(c, sizes="1000", repeat=1):
    """Benchmarks (not part of the tests): ingest speed, then full builds at archive scale
    side by side with vanilla Pelican."""
    try:
        import markdown  # noqa: F401 - vanilla Pelican's reader, the baseline
    except ImportError:
        c.run(f"{PY} -m pip install -q -e '.[bench]'")
    c.run(f"{PY} bench/ingest_bench.py")
    sizes_given = " ".join(s.strip() for s in sizes.split(","))
    c.run(f"{PY} bench/site_bench.py --repeat {int(repeat)} {sizes_given}")
