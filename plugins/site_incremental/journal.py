"""Pelican's content caches saved by what changed, not whole on every run.

Pelican pickles its reader and generator caches whole at the end of each run's reading: every
article object again, although a weekly rebuild adds ten of them (0.8 s of each edition's run
at 20,000 articles, py-spy). Here a run that changed nothing writes nothing; one that added or
changed a few entries writes them to `<cache>.added` beside the cache, read back with it; the
two are merged into the cache (Pelican's own save) when the journal outgrows an eighth of it.
A run that did not load the cache (the first one, or the fingerprint changed: see
_check_content_cache) writes it whole and drops the journal, so no entry outlives its cache.

An entry is unchanged when it is the object the run loaded, or the same stamp with the same
data object (the stamped caches store a new (stamp, data) pair for every file they read).
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from pelican.cache import FileDataCacher

from bulletin.files import atomic_write

log = logging.getLogger(__name__)
_pelicans_init = FileDataCacher.__init__
_pelicans_save = FileDataCacher.save_cache
_active = False


def journal_path(cache_path: str) -> str:
    return f"{cache_path}.added"


def _init(self: FileDataCacher, settings, cache_name, caching_policy, load_policy) -> None:
    _pelicans_init(self, settings, cache_name, caching_policy, load_policy)
    self._journal = {}
    self._kept = len(self._cache)  # entries in the main file
    self._loaded = None  # None: save the whole cache
    if _active and load_policy and caching_policy:
        self._journal = _read(journal_path(self._cache_path))
        self._cache.update(self._journal)
        self._loaded = dict(self._cache)


def _save(self: FileDataCacher) -> None:
    loaded = getattr(self, "_loaded", None)
    if not self._cache_data_policy or loaded is None:
        _pelicans_save(self)
        if self._cache_data_policy:
            _remove(journal_path(self._cache_path))
        return
    changed = {
        name: entry
        for name, entry in self._cache.items()
        if name not in loaded or not _same(loaded[name], entry)
    }
    if not changed:
        return
    journal = {**self._journal, **changed}
    if len(journal) > self._kept // 8:
        _pelicans_save(self)
        _remove(journal_path(self._cache_path))
        self._journal, self._kept = {}, len(self._cache)
    else:
        _write(journal_path(self._cache_path), journal)
        self._journal = journal
    self._loaded = dict(self._cache)


def _same(old: Any, new: Any) -> bool:
    if old is new:
        return True
    return (
        isinstance(old, tuple)
        and isinstance(new, tuple)
        and len(old) == len(new) == 2
        and old[0] == new[0]
        and old[1] is new[1]
    )


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return {}
    except Exception as error:  # an unreadable journal: its files are simply read again
        log.warning("ignoring the cache journal %s (%s)", path, error)
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: str, entries: dict) -> None:
    try:
        atomic_write(Path(path), pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError, TypeError) as error:  # as Pelican's own save
        log.warning("could not save the cache journal %s (%s)", path, error)


def _remove(path: str) -> None:
    Path(path).unlink(missing_ok=True)


def start_run(active: bool) -> None:
    """Called when a run starts (with this plugin listed) and ends."""
    global _active
    _active = active
    FileDataCacher.__init__ = _init
    FileDataCacher.save_cache = _save
