"""One build or ingest at a time per content folder.

Two runs writing the same content/ at once (an editor starting `invoke build` twice, or
`invoke ingest` during a build) would each rewrite the ingest manifest from what they read,
and one run's record of the articles it wrote would be lost. Each run holds an exclusive lock
on `.<content>.lock` beside the folder; a second run stops at once with a message naming the
first. The operating system releases the lock when the holder ends, however it ends, so a
killed build never leaves a stale lock behind. The file itself stays (removing a lock file
others may be waiting on is a race) and is ignored by git.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; runs are not serialised
    fcntl = None  # type: ignore[assignment]


class ContentLocked(RuntimeError):
    """Another build or ingest of the same content folder is running."""


def lock_path(content: Path) -> Path:
    content = Path(content).resolve()
    return content.with_name(f".{content.name}.lock")


@contextmanager
def content_lock(content: Path, what: str) -> Iterator[None]:
    """Hold the content folder's lock for `what` ("build", "ingest") while the block runs."""
    path = lock_path(content)
    if fcntl is None:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "process"
            raise ContentLocked(
                f"{Path(content)} is being written by another {holder}; "
                "wait until it has finished, then run this again"
            ) from None
        handle.seek(0)
        handle.truncate()
        started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
        handle.write(f"{what} (process {os.getpid()}, started {started})\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
