"""Publishing to a folder: make it a copy of the built site, copying only what changed.

`invoke publish` builds the site, then calls `mirror` for a local target (rsync does the same
for a remote one). A file whose size and modification time are those of its source is left
alone, as rsync does: pages a build carried over keep their time, so a week's publish copies
the new issue's pages and the search shards it changed (BENCHMARKS.md, the weekly routine).
Each copy replaces its file in one rename. Files the site no longer has are removed
afterwards, so a reader never meets a link to a page not yet there, and only from a folder an
earlier publish wrote (it holds MARKER), never from any other.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from ..faults import fault_point
from ..files import replacing

MARKER = ".bulletin-site"  # in the target: written by publish, ours to remove files from


class ForeignFolder(RuntimeError):
    """The target holds files and was not written by publish."""


def check_target(target: Path) -> None:
    """Raise ForeignFolder unless `target` is missing, empty or an earlier publish's."""
    if target.exists() and any(target.iterdir()) and not (target / MARKER).exists():
        raise ForeignFolder(
            f"publish: {target} is not empty and was not written by publish; refusing."
        )


def mirror(source: Path, target: Path) -> tuple[int, int]:
    """Make `target` a copy of `source`; returns (files copied, entries removed).

    A file the site holds twice (the editions' identical search shards are one file,
    hard-linked) is copied once and linked in the target too."""
    check_target(target)
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text("written by invoke publish\n", encoding="utf-8")
    wanted = {Path(MARKER)}
    copied = 0
    copies: dict[tuple[int, int], Path] = {}  # a source file (device, inode) -> its copy
    for folder, _dirs, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        wanted.add(relative)
        _make_folder(target / relative)
        for name in files:
            wanted.add(relative / name)
            if _copy_if_changed(Path(folder) / name, target / relative / name, copies):
                copied += 1
    removed = 0
    for folder, dirs, files in os.walk(target, topdown=False):
        relative = Path(folder).relative_to(target)
        for name in [*files, *dirs]:
            path = Path(folder) / name
            if relative / name not in wanted:  # also a copy a killed publish cut short
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
                removed += 1
    return copied, removed


def _make_folder(folder: Path) -> None:
    if folder.is_file() or folder.is_symlink():  # a page became a folder
        folder.unlink()
    folder.mkdir(exist_ok=True)


def _copy_if_changed(source: Path, target: Path, copies: dict[tuple[int, int], Path]) -> bool:
    """Copy `source` unless `target` has its size and time."""
    wanted = source.stat()
    first = copies.setdefault((wanted.st_dev, wanted.st_ino), target)
    try:
        found = target.lstat()
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISREG(found.st_mode):
        if (found.st_size, found.st_mtime_ns) == (wanted.st_size, wanted.st_mtime_ns):
            return False
    elif found is not None:  # a folder (or link) where the site now has a file
        shutil.rmtree(target) if stat.S_ISDIR(found.st_mode) else target.unlink()
    with replacing(target) as partial:
        if first == target or not _linked(first, partial):
            shutil.copy2(source, partial)  # with its modification time, compared next time
    fault_point("publish")  # the crash tests (bulletin/faults.py); inert otherwise
    return True


def _linked(existing: Path, new: Path) -> bool:
    try:
        os.link(existing, new)
    except OSError:  # a file system without hard links
        return False
    return True
