"""Atomic output: a build writes into a staging folder next to output/ and replaces output/
only when every edition has been written; a failed build leaves the previous site as it was.

    output/                      the published site (readers, `invoke serve`, publish)
    .output-staging-<pid>/       this build, until it succeeds
    .output-old-<pid>/           the previous site, for the moment between the two renames

Both renames stay on one filesystem (same parent folder), so each is atomic; between them
output/ is missing for a few microseconds, never half-written. Leftovers of a build that was
killed are removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


def staging_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}-staging-{os.getpid()}")


def old_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}-old-{os.getpid()}")


def leftovers(output: Path) -> list[Path]:
    """Staging and old folders of builds that are no longer running."""
    found = []
    for kind in ("staging", "old"):
        for path in output.parent.glob(f".{output.name}-{kind}-*"):
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
    """Make `staging` the new `output`; the previous output is removed afterwards."""
    old = old_folder(output)
    if output.exists():
        os.rename(output, old)
    os.rename(staging, output)
    if old.exists():
        shutil.rmtree(old)


@contextlib.contextmanager
def staged(output: Path) -> Iterator[Path]:
    """Yield a fresh staging folder; on success it becomes `output`, on error it is removed."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    for path in leftovers(output):
        shutil.rmtree(path, ignore_errors=True)
    staging = staging_folder(output)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output)
