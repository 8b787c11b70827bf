"""Pelican plugin: run the bulletin ingest (seeds/ -> content/) before Pelican reads content.

Settings: BULLETIN_SEEDS_PATH, BULLETIN_REPORT_PATH, BULLETIN_STRICT; parsed issues are kept in
CACHE_PATH between builds (bulletin.ingest.parsed_cache).

Other plugins can have work done on every rendered body by the ingest's parsing processes,
which use every core: this plugin sends `body_work`, `text_work` and `ingested`
(plugins/plugin_signals.py says what each carries).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from plugin_signals import body_work, enabled, ingested, text_work

from bulletin.ingest.cli import run

log = logging.getLogger(__name__)
PLUGIN_NAME = "bulletin_ingest"


def _ingest(pelican) -> None:
    settings = pelican.settings
    # a later run without this plugin (an edition's run, a test build of content/) must
    # not ingest again
    if not enabled(settings, PLUGIN_NAME):
        return
    seeds = Path(settings.get("BULLETIN_SEEDS_PATH", "seeds"))
    if not seeds.is_dir():
        log.warning("bulletin ingest: no seeds folder at %s; using content/ as it is", seeds)
        return
    work, texts = {}, {}
    for _receiver, offered in body_work.send(pelican):
        work.update(offered or {})
    for _receiver, offered in text_work.send(pelican):
        texts.update(offered or {})
    report = run(
        seeds,
        Path(settings["PATH"]),
        Path(settings.get("BULLETIN_REPORT_PATH", "reports/ingest.md")),
        bool(settings.get("BULLETIN_STRICT", False)),
        quiet=bool(settings.get("BULLETIN_QUIET", False)),
        cache=Path(settings["CACHE_PATH"]) if settings.get("CACHE_PATH") else None,
        body_work=work,
        text_work=texts,
    )
    if report.strict_failed:
        raise SystemExit("bulletin ingest: strict mode and the ingest reported warnings")
    if settings.get("BULLETIN_STRICT_DATES"):
        _refuse_undated(report)
    ingested.send(pelican, report=report)


def _refuse_undated(report) -> None:
    """`invoke build --strict`: an issue whose date is an estimate is not published."""
    undated = [i.source for i in report.issues if i.date_estimate or i.date is None]
    if undated:
        raise SystemExit(
            f"build stopped (--strict), nothing was published: {len(undated)} issues state no "
            f"date ({', '.join(undated)}); state each in its sidecar (date = YYYY-MM-DD) "
            "or in a masthead line"
        )


def register() -> None:
    signals.initialized.connect(_ingest)
