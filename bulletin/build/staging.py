"""Atomic output: a build writes into a staging folder next to output/ and replaces output/
only when every edition has been written; a failed build leaves the previous site as it was.

    output/                      the published site (readers, `invoke serve`, publish)
    .output-staging-<pid>/       this build, until it succeeds
    .output-old-<pid>/           the site this build replaced, until the next build

Everything stays on one filesystem (same parent folder): the staging folder and output/
trade places in one atomic step (swap_in), so output/ is at every moment a whole site, the
old or the new one, even when the build is killed.

The replaced site is not removed at the end of the build that replaced it: unlinking a whole
site is slow, and there nothing else is left to do meanwhile. The next build removes it,
and whatever a killed build left, in another process while it reads the archive, which
keeps one core busy and the other idle.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..faults import fault_point

_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"


def staging_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}-staging-{os.getpid()}")


def old_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}-old-{os.getpid()}")


def leftovers(output: Path) -> list[Path]:
    """Staging folders of builds that are no longer running, and every replaced site (a build
    is done with it once it has been renamed; its number may belong to another process by
    now)."""
    found = list(output.parent.glob(f".{output.name}-old-*"))
    for path in output.parent.glob(f".{output.name}-staging-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _running(int(pid)):
            found.append(path)
    return sorted(found)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this very process that failed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_in(staging: Path, output: Path) -> None:
    """Make `staging` the new `output`; the previous output is left in `old_folder(output)`
    for the next build to remove.

    Where the system can (Linux), the two folders trade places in one step, so output/ is
    never missing, even for a build killed right then: the old site is left in the staging
    folder, which the next build removes. Elsewhere output/ is renamed away first."""
    old = old_folder(output)
    if old.exists():
        shutil.rmtree(old)
    if output.exists() and _exchange(staging, output):
        fault_point("swap")
        os.rename(staging, old)
        return
    if output.exists():
        os.rename(output, old)
    fault_point("swap")
    os.rename(staging, output)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (renameat2 RENAME_EXCHANGE); False where not supported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return done == 0


def remove_in_background(paths: Sequence[Path]) -> subprocess.Popen | None:
    """Start removing `paths` in another process (a thread would wait on the build for the
    interpreter's lock between two files); None when there is nothing to remove."""
    if not paths:
        return None
    devnull = subprocess.DEVNULL
    command = [sys.executable, "-c", _REMOVE, *map(str, paths)]
    try:
        return subprocess.Popen(command, stdin=devnull, stdout=devnull, stderr=devnull)
    except OSError:  # no process to be had: remove them here, as before
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
        return None


@contextlib.contextmanager
def staged(output: Path) -> Iterator[Path]:
    """Yield a fresh staging folder; on success it becomes `output`, on error it is removed."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(output)
    mine = {staging, old_folder(output)}  # an earlier build of this very process
    found = leftovers(output)
    for path in mine.intersection(found):
        shutil.rmtree(path)
    remover = remove_in_background([path for path in found if path not in mine])
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if remover is not None:
            remover.wait()
    swap_in(staging, output)
