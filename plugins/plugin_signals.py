"""How the project's plugins talk to each other: Pelican's own signals (`pelican.signals`) and
the three below, declared here only, so that no plugin needs another plugin's module.

- `body_work`, sent by bulletin_ingest with the Pelican object before it parses: receivers
  return {name: bulletin.ingest.BodyWork}, work done on every rendered body in the ingest's
  parsing processes (site_editions converts the Traditional bodies there).
- `text_work`: the same for the header texts beside each body (bulletin.ingest.TextWork).
- `ingested`, sent with `report=` (bulletin.ingest's report) when the ingest has written
  content/: its `worked` and `worked_texts` hold the results for the issues parsed this run.
- `page_inputs`, sent by site_incremental's writer before it writes a page, with the page's
  file name as sender and `kwargs=` (what its generator passed to `write_file` besides the
  context). The plugin that knows that kind of page returns what it shows besides the
  theme, code and settings: a list of stories (content objects: the writer puts their
  source file's hash in their place), lists of them, None, text and numbers; other
  receivers return None. A page nobody answers for is rendered on every build. For a list
  page (a template in PAGINATED_TEMPLATES) the writer adds the stories, links and count of
  each page itself and asks, with `listed=True`, only what names the list (a column or
  district needs no answer: it is Pelican's own).

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
page_inputs = signal("bulletin.page_inputs")


def enabled(settings: Mapping[str, Any], plugin: str) -> bool:
    """Is `plugin` listed in this run's PLUGINS?"""
    return plugin in (settings.get("PLUGINS") or ())
