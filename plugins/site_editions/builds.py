"""The other editions' runs: one forked process each, started by the master run.

Fork, not spawn: the child starts from the master's settings as they are (overrides given by a
test or by `invoke build` included) without importing Pelican again, and begins reading at once.
The fork happens when the master creates its generators: after the ingest (`initialized`) and
before anything is read, so both processes read and write side by side on two cores.
Children are not daemons: an edition run may start processes of its own (a search index).
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass, field
from typing import Any

from bulletin.site.edition_runs import edition_overrides

from .run_edition import editions_of, enabled, is_master_run, output_root

INGEST_PLUGIN = "bulletin_ingest"


class EditionBuildError(RuntimeError):
    """An edition's run failed; the site is incomplete and must not replace the old one."""


@dataclass
class EditionResult:
    code: str
    ok: bool
    exports: dict[str, Any] = field(default_factory=dict)
    error: str = ""


class EditionBuilds:
    """The running editions of one master run."""

    def __init__(self) -> None:
        self._running: list[tuple[str, Any, Any]] = []  # (code, process, connection)
        self._results: list[EditionResult] | None = None

    def start(self, code: str, settings: dict[str, Any]) -> None:
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_run_edition, args=(code, settings, sending), name=f"edition-{code}"
        )
        process.start()
        sending.close()
        self._running.append((code, process, receiving))

    def wait(self) -> list[EditionResult]:
        """Every edition's result once all have finished; raises if any failed."""
        if self._results is None:
            self._results = [self._collect(*running) for running in self._running]
            self._running = []
        failed = [result for result in self._results if not result.ok]
        if failed:
            raise EditionBuildError(
                "; ".join(f"edition {r.code} failed:\n{r.error}" for r in failed)
            )
        return self._results

    def cancel(self) -> None:
        """Stop editions still running (the master failed: nothing will be published)."""
        for _code, process, connection in self._running:
            process.terminate()
            process.join()
            connection.close()
        self._running = []

    @staticmethod
    def _collect(code: str, process, connection) -> EditionResult:
        try:
            result = connection.recv()
        except EOFError:
            result = EditionResult(code, False, error="the process ended without a result")
        finally:
            connection.close()
        process.join()
        if result.ok and process.exitcode != 0:
            result = EditionResult(code, False, error=f"exit code {process.exitcode}")
        return result


def _run_edition(code: str, settings: dict[str, Any], connection) -> None:
    try:
        import pelican
        from pelican_internals import console_silenced

        site = pelican.Pelican(settings)
        with console_silenced():  # the master prints the one summary line
            site.run()
        connection.send(EditionResult(code, True, dict(getattr(site, "edition_exports", {}))))
    except BaseException:
        connection.send(EditionResult(code, False, error=traceback.format_exc()))
    finally:
        connection.close()


def launch_editions(pelican) -> None:
    settings = pelican.settings
    if not enabled(settings) or not is_master_run(settings):
        return None
    builds = EditionBuilds()
    pelican.bulletin_editions = builds
    plugins = [name for name in settings["PLUGINS"] if name != INGEST_PLUGIN]
    site_output = output_root(settings)
    try:
        for edition in editions_of(settings)[1:]:
            child = dict(settings, PLUGINS=plugins)
            child.update(edition_overrides(settings, edition, site_output))
            builds.start(edition.code, child)
    except BaseException:
        builds.cancel()
        raise
    return None  # no generator of our own


def wait_for_editions(pelican) -> None:
    """The master finishes only when every edition has: a failure fails the whole build."""
    builds = getattr(pelican, "bulletin_editions", None)
    if builds is not None:
        builds.wait()
