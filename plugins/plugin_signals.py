"""How the project's plugins talk to each other: Pelican's own signals (`pelican.signals`) and
the three below, declared here only, so that no plugin needs another plugin's module.

- `body_work`, sent by bulletin_ingest with the Pelican object before it parses: receivers
  return {name: bulletin.ingest.BodyWork}, work done on every rendered body in the ingest's
  parsing processes (site_editions converts the Traditional bodies there).
- `text_work`: the same for the header texts beside each body (bulletin.ingest.TextWork).
- `ingested`, sent with `report=` (bulletin.ingest's report) when the ingest has written
  content/: its `worked` and `worked_texts` hold the results for the issues parsed this run.

Signals are process-wide and outlive a run: every handler starts with `enabled(settings,
PLUGIN_NAME)`, so a run whose settings do not list the plugin (an edition's run, a test build
without the ingest) is not touched by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from blinker import signal

body_work = signal("bulletin.body_work")
text_work = signal("bulletin.text_work")
ingested = signal("bulletin.ingested")


def enabled(settings: Mapping[str, Any], plugin: str) -> bool:
    """Is `plugin` listed in this run's PLUGINS?"""
    return plugin in (settings.get("PLUGINS") or ())
