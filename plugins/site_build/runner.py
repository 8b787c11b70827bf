"""Run Pelican in this process with progress, ending with our one-line summary.

Pelican prints its own "Done: Processed N articles, 0 drafts, 0 hidden articles, ..." line at
the very end of Pelican.run(); it is silenced during the run (pelican_internals), so the build
ends with a single summary of our own. Warnings and errors go
through logging, which keeps its own console and is not silenced.

The site is built into a staging folder next to `output` and replaces it only when the run and
every edition's run (plugins/site_editions) succeeded (bulletin.site.staging): a failed build
leaves the previous site untouched. A build whose inputs and output are as the last successful
build left them does nothing at all (last_build.py).
"""

from __future__ import annotations

import errno
import gc
import logging
import os
import re
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pelican
from pelican import signals
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican_internals import console_silenced
from rich.console import Console
from site_editions.builds import EditionBuildError
from site_progress import timings

from bulletin.build.lock import ContentLocked, content_lock
from bulletin.build.staging import staged, staging_folder
from bulletin.published import ContentErrors, PublishedRecord, PublishedWithProblems

from .last_build import LastBuild


def _shown(output: Path) -> str:
    """output/ relative to the working folder when it is inside it."""
    try:
        return f"{Path(output).resolve().relative_to(Path.cwd())}/"
    except ValueError:
        return str(output)


def build_site(
    settings_file: Path, output: Path, progress: bool = True, overrides: dict | None = None
) -> str:
    """Build the site; returns the summary line (already printed when progress is on).

    Raises whatever the build raised; `output` is then exactly as it was before.
    """
    init_logging(level=logging.WARNING)
    started = time.perf_counter()
    override = {
        **(overrides or {}),
        "OUTPUT_PATH": str(staging_folder(Path(output).resolve())),
        # unchanged pages are carried over from the published site (site_incremental)
        "SITE_PREVIOUS_OUTPUT": str(Path(output).resolve()),
        "SITE_PROGRESS": progress,
        "SITE_PROGRESS_TARGET": _shown(output),
    }
    settings = read_settings(str(settings_file), override=override)
    # One run at a time writes content/ (the ingest) and the site: bulletin/lock.py.
    with content_lock(Path(settings["PATH"]), "build"):
        last = LastBuild(settings_file, override, output, settings)
        if last.up_to_date():
            line = f"Nothing changed since the last build: {_shown(output)} is up to date"
            if progress:
                Console(soft_wrap=True).print(line, highlight=False, markup=False)
            return line
        with staged(Path(output)), _collector_paused_while_loading(), last.watching_ingest():
            site = _run(settings)
        outcome = getattr(site, "content_outcome", None)  # content_checks
        if outcome is not None:
            kept = {story.path for story in outcome.kept}
            record = PublishedRecord(Path(settings["CACHE_PATH"]))
            record.remember(Path(settings["PATH"]), outcome.published, kept)
        if outcome is not None and outcome.problems:
            raise PublishedWithProblems(outcome)  # not remembered: the next build runs again
        last.remember()
    stats = getattr(site, "site_stats", None)
    if stats is None:  # the progress plugin is not enabled in these settings
        line = f"Built the site into {output} in {time.perf_counter() - started:.1f} s"
    else:
        stats.seconds = time.perf_counter() - started
        line = stats.summary(_shown(output))
    if progress:
        Console(soft_wrap=True).print(line, highlight=False, markup=False)
    if stats is not None and (overrides or {}).get("SITE_TIMINGS"):
        Console(stderr=True, soft_wrap=True).print(
            timings(stats, started), highlight=False, markup=False
        )
    return line


def build_and_exit(settings_file: Path, output: Path, overrides: dict | None = None) -> None:
    """`build_site` as a whole process (`python -m site_build`, what `invoke build` runs):
    exits 0 when the site was published, 1 (with the traceback) when the build failed, or,
    for an article with errors, with the list of problems and a line saying what was not
    published; 3 when `--keep-going` published the site with such problems.

    The process ends without Python's teardown, which freed the build's objects one by one
    (millions of them, unpickled from the caches) although
    everything it wrote is closed and the new site is in place by then."""
    try:
        build_site(settings_file, output, overrides=overrides)
        status = 0
    except PublishedWithProblems as problems:
        _print_problems(problems, stopped=False)
        print(f"published with problems: {problems.outcome.summary()}", file=sys.stderr)
        status = 3
    except ContentErrors as errors:
        _print_problems(errors, stopped=True)
        print(
            f"build stopped, {_shown(output)} was left as it was: {errors.outcome.summary()}. "
            "Fix the files named above, or publish the last good version of each story "
            "with `invoke build --keep-going`.",
            file=sys.stderr,
        )
        status = 1
    except ContentLocked as locked:  # nothing was done: no traceback, just why
        print(f"build not started: {locked}", file=sys.stderr)
        status = 1
    except BaseException as error:  # any failure, Ctrl-C too: say it, exit 1, old site intact
        if _disk_full(error):
            print(
                f"build failed: the disk is full (No space left on device: {_full_at(error)}). "
                f"{_shown(output)} was left as it was; free some space and build again.",
                file=sys.stderr,
            )
        else:
            traceback.print_exc()
            print(f"build failed: {output} was left as it was", file=sys.stderr)
        status = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _disk_full(error: BaseException) -> bool:
    """A write failed for want of space, here or in an edition's run (whose error is text)."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    return isinstance(error, EditionBuildError) and f"[Errno {errno.ENOSPC}]" in str(error)


def _full_at(error: BaseException) -> str:
    if isinstance(error, OSError):
        return str(error.filename)
    found = re.search(rf"\[Errno {errno.ENOSPC}\][^:]*: '([^']*)'", str(error))
    return found.group(1) if found else "?"


def _print_problems(errors: ContentErrors, stopped: bool) -> None:
    lines = errors.report() if stopped else [str(p) for p in errors.outcome.problems]
    for line in lines:
        print(f"error: {line}", file=sys.stderr)


@contextmanager
def _collector_paused_while_loading() -> Iterator[None]:
    """Python's cyclic garbage collector stays off while the build loads: the ingest's and
    Pelican's caches unpickle millions of objects that all live to the end, and every
    collection walked them again. When the context is built (all_generators_finalized) it is
    switched on with those objects frozen out of its sight; an edition run forked meanwhile
    does the same in its own process."""
    was_enabled = gc.isenabled()
    gc.disable()
    signals.all_generators_finalized.connect(_collect_from_now_on)
    try:
        yield
    finally:
        signals.all_generators_finalized.disconnect(_collect_from_now_on)
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _collect_from_now_on(_generators) -> None:
    gc.freeze()
    gc.enable()


def _run(settings: dict) -> pelican.Pelican:
    site = pelican.Pelican(settings)
    try:
        with console_silenced():
            site.run()
    except BaseException:
        editions = getattr(site, "bulletin_editions", None)  # still running: stop them
        if editions is not None:
            editions.cancel()
        raise
    return site
