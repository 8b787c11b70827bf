"""bench/site_bench.py run as `invoke bench` runs it, on a small archive: each of its figures is
measured, and the ingest time it reports is read from a real build's timings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _table(printed: str) -> dict[str, str]:
    """The last row of the last table the bench printed, by column name."""
    rows = [line for line in printed.splitlines() if line.startswith("| ")]
    header, last = rows[-2], rows[-1]
    names = [cell.strip() for cell in header.strip("|").split("|")]
    return dict(zip(names, (cell.strip() for cell in last.strip("|").split("|")), strict=True))


def test_the_site_bench_measures_a_small_archive():
    bench = [sys.executable, str(ROOT / "bench" / "site_bench.py"), "20"]
    run = subprocess.run(bench, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Machine: " in run.stdout
    row = _table(run.stdout)
    assert row["articles"] == "20"
    # The ingest phase is the build's own timing (a build without timings stops the bench,
    # never reads as zero), and the build's ingest wrote what the CLI's did (the bench checks).
    assert 0 < float(row["ingest in full build s"]) < float(row["full build s"])
    numbers = {name: float(value) for name, value in row.items()}
    assert all(value > 0 for value in numbers.values()), row
    assert numbers["search first query ms"] >= 1  # a result was found in Chromium
