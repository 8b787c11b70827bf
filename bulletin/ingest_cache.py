"""Parsed issues kept between builds, so a weekly build parses only the issue that is new.

Parsing an issue is a pure function of its raw bytes, its sidecar, the date of the issue before
it (a fallback when no date is found) and this package's code and data; the cache key hashes
exactly those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from pathlib import Path

from .cache import PickleCache, text_key

PACKAGE = Path(__file__).resolve().parent
CACHE_FILE = "ingest.pickle"


@cache
def code_fingerprint() -> bytes:
    """Every source and data file of the core: a change to the parser re-parses everything."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".toml", ".txt", ".json"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    return digest.digest()


def seed_key(path: Path, source: str, previous_date: dt.date | None) -> str:
    sidecar = path.with_suffix(".toml")
    return text_key(
        code_fingerprint(),
        source,
        path.read_bytes(),
        sidecar.read_bytes() if sidecar.is_file() else b"-",
        previous_date.isoformat() if previous_date else "",
    )


def issue_cache(folder: Path | None) -> PickleCache:
    """{seed key: parsed issue} in `<folder>/ingest.pickle`; `None` folder: no cache at all."""
    return PickleCache(Path(folder) / CACHE_FILE if folder else None)
