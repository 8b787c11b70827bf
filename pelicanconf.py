"""Pelican settings for local work (`invoke build`, `invoke serve`)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the pure core (bulletin/) for the plugins

AUTHOR = "重庆市总工会"
SITENAME = "渝工周报 · 档案"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-hans"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
THEME = "theme"

# Set explicitly: otherwise every installed pelican.plugins.* package registers itself.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["bulletin_ingest", "mdit_reader"]

BULLETIN_SEEDS_PATH = "seeds"
BULLETIN_REPORT_PATH = "reports/ingest.md"
BULLETIN_STRICT = False

# A date must come from the text or the editor, never from the build machine's clock.
DEFAULT_DATE = None
TYPOGRIFY = False  # breaks Chinese quotes
DEFAULT_PAGINATION = 20

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RELATIVE_URLS = True

# Articles are Markdown only; docutils would warn that it has no zh-hans localisation.
READERS = {"rst": None}
