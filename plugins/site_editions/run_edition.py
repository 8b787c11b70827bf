"""What each run (master or edition) takes from EDITIONS before it reads anything."""

from __future__ import annotations

import os
from functools import partial
from typing import Any

from plugin_signals import enabled as plugin_enabled

from bulletin.hant import ConversionOptions, set_default_options
from bulletin.site.edition_runs import SiteEdition, edition_by_code, run_settings, site_editions

PLUGIN_NAME = "site_editions"
# A site without EDITIONS is the master alone.
MASTER_ONLY = [{"code": "zh-hans", "hreflang": "zh-Hans", "path": "", "name": "简体"}]


enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py


def editions_of(settings) -> list[SiteEdition]:
    return site_editions(settings.get("EDITIONS") or MASTER_ONLY)


def this_edition(settings) -> SiteEdition:
    return settings["EDITION"]


def is_master_run(settings) -> bool:
    return this_edition(settings).is_master


def conversion_options(settings) -> ConversionOptions:
    """pelicanconf.py's switches for what the converter adds to OpenCC (all on by default)."""
    return ConversionOptions(
        credited_names=bool(settings.get("BULLETIN_HANT_CREDITED_NAMES", True)),
        titled_names=bool(settings.get("BULLETIN_HANT_TITLED_NAMES", True)),
        boundaries=bool(settings.get("BULLETIN_HANT_BOUNDARIES", True)),
    )


def use_conversion_options(settings) -> None:
    """Every converter this process makes follows the run's settings (the ingest's workers,
    forked later, too)."""
    set_default_options(conversion_options(settings))


def configure_run(pelican) -> None:
    settings: dict[str, Any] = pelican.settings
    if not enabled(settings):
        return
    use_conversion_options(settings)
    editions = editions_of(settings)
    edition = edition_by_code(editions, settings.get("EDITION_CODE"))
    settings.update(run_settings(edition, settings["THEME"]))
    settings["EDITION"] = edition
    settings["EDITION_LINKS"] = [e.link_entry() for e in editions]
    settings.setdefault("SITE_OUTPUT_PATH", pelican.output_path)
    # The master's cache folder (the ingest's bodies), for every edition's reader.
    settings.setdefault("BULLETIN_SHARED_CACHE", settings.get("CACHE_PATH"))
    if edition.is_master:
        # DELETE_OUTPUT_DIRECTORY must not remove what the other editions are writing.
        folders = {e.path.split("/", 1)[0] for e in editions if e.path}
        pelican.output_retention = [*pelican.output_retention, *sorted(folders)]
    pelican.edition_exports = {}


def output_root(settings) -> str:
    return os.fspath(settings.get("SITE_OUTPUT_PATH") or settings["OUTPUT_PATH"])
