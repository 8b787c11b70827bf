"""Editor and developer tasks, in the spirit of the tasks.py pelican-quickstart writes.

invoke ingest     seeds/ -> content/ (also runs at the start of every build)
invoke build      ingest + render the site into output/
invoke serve      serve output/ on http://localhost:8000
invoke publish    build with publishconf.py and copy output/ to PUBLISH_TARGET
invoke clean      remove output/ and caches
invoke test       lint + the whole test suite
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PY = shlex.quote(sys.executable)


def _pelican(c, settings: str, extra: str = "") -> None:
    c.run(f"{PY} -m pelican content -s {settings} -o {OUTPUT} {extra}".strip(), pty=False)


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


@task
def build(c):
    """Ingest the seeds and build the site into output/."""
    os.chdir(ROOT)
    _pelican(c, "pelicanconf.py")


@task
def clean(c):
    """Remove generated output and caches (never content/ or seeds/)."""
    for path in (OUTPUT, ROOT / "cache", ROOT / "reports"):
        if path.exists():
            shutil.rmtree(path)


@task(help={"port": "port to listen on (default 8000)"})
def serve(c, port=8000):
    """Serve output/ locally."""
    if not OUTPUT.exists():
        build(c)
    c.run(f"{PY} -m http.server {int(port)} --bind 127.0.0.1 --directory {OUTPUT}")


@task
def publish(c):
    """Build with publishconf.py and sync output/ to PUBLISH_TARGET (rsync target or folder)."""
    target = os.environ.get("PUBLISH_TARGET", "")
    if not target:
        sys.exit("publish: no target. Set PUBLISH_TARGET to a folder or user@host:/path (rsync).")
    os.chdir(ROOT)
    _pelican(c, "publishconf.py")
    if ":" in target and not Path(target).exists():
        c.run(f"rsync -az --delete {OUTPUT}/ {shlex.quote(target)}")
    else:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copytree(OUTPUT, target, dirs_exist_ok=True)


@task
def lint(c):
    """ruff check and format check."""
    c.run(f"{PY} -m ruff check .")
    c.run(f"{PY} -m ruff format --check .")


# What the browser tests need on a fresh machine: Debian's Chromium (never a downloaded
# browser) and nginx to serve output/ the way a static host does.
SYSTEM_TOOLS = {"/usr/bin/chromium": "chromium", "/usr/sbin/nginx": "nginx-light"}


def _ensure_test_tools(c) -> None:
    missing = [package for path, package in SYSTEM_TOOLS.items() if not Path(path).exists()]
    if missing:
        c.run("apt-get update -q", hide="out")
        c.run(f"apt-get install -y -q --no-install-recommends {' '.join(missing)}", hide="out")
    lock = ROOT / "package-lock.json"
    if lock.exists() and not (ROOT / "node_modules" / ".package-lock.json").exists():
        c.run("npm ci --no-audit --no-fund", hide="out")


@task(help={"k": "only tests matching this expression"})
def test(c, k=""):
    """Install what the tests need if it is missing, lint, then run every test."""
    os.chdir(ROOT)
    _ensure_test_tools(c)
    lint(c)
    c.run(f"{PY} -m pytest {('-k ' + shlex.quote(k)) if k else ''}".strip())


@task(help={"sizes": "comma-separated archive sizes for the site benchmark (default 1000)"})
def bench(c, sizes="1000"):
    """Benchmarks (not part of the tests): ingest speed, then full builds at archive scale
    side by side with vanilla Pelican."""
    try:
        import markdown  # noqa: F401 - vanilla Pelican's reader, the baseline
    except ImportError:
        c.run(f"{PY} -m pip install -q -e '.[bench]'")
    c.run(f"{PY} bench/ingest_bench.py")
    c.run(f"{PY} bench/site_bench.py {' '.join(s.strip() for s in sizes.split(','))}")
