"""Parsed issues kept between builds, so a weekly build parses only the issue that is new.

Parsing an issue is a pure function of its raw bytes, its sidecar and this package's code and
data; the cache key hashes exactly those. (The one input from outside, the previous issue's
date for an issue that states none, is applied by the ingest after the cache.)
"""

from __future__ import annotations

from pathlib import Path

from ..cache_keys import code_fingerprint, text_key
from ..pickle_cache import PickleCache

CACHE_FILE = "ingest.pickle"


def seed_key(path: Path, source: str) -> str:
    """An issue parsed without a previous issue's date (the ingest adds that fallback)."""
    sidecar = path.with_suffix(".toml")
    return text_key(
        code_fingerprint(),
        source,
        path.read_bytes(),
        sidecar.read_bytes() if sidecar.is_file() else b"-",
    )


def issue_cache(folder: Path | None) -> PickleCache:
    """{seed key: parsed issue} in `<folder>/ingest.pickle`; `None` folder: no cache at all."""
    return PickleCache(Path(folder) / CACHE_FILE if folder else None)
