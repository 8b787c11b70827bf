"""bench/weekly.py measures the real routine: after it, the published folder is the new site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_weekly_routine_publishes_the_new_issue(tmp_path):
    bench = [sys.executable, str(ROOT / "bench" / "weekly.py"), "30"]
    run = subprocess.run(
        [*bench, "--work", str(tmp_path), "--settle", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    row = json.loads(run.stdout.splitlines()[-1])
    assert row["routine s"] == row["preview build s"] + row["publish build s"] + row["copy s"]
    site, public = tmp_path / "30" / "output", tmp_path / "30" / "public"
    built = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    copied = {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()}
    copied.pop(next(p for p in copied if p.name == ".bulletin-site"))
    assert copied == built
    # 30 articles in three issues, then the fourth: its stories are on the published site
    assert len(list((public / "articles").glob("synth-00003-*.html"))) == 10
    assert 20 < row["files copied"] < len(copied)  # new and changed pages, not the whole site
