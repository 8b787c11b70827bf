"""Fault injection for the crash tests (tests/pipeline/test_faults.py); inert unless the
environment variable BULLETIN_FAULT is set.

BULLETIN_FAULT=kill:<point> kills the whole build (its process group, as a power cut or
`kill -9` would) when it reaches <point>; BULLETIN_FAULT=enospc:<point> makes the write at
<point> fail as a full disk does. The points:

    ingest              the ingest has written its first article file
    render-<edition>    an edition's run has written its first page (zh-hans, zh-hant)
    search-index        an edition's search index is about to be written
    swap                the staging folder is half swapped in
    publish             `invoke publish` has copied its first file into the target
"""

from __future__ import annotations

import errno
import os
import signal

ENV = "BULLETIN_FAULT"


def fault_point(point: str, path: object = None) -> None:
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    kind, _, name = wanted.partition(":")
    if name != point:
        return
    if kind == "kill":
        os.killpg(os.getpgrp(), signal.SIGKILL)
    elif kind == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path or point))
