"""Every place the project relies on Pelican beyond its documented plugin API.

Pelican documents its signals, `get_writer`/`get_generators`, settings and the content objects'
public fields. The plugins also need a few of its private attributes and replace two of its
methods; all of it is here, each with what it replaces and why, so that a Pelican upgrade
breaks in one module. tests/site/test_pelican_contract.py checks, against the installed
Pelican, that every name below still exists with the signature and meaning used here, and
names the one that changed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pelican
from pelican.cache import FileDataCacher, FileStampDataCacher
from pelican.contents import Content
from pelican.generators import Generator
from rich.console import Console

# -- Pelican's content caches (pelican/cache.py) -----------------------------------------
# FileDataCacher pickles its whole dictionary of entries on every save_cache();
# site_incremental/journal.py saves only what changed, so it wraps __init__ (to note what
# was loaded) and replaces save_cache. It reads the dictionary (`_cache`), the file it is
# pickled to (`_cache_path`) and whether data is cached at all (`_cache_data_policy`).
PELICANS_CACHER_INIT = FileDataCacher.__init__
PELICANS_CACHER_SAVE = FileDataCacher.save_cache
CACHER_INIT_PARAMETERS = ("self", "settings", "cache_name", "caching_policy", "load_policy")
CACHER_ATTRIBUTES = ("_cache", "_cache_path", "_cache_data_policy")

# FileStampDataCacher._get_file_stamp(filename) reads and hashes a file each time a cache
# looks at it (four times a run per article: the reader and generator caches each check,
# then store); site_incremental/stamps.py replaces it with one that stamps a file once a run.
PELICANS_FILE_STAMP = FileStampDataCacher._get_file_stamp
FILE_STAMP_PARAMETERS = ("self", "filename")


def replace_cacher_methods(init: Callable[..., None], save: Callable[[Any], None]) -> None:
    """Install `init` (which must call PELICANS_CACHER_INIT) and `save` for every cache."""
    FileDataCacher.__init__ = init
    FileDataCacher.save_cache = save


def replace_file_stamp(stamp: Callable[[Any, str], object]) -> None:
    """Install `stamp` (which may call PELICANS_FILE_STAMP) for every stamped cache."""
    FileStampDataCacher._get_file_stamp = stamp


def cache_entries(cacher: FileDataCacher) -> dict:
    """The cache's {file name: entry}, as loaded and as the run updates it."""
    return cacher._cache


def cache_file(cacher: FileDataCacher) -> str:
    """The file the cache is pickled to."""
    return cacher._cache_path


def caches_data(cacher: FileDataCacher) -> bool:
    """Does this cache save its entries (CACHE_CONTENT)?"""
    return bool(cacher._cache_data_policy)


# -- Content objects (pelican/contents.py) -----------------------------------------------
# A content object keeps the run's context in `_context` (links, the local SITEURL) and
# Pelican's generator cache pickles it with the object. site_incremental gives an object
# loaded from the cache this run's context, and every object a view of it that pickles as
# nothing (the context holds the whole archive).
CONTENT_ATTRIBUTES = ("_context", "_content", "_summary")


def content_context(content: Content) -> Mapping[str, Any]:
    return content._context


def set_content_context(content: Content, context: Mapping[str, Any]) -> None:
    content._context = context


# `_content` is the body's HTML before Pelican's link processing (what `content` returns),
# `_summary` the summary `summary` returns when metadata gives one. site_editions converts
# both for a Traditional edition once the reader is done, as no public setter exists.
def body_html(content: Content) -> str | None:
    return content._content


def set_body_html(content: Content, html: str) -> None:
    content._content = html


def set_summary(content: Content, summary: str) -> None:
    """The summary shown, and the metadata field that holds it."""
    content.metadata["summary"] = content._summary = summary


# -- Generators (pelican/generators.py) ---------------------------------------------------
# Generator._update_context(names) copies the named generator attributes into the shared
# context; site_incremental replaces the lists of tags, categories and authors after the
# article generator made them and must publish them as Pelican does. `env` is a generator's
# Jinja environment, given a bytecode cache.
GENERATOR_ATTRIBUTES = ("_update_context",)
UPDATE_CONTEXT_PARAMETERS = ("self", "items")


def update_generator_context(generator: Generator, names: tuple[str, ...]) -> None:
    generator._update_context(names)


def jinja_environment(generator: Generator) -> Any | None:
    return getattr(generator, "env", None)


# -- The writer (pelican/writers.py) ------------------------------------------------------
# site_incremental's writer (given through the documented get_writer signal) overrides
# write_file and write_feed with these parameters and calls Pelican's with them.
WRITE_FILE_PARAMETERS = (
    *("self", "name", "template", "context", "relative_urls", "paginated", "template_name"),
    *("override_output", "url", "kwargs"),
)
WRITE_FEED_PARAMETERS = (
    *("self", "elements", "context", "path", "url", "feed_type", "override_output"),
    "feed_title",
)


# -- Pelican's console (pelican/__init__.py) ----------------------------------------------
# Pelican.run() ends by printing "Done: Processed N articles…" with the module's `console`;
# the runner and the edition runs print one summary of their own instead.
@contextmanager
def console_silenced() -> Iterator[None]:
    loud, pelican.console = pelican.console, Console(quiet=True)
    try:
        yield
    finally:
        pelican.console = loud


def parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    """A function's parameter names, in order (for the contract test)."""
    return tuple(inspect.signature(function).parameters)
