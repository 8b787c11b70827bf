"""The plugin's settings and their defaults; a guard for runs that did not enable the plugin."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from plugin_signals import enabled as plugin_enabled

PLUGIN_NAME = "site_archive"

DEFAULTS: dict[str, Any] = {
    "ISSUE_URL": "issues/{key}.html",
    "ISSUE_SAVE_AS": "issues/{key}.html",
    "ISSUES_URL": "issues/",
    "ISSUES_SAVE_AS": "issues/index.html",
    "ARCHIVES_URL": "archives/",
    "ARCHIVES_SAVE_AS": "archives/index.html",
    "ARCHIVE_YEAR_URL": "archives/{year}.html",
    "ARCHIVE_YEAR_SAVE_AS": "archives/{year}.html",
    "ARCHIVE_MONTH_URL": "archives/{year}-{month:02d}.html",
    "ARCHIVE_MONTH_SAVE_AS": "archives/{year}-{month:02d}.html",
    "PARTNER_URL": "partners/{slug}.html",
    "PARTNER_SAVE_AS": "partners/{slug}.html",
    "OVERVIEW_URL": "overview.html",
    "OVERVIEW_SAVE_AS": "overview.html",
    "NOT_FOUND_SAVE_AS": "404.html",
    "THEME_STRINGS": "zh-hans",
    "SITE_PUBLIC_URL": "",
    "RELATED_STORIES": 4,
    "ISSUES_INDEX_YEARS": 3,
    # Files copied from <theme>/root/ to the top of the output (favicon.ico).
    "THEME_ROOT_FILES": "root",
}


def setting(settings: Mapping[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py
