"""Pelican plugin: the archive's search index (bulletin/search), one per edition run.

Each edition is its own Pelican run (plugins/site_editions), so each run indexes its own
articles as it prints them and writes the index and the browser scripts inside its own output
folder: the master into `search/zh-hans/` and `search/`, the Traditional run into
`zh-hant/search/zh-hant/` and `zh-hant/search/`. No two processes write the same file.

The index of each edition keeps what its next build can reuse in
`<CACHE_PATH>/search/<edition>/` (Pelican's CACHE_PATH), so a rebuild after a new issue
tokenizes only the new or changed articles and leaves unchanged index files as they are, and
a build in which an edition's articles did not change leaves its index alone altogether.

Settings: SEARCH_SCRIPTS_URL (the folder of the scripts, "search/"), SEARCH_INDEX_URL (the
index folder, under the scripts folder; empty: `<scripts><edition code>/`). The search page
(theme/templates/search.html) switches to the engine when SEARCH_INDEX_URL is set, which this
plugin does for the run's templates; without this plugin the page says search needs JavaScript.
Needs lunr.js from npm (`npm ci`).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from functools import partial
from pathlib import Path

from pelican import signals
from plugin_signals import enabled as plugin_enabled

from bulletin.faults import fault_point
from bulletin.search import build_search
from bulletin.search.assets import LUNR_JS

from .documents import edition_documents

log = logging.getLogger(__name__)
PLUGIN_NAME = "site_search"
DEFAULT_SCRIPTS_URL = "search/"


class SearchSetupError(RuntimeError):
    """The search index cannot be built as configured; the message says what to do."""


enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py


def scripts_url(settings) -> str:
    return (settings.get("SEARCH_SCRIPTS_URL") or DEFAULT_SCRIPTS_URL).rstrip("/") + "/"


def index_name(settings) -> str:
    """The index's folder name under the scripts folder (build_search's layout)."""
    configured = settings.get("SEARCH_INDEX_URL") or ""
    if not configured:
        return settings.get("EDITION_CODE") or settings["DEFAULT_LANG"]
    scripts = scripts_url(settings)
    name = configured[len(scripts) :].strip("/") if configured.startswith(scripts) else ""
    if not name or "/" in name:
        raise SearchSetupError(
            f"SEARCH_INDEX_URL {configured!r} must be one folder inside SEARCH_SCRIPTS_URL "
            f"{scripts!r} (or empty, for {scripts}<edition code>/)"
        )
    return name


def require_lunr(pelican) -> None:
    """Fail before anything is read, not after a whole build, when lunr.js is missing."""
    if enabled(pelican.settings) and not LUNR_JS.exists():
        raise SearchSetupError(
            f"site_search: lunr.js is not installed ({LUNR_JS} is missing). "
            f"Run `npm ci` in {LUNR_JS.parents[2]} and build again."
        )


def cache_folder(settings) -> Path:
    """Where this run's index cache lives: `<CACHE_PATH>/search/`, one folder per edition."""
    return Path(settings.get("CACHE_PATH") or "cache") / "search"


def point_search_page(generator) -> None:
    """Templates of this run see where its index is (generators share one context)."""
    if enabled(generator.settings):
        index_url = scripts_url(generator.settings) + index_name(generator.settings) + "/"
        generator.context["SEARCH_INDEX_URL"] = index_url


def write_index(generator, writer=None) -> None:
    settings = generator.settings
    if not enabled(settings):
        return
    started = time.perf_counter()
    name = index_name(settings)
    documents = edition_documents(generator.articles, settings)
    # One edition per run, built in this process: the other editions' runs use the other cores.
    out = Path(generator.output_path) / scripts_url(settings)
    _carry_over(settings, out / name)
    fault_point("search-index", out / name)  # the crash tests (bulletin/faults.py)
    built = build_search(
        {name: documents},
        out,
        workers=1,
        cache_dir=cache_folder(settings),
        twins=other_editions_indexes(settings),
    )[name]
    log.info(
        "Search index %s: %d articles (%d tokenized), %d terms, %.0f KB (%d files written) "
        "in %.2f s",
        name,
        built.documents,
        built.tokenized,
        built.terms,
        built.bytes_written / 1024,
        built.files_written,
        time.perf_counter() - started,
    )


def other_editions_indexes(settings) -> list[Path]:
    """The other edition runs' index folders (same scripts URL, each its own edition code),
    from which identical shards are hard-linked rather than written again."""
    site = settings.get("SITE_OUTPUT_PATH") or settings.get("OUTPUT_PATH")
    this = settings.get("EDITION_PATH", "")
    return [
        Path(site) / entry["path"] / scripts_url(settings) / entry["code"]
        for entry in settings.get("EDITION_LINKS") or ()
        if site and entry.get("path", "") != this
    ]


def _carry_over(settings, index_dir: Path) -> None:
    """A staged build starts from an empty folder: hard-link the published index into it, so
    the writer (which unlinks a file before changing it and removes the ones it no longer
    has) creates only the files the new issue changed: published segments never change, so
    all of them are linked, and only the new segment, a merged one and meta.json are written."""
    previous_site = settings.get("SITE_PREVIOUS_OUTPUT")
    site = settings.get("SITE_OUTPUT_PATH") or settings.get("OUTPUT_PATH")
    if not previous_site or not site or index_dir.exists():
        return
    previous = Path(previous_site) / os.path.relpath(index_dir, site)
    if not previous.is_dir():
        return
    try:
        shutil.copytree(previous, index_dir, copy_function=os.link)
    except OSError as error:  # another filesystem: the writer simply writes everything
        log.warning("search index not carried over from %s: %s", previous, error)
        shutil.rmtree(index_dir, ignore_errors=True)


def register() -> None:
    signals.initialized.connect(require_lunr)
    signals.generator_init.connect(point_search_page)
    signals.article_writer_finalized.connect(write_index)
