"""A build of a project kept in a folder of its own (a benchmark's synthetic archive, a test's
copy of the seeds) with this checkout's pelicanconf.py: the settings that point every path the
build reads or writes into that folder, so nothing lands in the checkout's content/, reports/
or cache/."""

from __future__ import annotations

from pathlib import Path


def build_folder_settings(work: Path, seeds: Path, content: Path) -> dict[str, object]:
    """Setting overrides for a quiet build of `seeds` into `content`, with its reports and
    cache inside `work`."""
    return {
        "PATH": str(content),
        "BULLETIN_SEEDS_PATH": str(seeds),
        "BULLETIN_REPORT_PATH": str(work / "ingest.md"),
        "BULLETIN_REVIEW_PATH": str(work / "review-{edition}.md"),
        "BULLETIN_QUIET": True,
        "CACHE_PATH": str(work / "cache"),
    }
