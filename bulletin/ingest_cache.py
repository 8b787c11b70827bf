"""Parsed issues kept between builds, so a weekly build parses only the issue that is new.

Parsing an issue is a pure function of its raw bytes, its sidecar and this package's code and
data; the cache key hashes exactly those. (The one input from outside, the previous issue's
date for an issue that states none, is applied by the ingest after the cache.)
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .cache import PickleCache, text_key

PACKAGE = Path(__file__).resolve().parent
CACHE_FILE = "ingest.pickle"


# The search engine is never used to parse or render: changing it must not make a build
# parse twenty years of issues again.
NOT_PARSING = {"search", "__pycache__"}


@cache
def code_fingerprint() -> bytes:
    """The core's source and data files: a change to the parser re-parses everything."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if path.suffix in {".py", ".toml", ".txt", ".json"} and not NOT_PARSING & set(
            relative.parts
        ):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    return digest.digest()


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
