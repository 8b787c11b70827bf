"""Pelican's content caches saved by what changed, not whole on every run.

Pelican pickles its reader and generator caches whole at the end of each run's reading: every
article object again, although a weekly rebuild adds ten of them. Here a run that changed
nothing writes nothing; one that added or changed a few entries writes them to `<cache>.added`
beside the cache, read back with it; the two are merged into the cache (Pelican's own save)
when the journal outgrows an eighth of it. A run that did not load the cache (the first one, or
the fingerprint changed: see _check_content_cache) writes it whole and drops the journal, so no
entry outlives its cache.

An entry is unchanged when it is the object the run loaded, or the same stamp with the same
data object (the stamped caches store a new (stamp, data) pair for every file they read).
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from pelican_internals import (
    PELICANS_CACHER_INIT,
    PELICANS_CACHER_SAVE,
    cache_entries,
    cache_file,
    caches_data,
    replace_cacher_methods,
)

from bulletin.files import atomic_write

log = logging.getLogger(__name__)
_active = False


def journal_path(cache_path: str) -> str:
    return f"{cache_path}.added"


# The attributes below are this module's own, kept on Pelican's cache objects.
def _init(self, settings, cache_name, caching_policy, load_policy) -> None:
    PELICANS_CACHER_INIT(self, settings, cache_name, caching_policy, load_policy)
    entries = cache_entries(self)
    self.bulletin_journal = {}
    self.bulletin_kept = len(entries)  # entries in the main file
    self.bulletin_loaded = None  # None: save the whole cache
    if _active and load_policy and caching_policy:
        self.bulletin_journal = _read(journal_path(cache_file(self)))
        entries.update(self.bulletin_journal)
        self.bulletin_loaded = dict(entries)


def _save(self) -> None:
    loaded = getattr(self, "bulletin_loaded", None)
    if not caches_data(self) or loaded is None:
        PELICANS_CACHER_SAVE(self)
        if caches_data(self):
            _remove(journal_path(cache_file(self)))
        return
    entries = cache_entries(self)
    changed = {
        name: entry
        for name, entry in entries.items()
        if name not in loaded or not _same(loaded[name], entry)
    }
    if not changed:
        return
    journal = {**self.bulletin_journal, **changed}
    if len(journal) > self.bulletin_kept // 8:
        PELICANS_CACHER_SAVE(self)
        _remove(journal_path(cache_file(self)))
        self.bulletin_journal, self.bulletin_kept = {}, len(entries)
    else:
        _write(journal_path(cache_file(self)), journal)
        self.bulletin_journal = journal
    self.bulletin_loaded = dict(entries)


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
    replace_cacher_methods(_init, _save)
