"""What every page of a site depends on besides its stories: the theme, the code, the
glossary, the libraries and the settings. A page's key (bulletin/site/memo.py) holds it, Pelican's
reader cache is dropped when it changes (site_incremental), and a build with nothing to do
compares it (plugins/site_build/last_build.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from pathlib import Path, PurePath
from typing import Any

from ..cache_keys import text_key
from ..hant import DEFAULT_GLOSSARY
from ..site.memo import page_key

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = ("pelican", "jinja2", "markdown-it-py", "mdit-py-plugins", "opencc")
# Every setting is in the fingerprint, a new one too, except these, which cannot change what a
# page says (tests/site/test_fingerprint.py):
RUN_SETTINGS = frozenset(
    # where this build writes and reads (a staging folder's name carries the process id)
    {"OUTPUT_PATH", "SITE_OUTPUT_PATH", "SITE_PREVIOUS_OUTPUT", "CACHE_PATH",
     "BULLETIN_REPORT_PATH", "BULLETIN_REVIEW_PATH", "PUBLISH_TARGET",
     # what the terminal and the reports show, not the site
     "SITE_PROGRESS", "SITE_PROGRESS_TARGET", "SITE_TIMINGS", "BULLETIN_QUIET",
     "BULLETIN_REVIEW", "BULLETIN_REVIEW_ISSUES",
     # what a run decides for itself (caches used, the fingerprint itself)
     "LOAD_CONTENT_CACHE", "SITE_LOAD_CONTENT_CACHE", "SITE_FINGERPRINT",
     "BULLETIN_SHARED_CACHE",
     # content_checks: what this run found; a page's own key covers its source file
     "BULLETIN_KEEP_GOING", "BULLETIN_STRICT_DATES", "BULLETIN_CHECKED_BY", "BULLETIN_OUTCOME",
     "BULLETIN_PUBLISHED_BEFORE", "BULLETIN_SUBSTITUTES"}
)  # fmt: skip


def _plain(value: Any) -> Any:
    """JSON for settings values json cannot encode, without memory addresses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__qualname__, **dataclasses.asdict(value)}
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(map(str, value))
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return type(value).__qualname__


def settings_digest(settings: Mapping[str, Any]) -> str:
    chosen = {key: value for key, value in settings.items() if key not in RUN_SETTINGS}
    return text_key(json.dumps(chosen, sort_keys=True, default=_plain, ensure_ascii=False))


def files_digest(
    folders: Iterable[Path], suffixes: frozenset[str] | None = None, skip: Iterable[str] = ()
) -> str:
    """Every file under `folders` (names and bytes), in a fixed order; folders named in `skip`
    (and __pycache__) are left out."""
    digest = hashlib.sha256()
    left_out = {"__pycache__", *skip}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file() or left_out.intersection(path.relative_to(folder).parts):
                continue
            if suffixes is not None and path.suffix not in suffixes:
                continue
            digest.update(f"{path.relative_to(folder)}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def site_fingerprint(settings: Mapping[str, Any]) -> str:
    """The search engine's code (bulletin/search, plugins/site_search) writes its own files,
    never a page, and is left out."""
    code = files_digest(
        [ROOT / "bulletin", ROOT / "plugins"],
        frozenset({".py", ".toml"}),
        skip=("search", "site_search"),
    )
    return page_key(
        code,
        files_digest([Path(settings["THEME"]), DEFAULT_GLOSSARY]),
        [version(name) for name in LIBRARIES],
        settings_digest(settings),
    )
