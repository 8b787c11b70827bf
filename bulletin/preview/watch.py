"""`invoke livereload`: build, serve, and build again on every change.

watchfiles watches (and groups the changes of a burst of saves: its debounce); this loop runs
the same build as `invoke build` (its command comes from tasks.py) once for everything that
changed meanwhile, and tells the open pages (server.Preview).

The last good site stays served. A build that fails (status 1) leaves output/ as it was. A
build that logs errors but completes (an article whose header does not parse is left out)
replaces output/ with a site without that article; the site it replaced, which the build
leaves in `.output-old-<its pid>` for the next build to remove, is moved aside and served
instead until a build without errors.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from watchfiles import DefaultFilter, watch

from bulletin.build.uptodate import path_state

from . import server
from .errors import BuildError, build_errors

DEBOUNCE_MS = 400  # saves this close together (an editor's "save all", a copied folder) build once
_LOGGED_AT = re.compile(r"\s{2,}[\w.-]+\.py:\d+\s*$")  # the log's source column, right-aligned


def run_build(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[int, str, int]:
    """Run the build, echoing what it prints; returns its status, everything it printed and
    its process id."""
    # Wide lines: Pelican's log handler would wrap a long message (and a file name) otherwise.
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**env, "COLUMNS": "1000"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    printed = []
    for line in process.stdout:
        printed.append(line)
        print(_LOGGED_AT.sub("", line.rstrip()), flush=True)
    return process.wait(), "".join(printed), process.pid


class LastGoodSite:
    """output/, or the last site built without errors while output/ holds one with errors."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.kept = output.with_name(f".{output.name}-preview-{os.getpid()}")
        self.errors: list[BuildError] = []  # those of the site in output/

    @property
    def served(self) -> Path:
        return self.kept if self.kept.exists() else self.output

    def built(self, errors: list[BuildError], replaced: Path) -> None:
        """output/ was replaced by a build that reported `errors`; `replaced`: the site before."""
        if errors and not self.errors and replaced.is_dir():
            os.rename(replaced, self.kept)  # the last good site, out of the next build's way
        elif not errors:
            self.drop()
        self.errors = errors

    def drop(self) -> None:
        if self.kept.exists():
            shutil.rmtree(self.kept)


def rebuild(
    preview: server.Preview,
    site: LastGoodSite,
    command: Sequence[str],
    env: dict[str, str],
    root: Path,
) -> None:
    """Build once and show the outcome: a new site reloads the open pages; errors show on them."""
    before, served = path_state(site.output), site.served
    served_before = path_state(served)
    status, printed, pid = run_build(command, env, root)
    errors = build_errors(printed, status, root)
    if status == 0 and path_state(site.output) != before:
        site.built(errors, site.output.with_name(f".{site.output.name}-old-{pid}"))
    shown = site.errors if status == 0 else list(dict.fromkeys([*errors, *site.errors]))
    # A build with nothing to do (status 0, output/ untouched) leaves everything as it was.
    changed = site.served != served or path_state(served) != served_before
    preview.show(site.served, shown, reload=changed)


def _watch_into(changes: queue.Queue, stop: threading.Event, paths, **options) -> None:
    for batch in watch(*paths, stop_event=stop, debounce=DEBOUNCE_MS, **options):
        changes.put(batch)


class _SettingsFilter(DefaultFilter):
    """Only the settings file, in the project's root (watched alone: an editor saving it
    replaces the file, and a watch on the file itself would end there)."""

    def __init__(self, settings: Path) -> None:
        super().__init__()
        self.name = settings.name

    def __call__(self, change, path: str) -> bool:
        return Path(path).name == self.name and super().__call__(change, path)


def _interrupt(_signal, _frame) -> None:
    raise KeyboardInterrupt


def livereload(
    root: Path,
    output: Path,
    settings: Path,
    folders: Sequence[Path],
    command: Sequence[str],
    env: dict[str, str],
    port: int,
) -> None:
    """Build, serve on 127.0.0.1:`port`, rebuild on every change under `folders` or to
    `settings`, until Ctrl-C."""
    site = LastGoodSite(output)
    preview = server.Preview(output, live=True)
    rebuild(preview, site, command, env, root)
    httpd = server.start(preview, port)
    folders = [folder for folder in folders if folder.is_dir()]
    watched = ", ".join(f"{p.relative_to(root)}/" for p in folders) + f", {settings.name}"
    print(
        f"Preview on http://127.0.0.1:{port}/ ; rebuilds on changes to {watched} (Ctrl-C stops)",
        flush=True,
    )
    changes: queue.Queue = queue.Queue()
    stop = threading.Event()
    watchers = [
        threading.Thread(target=_watch_into, args=(changes, stop, folders), daemon=True),
        threading.Thread(
            target=_watch_into,
            args=(changes, stop, [settings.parent]),
            kwargs={"recursive": False, "watch_filter": _SettingsFilter(settings)},
            daemon=True,
        ),
    ]
    for watcher in watchers:
        watcher.start()
    signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: the kept site is removed
    try:
        while True:
            changes.get()
            while not changes.empty():  # everything saved during the last build: one build
                changes.get_nowait()
            rebuild(preview, site, command, env, root)
    except KeyboardInterrupt:
        print("Preview stopped", file=sys.stderr)
    finally:
        stop.set()
        preview.close()
        httpd.shutdown()
        httpd.server_close()
        site.drop()
