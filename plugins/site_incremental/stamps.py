"""One modification stamp per content file and run.

Pelican stamps a file (CHECK_MODIFIED_METHOD: the sha256 of its bytes here) each time one of
its caches looks at it: the reader cache and the generator cache each check the stamp, then
store it, so every article was read and hashed four times a run. A file the run has stamped is
not read again until the next run. Stamps are forgotten when each generator is made (after the
ingest has written content/, before anything is read) and when the run ends.
"""

from __future__ import annotations

from pelican_internals import PELICANS_FILE_STAMP, replace_file_stamp

_stamps: dict[tuple[str, str], object] = {}
_active = False


def _stamp_once(self, filename: str) -> object:
    if not _active:
        return PELICANS_FILE_STAMP(self, filename)
    key = (str(self.settings.get("CHECK_MODIFIED_METHOD")), str(filename))
    if key not in _stamps:
        _stamps[key] = PELICANS_FILE_STAMP(self, filename)
    return _stamps[key]


def start_run(active: bool) -> None:
    """Called when a run starts (and ends): stamps never outlive the run that took them."""
    global _active
    _stamps.clear()
    _active = active
    replace_file_stamp(_stamp_once)


def content_hash(filename: str, method: str) -> str | None:
    """The hash of the file's bytes this run already took (CHECK_MODIFIED_METHOD `method`, a
    hashlib name), in hex; None when it took none (or stamps by mtime)."""
    stamp = _stamps.get((str(method), str(filename)))
    return stamp.hex() if isinstance(stamp, bytes) and stamp else None


def forget() -> None:
    _stamps.clear()
