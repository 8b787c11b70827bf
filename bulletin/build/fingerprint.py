"""What every page of a site depends on besides its stories: the theme, the code, the
glossary, the libraries and the settings. A page's key (bulletin/site/memo.py) holds it, Pelican's
reader cache is dropped when it changes (site_incremental), and a build with nothing to do
compares it (plugins/site_build/last_build.py)."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..hant import DEFAULT_GLOSSARY
from ..site.memo import files_digest, page_key, settings_digest

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = ("pelican", "jinja2", "markdown-it-py", "mdit-py-plugins", "opencc")


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
