"""Full builds at archive scale, side by side with vanilla Pelican on the same articles.

    python bench/site_bench.py 1000 5000 20000      (invoke bench --sizes 1000,5000,20000)
    python bench/site_bench.py --repeat 3 1000 5000 (medians of three runs a size)

For each size, in this order: a synthetic archive in the seeds' raw format (bulletin/synthetic.py);
vanilla Pelican (bench/vanilla_pelicanconf.py) on its articles (ingested by the CLI), cold and
with a warm content cache, and again after one more issue (its own rebuild, the yardstick
for ours); our full build (ingest, both editions, search: what `invoke build`
runs, staged into a fresh folder with an empty cache, bench/build.py); search on the built
site in Chromium (bench/search_probe.py: bytes per query and time to first result); a rebuild
after one new issue (the same command again, with the cache and the published site the full
build left); the same command once more with nothing changed, the least any rebuild costs.
Ratios are against vanilla measured in the same run, because the machine is shared.

Nothing is deleted until the whole bench is done. On an ext4 file system without a journal
(this project's VMs) the kernel will not reuse an inode freed in the last 60 to 300 seconds,
and scans past every such inode each time it creates a file: deleting one run's archive
made the next run's builds create files up to thirty times slower (BENCHMARKS.md). For the
same reason vanilla Pelican is measured first, on articles ingested by the CLI, before our
rebuild frees the files it replaced.
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
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_probe import probe  # noqa: E402
from bulletin.build.workspace import work_settings  # noqa: E402
from bulletin.synthetic import STORIES_PER_ISSUE, write_archive  # noqa: E402


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stderr: str


def measured(args: list[str]) -> Run:
    """Wall time, peak resident memory and what it printed on stderr, of a child process."""
    with tempfile.TemporaryFile() as stderr:  # a pipe could fill up and stall the child
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stderr.seek(0)
        printed = stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{printed[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, printed)


def ingest_phase(timings: str) -> float:
    """Seconds from the build's start to "ingest done" (the Simplified run's column) in the
    table `SITE_TIMINGS` prints: parsing, content/ written, Traditional bodies converted."""
    for line in timings.splitlines():
        if line.startswith("ingest done"):
            return float(line.split("|")[1])
    raise ValueError(f"no ingest phase in the build's timings:\n{timings[-2000:]}")


def _ours(output: Path, overrides: dict[str, object]) -> list[str]:
    build = str(ROOT / "bench" / "build.py")
    return [sys.executable, build, "pelicanconf.py", str(output), json.dumps(overrides)]


def _pelican(content: Path, output: Path, settings: str, extra: dict[str, object]) -> list[str]:
    args = [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output), "-q"]
    if extra:  # one -e with every setting: a second -e replaces the first
        args += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    return args


def _ingest(seeds: Path, content: Path) -> Run:
    """The CLI's ingest (`invoke ingest`: what the build runs first, without the Traditional
    bodies) of `seeds` into `content`, with an empty content folder and no cache."""
    args = [sys.executable, "-m", "bulletin.ingest", "--seeds", str(seeds), "--report", ""]
    return measured([*args, "--cache", "", "--content", str(content)])


def _article_names(content: Path) -> list[str]:
    """What an ingest wrote: vanilla Pelican and ours must be given the same articles."""
    return sorted(p.name for p in (content / "articles").rglob("*.md"))


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_size(articles: int, work: Path) -> dict[str, float]:
    seeds, content, output = work / "seeds", work / "content", work / "output"
    write_archive(seeds, articles)
    content.mkdir()  # Pelican checks the content path before the ingest plugin fills it
    ours = work_settings(work, seeds, content)
    # Vanilla first, on the same articles (the CLI runs the ingest the build runs).
    vanilla_content = work / "vanilla-content"
    ingest = _ingest(seeds, vanilla_content)
    ingested = _article_names(vanilla_content)
    vanilla_settings = str(ROOT / "bench" / "vanilla_pelicanconf.py")
    cache = {"CACHE_PATH": str(work / "vanilla-cache")}
    vanilla = measured(_pelican(vanilla_content, work / "vanilla-out", vanilla_settings, cache))
    warm_settings = {**cache, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    measured(_pelican(vanilla_content, work / "vanilla-out", vanilla_settings, warm_settings))
    vanilla_warm = measured(
        _pelican(vanilla_content, work / "vanilla-out", vanilla_settings, warm_settings)
    )
    # Vanilla's own rebuild after one more issue, warm cache: the yardstick for ours.
    extra = write_archive(work / "next", articles + STORIES_PER_ISSUE)[-1]
    extra_seeds, extra_content = work / "next-seeds", work / "next-content"
    extra_seeds.mkdir()
    shutil.copy(extra, extra_seeds / extra.name)
    _ingest(extra_seeds, extra_content)
    shutil.copytree(extra_content, vanilla_content, dirs_exist_ok=True)
    vanilla_rebuild = measured(
        _pelican(vanilla_content, work / "vanilla-out", vanilla_settings, warm_settings)
    )
    full = measured(_ours(output, {**ours, "SITE_TIMINGS": True}))
    if _article_names(content) != ingested:
        raise RuntimeError("the build's ingest and the CLI's wrote different articles")
    search = probe(output)
    # One more issue arrives: the rebuild an editor waits for every week.
    shutil.copy(extra, seeds / extra.name)
    rebuild = measured(_ours(output, ours))
    # The same command once more with nothing changed: what any rebuild costs at the least.
    unchanged = measured(_ours(output, ours))
    first = next(r for r in search if r["kind"] == "first" and r["edition"] == "(root)")
    later = [r for r in search if r["kind"] == "later"]
    print(json.dumps(search, ensure_ascii=False), flush=True)
    return {
        "articles": articles,
        "ingest (CLI) s": ingest.seconds,
        "ingest in full build s": ingest_phase(full.stderr),
        "full build s": full.seconds,
        "full build peak MB": full.peak_mb,
        "rebuild after one issue s": rebuild.seconds,
        "vanilla s": vanilla.seconds,
        "vanilla warm cache s": vanilla_warm.seconds,
        "vanilla rebuild after one issue s": vanilla_rebuild.seconds,
        "vanilla rebuild / vanilla": vanilla_rebuild.seconds / vanilla.seconds,
        "vanilla peak MB": vanilla.peak_mb,
        "full / vanilla": full.seconds / vanilla.seconds,
        "rebuild / full": rebuild.seconds / full.seconds,
        "rebuild, nothing changed s": unchanged.seconds,
        "nothing changed / full": unchanged.seconds / full.seconds,
        "output MB": size_of(output) / 2**20,
        "search first query KB": first["KB"],
        "search first query ms": first["ms to first result"],
        "search later queries KB": max(r["KB"] for r in later),
        "search later queries ms": max(r["ms to first result"] for r in later),
        "vanilla output MB": size_of(work / "vanilla-out") / 2**20,
    }


def table(rows: list[dict[str, float]]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = [f"{row[k]:.2f}" if isinstance(row[k], float) else str(row[k]) for k in keys]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


RATIOS = ("full / vanilla", "rebuild / full", "nothing changed / full", "vanilla rebuild / vanilla")


def median_row(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over the runs; the ratios are the medians of the runs' own
    ratios (each against the vanilla build of the same run), with their range."""
    row: dict[str, float] = {}
    for key in runs[0]:
        row[key] = statistics.median(run[key] for run in runs)
    row["articles"] = runs[0]["articles"]
    row["runs"] = len(runs)
    for key in RATIOS:
        values = [run[key] for run in runs]
        row[f"{key} range"] = f"{min(values):.2f}-{max(values):.2f}"  # type: ignore[assignment]
    return row


def main(sizes: list[int], repeat: int = 1) -> str:
    """Each size `repeat` times, one after the other (a fresh archive folder each time): this
    machine is shared and a single run can be off by a third."""
    rows, works = [], []
    try:
        for size in sizes:
            runs = []
            for _ in range(repeat):
                works.append(Path(tempfile.mkdtemp(prefix=f"site-bench-{size}-")))
                runs.append(bench_size(size, works[-1]))
                print(table(runs[-1:]), flush=True)
            rows.append(median_row(runs) if repeat > 1 else runs[0])
            print(table(rows[-1:]), flush=True)
    finally:  # only now: see the module's docstring
        for work in works:
            shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return f"Machine: {machine}\n\n{table(rows)}"


if __name__ == "__main__":
    arguments = sys.argv[1:]
    repeat = 1
    if "--repeat" in arguments:
        at = arguments.index("--repeat")
        repeat = int(arguments[at + 1])
        del arguments[at : at + 2]
    print(main([int(n) for n in arguments] or [1000], repeat))
