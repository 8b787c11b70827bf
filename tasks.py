"""Editor and developer tasks, in the spirit of the tasks.py pelican-quickstart writes.

invoke ingest     seeds/ -> content/ (also runs at the start of every build)
invoke build      ingest + render the site into output/
invoke review     build, with reports/review-<edition>.md covering every issue
invoke serve      serve output/ on http://localhost:8000
invoke livereload build, serve, rebuild on every change and reload the open pages
invoke publish    build (as invoke build does) and copy what changed to PUBLISH_TARGET
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
import threading
from pathlib import Path

from invoke import task

from bulletin.build.publish import ForeignFolder, check_target, mirror

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
SETTINGS = "pelicanconf.py"  # the site's settings, for the preview and the published site alike
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
    c.run(f"{PY} -m bulletin.ingest {args}{' --strict' if strict else ''}")


# `python -m site_build` exits with this when --keep-going published the site although
# some articles had errors (each such story as last published, or not at all)
PUBLISHED_WITH_PROBLEMS = 3


def _build(output: Path = OUTPUT, overrides: dict | None = None) -> int:
    """Build the site (SETTINGS) in a process of its own, with progress and a one-line summary.

    Every edition is built (plugins/site_editions) into a folder next to `output`, which is
    replaced only when all of them succeeded: after a failure the old site is still there.
    The process skips Python's teardown of the build's objects (runner.build_and_exit).
    A failed build exits this process with its status; so does one that published with
    problems, unless BULLETIN_KEEP_GOING is among `overrides` (the status is then returned,
    for publish to copy the site).
    """
    command, env = _build_command(output, overrides)
    done = subprocess.run(command, cwd=ROOT, env=env)
    keep_going = bool((overrides or {}).get("BULLETIN_KEEP_GOING"))
    if done.returncode not in (0, PUBLISHED_WITH_PROBLEMS if keep_going else 0):
        sys.exit(done.returncode)
    return done.returncode


def _build_command(
    output: Path = OUTPUT, overrides: dict | None = None
) -> tuple[list[str], dict[str, str]]:
    """The command `_build` runs (from ROOT) and its environment; the preview runs it too."""
    command = [sys.executable, "-m", "site_build", str(ROOT / SETTINGS), str(output)]
    if overrides:
        command.append(json.dumps(overrides))
    paths = [str(ROOT / "plugins"), str(ROOT), os.environ.get("PYTHONPATH", "")]
    return command, {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


@task(
    help={
        "output": "folder to build into (default output/)",
        "timings": "print when each edition's run reached each phase",
        "keep-going": "publish even when articles have errors, each such story as it was "
        "last published (the status is still non-zero)",
        "strict": "publish nothing while an issue's date is an estimate (日期待核)",
    }
)
def build(c, output=str(OUTPUT), timings=False, keep_going=False, strict=False):
    """Ingest the seeds and build every edition of the site into output/."""
    _ensure_node_modules(c)  # lunr.js for the search, copied into the site
    overrides = {"SITE_TIMINGS": True} if timings else {}
    if keep_going:
        overrides["BULLETIN_KEEP_GOING"] = True
    if strict:
        overrides["BULLETIN_STRICT_DATES"] = True
    status = _build(Path(output).resolve(), overrides or None)
    if status:  # published with problems (--keep-going): they were listed, the status says so
        sys.exit(status)


@task
def review(c):
    """Build the site with the conversion review covering every issue, not only the newest."""
    _ensure_node_modules(c)
    _build(OUTPUT, overrides={"BULLETIN_REVIEW_ISSUES": 0})


@task
def clean(c):
    """Remove generated output, unfinished builds and caches (never content/ or seeds/)."""
    unfinished = [
        *ROOT.glob(f".{OUTPUT.name}-staging-*"),
        *ROOT.glob(f".{OUTPUT.name}-old-*"),
        *ROOT.glob(f".{OUTPUT.name}-preview-*"),  # a last good site a stopped preview kept
    ]
    for path in (OUTPUT, ROOT / "cache", ROOT / "reports", *unfinished):
        if path.exists():
            shutil.rmtree(path)


# What the preview watches besides the settings: every input of the site.
WATCHED = ("seeds", "content", "theme", "glossary")


@task(
    help={
        "port": "port to listen on (default 8000)",
        "build": "build first (default yes)",
        "watch": "rebuild on every change and reload the open pages (invoke livereload)",
    }
)
def serve(c, port=8000, build=True, watch=False):
    """Build, then serve output/ on http://localhost:8000 (Ctrl-C stops)."""
    if watch:
        return livereload(c, port)
    if build or not OUTPUT.exists():
        _ensure_node_modules(c)
        _build()
    from bulletin.preview import server

    httpd = server.start(server.Preview(OUTPUT, live=False), int(port))
    print(f"Serving {OUTPUT} on http://127.0.0.1:{int(port)}/ (Ctrl-C stops)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()


@task(help={"port": "port to listen on (default 8000)"})
def livereload(c, port=8000):
    """Build, serve output/ on http://localhost:8000, and on every change to seeds/, content/,
    theme/, glossary/ or the settings build again and reload the open pages (Ctrl-C stops)."""
    from bulletin.preview.watch import livereload as preview

    _ensure_node_modules(c)
    command, env = _build_command(OUTPUT)
    folders = [ROOT / name for name in WATCHED]
    preview(ROOT, OUTPUT, ROOT / SETTINGS, folders, command, env, int(port))


def _publish_target() -> str:
    """PUBLISH_TARGET from the environment, else from pelicanconf.py."""
    target = os.environ.get("PUBLISH_TARGET", "")
    if not target:
        sys.path.insert(0, str(ROOT))
        import pelicanconf

        target = getattr(pelicanconf, "PUBLISH_TARGET", "")
    return target.strip()


@task(help={"keep-going": "as for build: publish even when articles have errors"})
def publish(c, keep_going=False):
    """Build the site as `invoke build` does and copy what changed to PUBLISH_TARGET.

    The same settings as the preview: right after `invoke build` this build finds nothing
    to redo. Only new or changed files are copied; the ones the site no longer has are
    removed after, so a reader never meets a link to a page not yet there."""
    target = _publish_target()
    if not target:
        sys.exit(
            "publish: no target set, nothing was built or copied. Set PUBLISH_TARGET to a "
            "folder or to user@host:/path (rsync), in the environment or in pelicanconf.py."
        )
    remote = ":" in target and not Path(target).exists()
    if not remote:
        _check_target(Path(target))
    _ensure_node_modules(c)
    status = _build(OUTPUT, {"BULLETIN_KEEP_GOING": True} if keep_going else None)
    if remote:
        # rsync compares size and time; -H sends a file the site holds twice once;
        # --delay-updates puts the changed files in place together
        c.run(f"rsync -azH --delay-updates --delete-after {OUTPUT}/ {shlex.quote(target)}")
    else:
        copied, removed = mirror(OUTPUT, Path(target))
        print(
            f"publish: {copied} files copied, {removed} removed: {target} is the site in {OUTPUT}"
        )
    if status:
        print("publish: the site was published with the problems listed above", file=sys.stderr)
        sys.exit(status)


def _check_target(target: Path) -> None:
    try:
        check_target(target)
    except ForeignFolder as refused:
        sys.exit(str(refused))


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
    c.run(f"{PY} bench/hant_accuracy.py")
    sizes_given = " ".join(s.strip() for s in sizes.split(","))
    c.run(f"{PY} bench/site_bench.py --repeat {int(repeat)} {sizes_given}")
