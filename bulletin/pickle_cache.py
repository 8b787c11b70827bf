"""A dictionary kept between builds in one pickle file, for work that is a pure function of
its key (a parsed issue, a rendered Markdown body, a converted page).

Each run keeps only the entries it used, so the file follows the archive and never grows with
deleted or edited inputs. A file that cannot be read (missing, truncated, from another version)
is an empty cache: the work is simply done again. Keys are made by bulletin.cache_keys.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .files import atomic_write

log = logging.getLogger(__name__)


class PickleCache:
    """{key: value} in `path`; `None` path: nothing is loaded or saved.

    A save that only adds a few entries writes them to `journal(path)`, read with the cache;
    the two are merged into `path` when entries are dropped or the journal grows (save).

    Another process may leave entries for the next run in `handed_over(path)` (see
    `hand_over`): they are read with the cache and, once it is saved, part of it.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self.old: dict[str, Any] = self._load(self.path)
        self._kept = len(self.old)  # entries in the main file
        self._added = self._load(journal(self.path)) if self.path else {}
        self.old.update(self._added)
        self.new: dict[str, Any] = {}
        extra = self._load(handed_over(self.path)) if self.path else {}
        self.old.update(extra)
        self._received = bool(extra)

    def get(self, key: str) -> Any | None:
        found = self.old.get(key)
        if found is not None:
            self.new[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value

    def remember(self, key: str, compute: Callable[[], Any]) -> Any:
        """The value kept for `key`, or `compute()` kept from now on."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found

    def save(self) -> None:
        if self.path is None or (self.new.keys() == self.old.keys() and not self._received):
            return
        added = {key: value for key, value in self.new.items() if key not in self.old}
        if self._only_added(added):
            # A weekly rebuild adds one issue to twenty years of them: the new entries go to a
            # small file beside the cache instead of the whole cache written again.
            self._added.update(added)
            _dump(journal(self.path), self._added)
        else:
            _dump(self.path, self.new)
            self._kept, self._added = len(self.new), {}
            journal(self.path).unlink(missing_ok=True)
            handed_over(self.path).unlink(missing_ok=True)
        self.old = dict(self.new)
        self._received = False

    def _only_added(self, added: dict[str, Any]) -> bool:
        """Nothing dropped or handed over since the files were written, and what was added
        since the main file is still small beside it (else the files are merged)."""
        return (
            not self._received
            and len(self.new) == len(self.old) + len(added)
            and len(self._added) + len(added) <= self._kept // 8
        )

    @staticmethod
    def _load(path: Path | None) -> dict[str, Any]:
        if path is None or not path.is_file():
            return {}
        try:
            with open(path, "rb") as handle:
                data = pickle.load(handle)
        except Exception as error:  # any unreadable cache is an empty one
            log.warning("ignoring the cache %s (%s); doing the work again", path, error)
            return {}
        return data if isinstance(data, dict) else {}


def journal(path: Path) -> Path:
    """Entries added since `path` was last written whole (PickleCache.save)."""
    return path.with_name(f"{path.stem}.added{path.suffix}")


def handed_over(path: Path) -> Path:
    return path.with_name(f"{path.stem}.handed-over{path.suffix}")


def hand_over(path: Path, entries: dict[str, Any]) -> None:
    """Leave entries for the next run that opens the cache at `path`, without reading or
    rewriting the cache itself (which may be large; that run rewrites it anyway)."""
    if entries:
        _dump(handed_over(path), {**PickleCache._load(handed_over(path)), **entries})


def _dump(path: Path, data: dict[str, Any]) -> None:
    atomic_write(path, lambda handle: pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL))
