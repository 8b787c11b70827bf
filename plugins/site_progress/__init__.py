"""Pelican plugin: build progress on the terminal and the numbers for a one-line summary.

Only a display: the build runner is plugins/site_build. Progress is shown only when the
SITE_PROGRESS setting is true (`invoke build` sets it), so tests and other callers stay quiet.
The summary numbers are left on the Pelican object as `pelican.site_stats` for the runner,
which prints the one-line summary.

Each edition's run also notes when it reached each phase (`BuildStats.marks`: the clock is
the monotonic one, shared by the forked edition runs); `invoke build --timings` prints them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial

from pelican import signals
from plugin_signals import enabled as plugin_enabled
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bulletin.faults import fault_point

PLUGIN_NAME = "site_progress"


@dataclass
class BuildStats:
    started: float = field(default_factory=time.perf_counter)
    articles: int = 0
    issues: int = 0
    pages: int = 0
    files: int = 0
    html_files: int = 0
    seconds: float = 0.0
    editions: int = 1
    # (edition, phase, time.perf_counter()) in the order reached; see PHASES
    marks: list[tuple[str, str, float]] = field(default_factory=list)
    last_write: float = 0.0

    def summary(self, output: str) -> str:
        editions = f" in {self.editions} editions" if self.editions > 1 else ""
        return (
            f"Built {_count(self.articles, 'article')} in {_count(self.issues, 'issue')}, "
            f"{_count(self.pages, 'page')}{editions}: {self.html_files} HTML files "
            f"({self.files} with feeds) into {output} in {self.seconds:.1f} s"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class _Run:
    stats = BuildStats()
    console = Console(stderr=True, soft_wrap=True)
    progress: Progress | None = None
    task = None


_enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py


def _show(settings) -> bool:
    return _enabled(settings) and bool(settings.get("SITE_PROGRESS"))


# Pelican's signals, in the order a run reaches them, and what was done by then.
PHASES = {
    "initialized": "ingest done, run ready",
    "article_generator_finalized": "articles read",
    "all_generators_finalized": "context built",
    "article_writer_finalized": "article and list pages written",
    "page_writer_finalized": "search index written",
    "last_write": "last page written (archive, static)",
    "finalized": "finished",
}


def _edition(settings) -> str:
    return settings.get("EDITION_CODE") or settings.get("DEFAULT_LANG") or "site"


def _mark(phase: str, settings) -> None:
    if _enabled(settings):
        _Run.stats.marks.append((_edition(settings), phase, time.perf_counter()))


def _marker(phase: str):
    def handler(sender, **kwargs) -> None:
        settings = getattr(sender, "settings", None)
        if settings is None and isinstance(sender, list | tuple) and sender:
            settings = sender[0].settings  # all_generators_finalized sends the generators
        if settings is not None:
            _mark(phase, settings)

    return handler


# One handler per phase for the life of the process: a forked edition run registers the
# plugins again, and a second handler would mark the phase twice.
_MARKERS = {
    phase: _marker(phase)
    for phase in PHASES
    if phase not in ("initialized", "finalized", "last_write")
}


def _start(pelican) -> None:
    _Run.stats = BuildStats()
    _mark("initialized", pelican.settings)
    if _show(pelican.settings):
        # The runner builds into a staging folder; the reader wants to know where it will land.
        target = pelican.settings.get("SITE_PROGRESS_TARGET") or pelican.output_path
        _Run.console.print(f"[bold]Building[/] {pelican.path} → {target}")


def _read_articles(generator) -> None:
    if not _enabled(generator.settings):
        return
    _Run.stats.articles = len(generator.articles)
    _Run.stats.issues = len(generator.context.get("bulletin_issues", []))
    if _show(generator.settings):
        _Run.console.print(
            f"  read {_Run.stats.articles} articles ({_Run.stats.issues} issues), "
            f"{len(generator.categories)} columns, {len(generator.tags)} districts"
        )


def _read_pages(generator) -> None:
    if not _enabled(generator.settings):
        return
    _Run.stats.pages = len(generator.pages)


def _start_writing(generators) -> None:
    settings = generators[0].settings if generators else {}
    if not _show(settings):
        return
    _Run.progress = Progress(
        SpinnerColumn(),
        TextColumn("  writing {task.completed} files"),
        TimeElapsedColumn(),
        console=_Run.console,
        transient=True,
    )
    _Run.task = _Run.progress.add_task("write", total=None)
    _Run.progress.start()


def _written(path: str, context) -> None:
    if not _enabled(context):
        return
    fault_point(f"render-{_edition(context)}", path)  # the crash tests; inert otherwise
    _Run.stats.files += 1
    _Run.stats.last_write = time.perf_counter()
    if path.endswith(".html"):
        _Run.stats.html_files += 1
    if _Run.progress is not None:
        _Run.progress.advance(_Run.task)


def _feed_written(path: str, context, feed) -> None:
    _written(path, context)


def _finish(pelican) -> None:
    if _Run.progress is not None:
        _Run.progress.stop()
        _Run.progress = None
    if not _enabled(pelican.settings):
        return
    stats = _Run.stats
    edition = _edition(pelican.settings)
    if stats.last_write:
        stats.marks.append((edition, "last_write", stats.last_write))
    _mark("finalized", pelican.settings)
    exports = getattr(pelican, "edition_exports", None)
    if exports is not None:
        exports[PLUGIN_NAME] = BuildStats(**vars(stats))
    builds = getattr(pelican, "bulletin_editions", None)  # the other editions' runs (site_editions)
    if builds is not None:
        if _show(pelican.settings):
            _Run.console.print("  finishing the other editions")
        for result in builds.wait():
            other = result.exports.get(PLUGIN_NAME)
            if other is not None:
                stats.files += other.files
                stats.html_files += other.html_files
                stats.marks.extend(other.marks)
                stats.editions += 1
    stats.seconds = time.perf_counter() - stats.started
    pelican.site_stats = stats


def register() -> None:
    signals.initialized.connect(_start)
    signals.article_generator_finalized.connect(_read_articles)
    signals.page_generator_finalized.connect(_read_pages)
    signals.all_generators_finalized.connect(_start_writing)
    signals.content_written.connect(_written)
    signals.feed_written.connect(_feed_written)
    signals.finalized.connect(_finish)
    for phase, handler in _MARKERS.items():
        getattr(signals, phase).connect(handler)


def timings(stats: BuildStats, started: float) -> str:
    """The phase marks as a table: seconds since the build started, one column an edition."""
    editions = list(dict.fromkeys(edition for edition, _phase, _at in stats.marks))
    at = {(edition, phase): moment for edition, phase, moment in stats.marks}
    lines = ["phase (s since the build started) | " + " | ".join(editions)]
    for phase, label in PHASES.items():
        cells = [
            f"{at[e, phase] - started:7.2f}" if (e, phase) in at else "      -" for e in editions
        ]
        lines.append(f"{label:<40} | " + " | ".join(cells))
    return "\n".join(lines)
