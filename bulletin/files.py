"""Files written whole or not at all: a reader (a build, a web server, a parallel build's other
edition) never sees half of one.

Every write-then-rename of the project goes through `replacing`: the new file is made under a
temporary name in the same folder (the rename must not cross file systems) and renamed over
the old one in one step, or removed when writing it failed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

Writer = Callable[[BinaryIO], object]


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a free temporary name beside `path`; write the new file there, and when the block
    ends without an error it replaces `path` whole (a file, a hard link, a copy: anything that
    can be renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    temporary.unlink()  # the name is ours; the writer makes the file (a link cannot overwrite)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes | str | Writer) -> None:
    """Write `data` (bytes, text as UTF-8, or a function writing to the open binary file, such
    as a `pickle.dump`) to `path` whole or not at all."""
    with replacing(path) as temporary, open(temporary, "wb") as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write` of `text` in UTF-8."""
    atomic_write(path, text)
