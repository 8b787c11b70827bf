"""The settings of a build kept inside one folder (tests, benchmarks, a trial archive)."""

from __future__ import annotations

from pathlib import Path


def work_settings(work: Path, seeds: Path, content: Path) -> dict[str, object]:
    """Overrides of pelicanconf.py that build `seeds` into `content`, with the reports and
    the caches inside `work` and the ingest's table not printed."""
    return {
        "PATH": str(content),
        "BULLETIN_SEEDS_PATH": str(seeds),
        "BULLETIN_REPORT_PATH": str(work / "ingest.md"),
        "BULLETIN_REVIEW_PATH": str(work / "review-{edition}.md"),
        "BULLETIN_QUIET": True,
        "CACHE_PATH": str(work / "cache"),
    }
