"""What the Traditional edition costs a build: one edition against two, and the parts.

    python bench/editions_bench.py [sizes ...]      (0 = the committed seed archive; default 0 1000)

For each archive (the seeds' 20 articles, or a synthetic one from bulletin/synthetic.py, ingested
once beforehand: the ingest runs once per build whatever the editions), every variant is a fresh
Python process running Pelican in-process on pelicanconf.py, median of REPEAT runs:

  simplified only       EDITIONS = the master alone (a site with no Traditional edition)
  traditional only      the zh-hant run alone in one process (EDITION_CODE=zh-hant), review off:
                        its difference to the line above is what converting the content costs
  two editions          the shipped build: the master forks the zh-hant run, both in parallel
  two, one after other  both runs in one process, in turn: the serial cost of two editions, the
                        upper bound of one run rendering every page twice
  review, cold cache    the editors' review list, built from nothing (a warm cache costs ~0)
  + search index        the shipped build with pelicanconf.py's search plugin
The search plugin is left out of the other rows: they measure the editions.

Phases of the single-edition run (read + context, write) come from Pelican's signals. The
conversion time is also measured directly, inside the zh-hant run (content_object_init).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEAT = 3
MASTER = {"code": "zh-hans", "hreflang": "zh-Hans", "path": "", "name": "简体"}
TRADITIONAL_RUN = {"EDITION_CODE": "zh-hant"}  # the zh-hant run alone, in this process

# Runs Pelican in a fresh interpreter; prints {"total", "context", "convert"} in seconds.
CHILD = r"""
import json, logging, os, sys, time
ROOT = sys.argv[2]
sys.path.insert(0, ROOT); sys.path.insert(0, os.path.join(ROOT, "plugins"))
os.chdir(ROOT)
import pelican
from pelican import signals
from pelican.settings import read_settings
from rich.console import Console
overrides = json.loads(sys.argv[1])
runs = overrides.pop("_runs", [{}])
marks, spent = {}, [0.0]
signals.all_generators_finalized.connect(
    lambda generators: marks.setdefault("context", time.perf_counter()), weak=False)
import site_editions
convert = site_editions.convert_content
def timed(obj):
    start = time.perf_counter(); convert(obj); spent[0] += time.perf_counter() - start
site_editions.convert_content = timed  # what register() connects
logging.disable(logging.WARNING)
pelican.console = Console(quiet=True)
start = time.perf_counter()
for run in runs:
    settings = read_settings("pelicanconf.py", override={**overrides, **run})
    site = pelican.Pelican(settings)
    site.run()
print(json.dumps({"total": time.perf_counter() - start,
                  "context": marks.get("context", start) - start, "convert": spent[0]}))
"""


def run(overrides: dict) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(overrides), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(overrides: dict, fresh_cache: Path | None = None) -> dict[str, float]:
    runs = []
    for _ in range(REPEAT):
        if fresh_cache is not None:
            shutil.rmtree(fresh_cache, ignore_errors=True)
        runs.append(run(overrides))
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def prepare(size: int, work: Path) -> Path:
    if size == 0:
        return ROOT / "content"
    from bulletin.ingest.run import ingest
    from bulletin.synthetic import write_archive

    write_archive(work / "seeds", size)
    ingest(work / "seeds", work / "content")
    shutil.copytree(ROOT / "content" / "pages", work / "content" / "pages")
    return work / "content"


def bench(size: int) -> list[tuple[str, dict[str, float]]]:
    from pelican.settings import read_settings

    work = Path(tempfile.mkdtemp(prefix=f"editions-bench-{size}-"))
    try:
        content = prepare(size, work)
        settings = read_settings(str(ROOT / "pelicanconf.py"))
        everything = [p for p in settings["PLUGINS"] if p != "bulletin_ingest"]
        plugins = [p for p in everything if p != "site_search"]  # search: its own section
        base = {
            "PATH": str(content),
            "OUTPUT_PATH": str(work / "output"),
            "PLUGINS": plugins,
            "CACHE_PATH": str(work / "cache"),
            "BULLETIN_REVIEW_PATH": str(work / "review-{edition}.md"),
        }
        two = settings["EDITIONS"]
        warm = {**base, "EDITIONS": two}
        run(warm)  # fills the review cache: a weekly build reviews only the new issue
        no_review = {**base, "BULLETIN_REVIEW": False}
        rows = [
            ("simplified only", median({**no_review, "EDITIONS": [MASTER]})),
            ("traditional only (review off)", median({**no_review, "EDITION_CODE": "zh-hant"})),
            ("two editions, parallel (shipped)", median(warm)),
            (
                "two editions, one after the other",
                median({**no_review, "_runs": [{"EDITIONS": [MASTER]}, TRADITIONAL_RUN]}),
            ),
            (
                "traditional only, review cold",
                median({**base, "EDITION_CODE": "zh-hant"}, fresh_cache=work / "cache"),
            ),
        ]
        if everything != plugins:
            rows.append(("two editions + search index", median({**warm, "PLUGINS": everything})))
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(size: int, rows: list[tuple[str, dict[str, float]]]) -> str:
    label = "seed archive (20 articles)" if size == 0 else f"{size} synthetic articles"
    lines = [
        f"**{label}**",
        "",
        "| build | total s | read + context s | converting content s |",
        "|---|---|---|---|",
    ]
    for name, row in rows:
        convert = f"{row['convert']:.2f}" if row["convert"] else "-"
        lines.append(f"| {name} | {row['total']:.2f} | {row['context']:.2f} | {convert} |")
    return "\n".join(lines)


def main(sizes: list[int]) -> str:
    load = os.getloadavg()
    out = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at start {load[0]:.1f}",
    ]
    for size in sizes:
        out += ["", table(size, bench(size))]
        print(out[-1], flush=True)
    return "\n".join(out)


if __name__ == "__main__":
    print(main([int(n) for n in sys.argv[1:]] or [0, 1000]))
