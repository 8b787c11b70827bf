"""A build with nothing to do: the inputs and the site are as the last build left them.

`invoke publish` right after the `invoke build` that previewed the same issue (or a second
`invoke build`) carried every page over, and still read the whole archive into Pelican to
find that out. The runner records, when a build
has succeeded, a key of what the site is made of and of the site it left
(`<CACHE_PATH>/last-build.json`); a build that finds the same key does nothing.

Files are compared as make and rsync compare them, by size and modification time, not read:
hashing 20,000 articles would cost much of what is saved. The site is known by the output
folder's inode and time, which the staging swap renews on every build (a page edited by hand
inside output/ is not noticed; `invoke clean` forces a build). A file that changed while the
build ran, other than by the build's own ingest, leaves no record: the next build runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..cache_keys import text_key
from ..files import atomic_write_text

FORMAT = 1
# relative path -> (size, modification time in ns), for every file under a folder
FileStates = dict[str, tuple[int, int]]


def file_states(root: Path) -> FileStates:
    """Every file under `root` (empty when there is no such folder)."""
    states: FileStates = {}
    pending = [(Path(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), name + "/"))
            else:
                stat = entry.stat(follow_symlinks=False)
                states[name] = (stat.st_size, stat.st_mtime_ns)
    return states


def path_state(path: Path) -> list[int] | None:
    """A single file's or folder's (inode, size, modification time), None when missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def changed_paths(before: FileStates, after: FileStates) -> set[str]:
    """Files added, removed or changed between two states."""
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def build_key(parts: Mapping[str, Any]) -> str:
    return text_key(json.dumps({"format": FORMAT, **parts}, sort_keys=True, default=str))


def recorded_key(record: Path) -> str | None:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("key") if isinstance(data, dict) else None


def record_key(record: Path, key: str) -> None:
    atomic_write_text(record, json.dumps({"format": FORMAT, "key": key}))
