"""Ingest speed on the sample archive, as ratios against baselines measured in the same run.

    python bench/ingest_bench.py        (or: invoke bench)

Baselines: Python's own start-up (what any command costs) and reading + decoding the seed files
(the least an ingest must do). The goal is an ingest of the five seeds well under two seconds.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bulletin.ingest.decode import decode_bytes  # noqa: E402
from bulletin.ingest.run import ingest  # noqa: E402


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(repeat: int = 7) -> dict[str, float]:
    seeds = ROOT / "seeds"
    work = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    try:

        def read_only() -> None:
            for path in sorted(seeds.glob("*.txt")):
                decode_bytes(path.read_bytes())

        def cold_ingest() -> None:
            target = work / "cold"
            shutil.rmtree(target, ignore_errors=True)
            ingest(seeds, target)

        ingest(seeds, work / "warm")

        def command() -> None:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bulletin.ingest",
                    "--seeds",
                    str(seeds),
                    "--content",
                    str(work / "cli"),
                    "--report",
                    "",
                ],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )

        def python_start() -> None:
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        return {
            "python start-up": _median_seconds(python_start, repeat),
            "read + decode seeds": _median_seconds(read_only, repeat),
            "ingest, empty content/": _median_seconds(cold_ingest, repeat),
            "re-ingest, nothing changed": _median_seconds(
                lambda: ingest(seeds, work / "warm"), repeat
            ),
            "`python -m bulletin.ingest` end to end": _median_seconds(command, max(3, repeat // 2)),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, float]) -> str:
    startup = results["python start-up"]
    reading = results["read + decode seeds"]
    lines = [
        f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores",
        "",
        "| step | median s | × python start-up | × read + decode |",
        "|---|---|---|---|",
    ]
    for name, seconds in results.items():
        lines.append(
            f"| {name} | {seconds:.4f} | {seconds / startup:.2f} | {seconds / reading:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(measure()))
