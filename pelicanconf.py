"""Pelican settings for local work (`invoke build`, `invoke serve`).

Pages link to each other with relative URLs, so output/ works from any folder or host path;
canonical URLs, Open Graph, JSON-LD, feeds and the sitemap use SITE_PUBLIC_URL, the address
the archive is published at (publishconf.py switches the links to absolute too).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the pure core (bulletin/) for the plugins

from bulletin.site.issues import archive_sort_key  # noqa: E402

AUTHOR = "重庆市总工会"
SITENAME = "渝工周报"
SITESUBTITLE = "重庆市总工会周报档案"
TIMEZONE = "Asia/Shanghai"

# The edition. Pelican lowercases DEFAULT_LANG (used in metadata and feeds); HTML_LANG is the
# BCP 47 tag for <html lang> and hreflang. THEME_STRINGS names theme/translations/<name>.toml.
DEFAULT_LANG = "zh-hans"
HTML_LANG = "zh-Hans"
OG_LOCALE = "zh_CN"
THEME_STRINGS = "zh-hans"
# Every edition of the site, this one included: its language, the path it is published under
# and its name on the switch. base.html writes <link rel="alternate" hreflang> and the switch
# from this list once it has more than one entry (the Traditional edition is issue 4).
EDITIONS = [{"lang": "zh-Hans", "path": "", "name": "简体"}]
EDITION_PATH = ""  # this edition's folder under the public site (its entry's "path" above)

SITE_PUBLIC_URL = os.environ.get("BULLETIN_SITEURL", "https://bulletin.example.org").rstrip("/")
# Feeds need absolute links; with RELATIVE_URLS every page gets its own relative SITEURL.
SITEURL = SITE_PUBLIC_URL
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
THEME = str(HERE / "theme")

# Set explicitly: otherwise every installed pelican.plugins.* package registers itself.
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["bulletin_ingest", "mdit_reader", "site_archive", "site_sitemap", "site_progress"]

BULLETIN_SEEDS_PATH = "seeds"
BULLETIN_REPORT_PATH = "reports/ingest.md"
BULLETIN_STRICT = False

# A date must come from the text or the editor, never from the build machine's clock.
DEFAULT_DATE = None
TYPOGRIFY = False  # breaks Chinese quotes
# Pelican does not autoescape: without this a title like <script> would be markup.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# Articles are Markdown only; docutils would warn that it has no zh-hans localisation.
READERS = {"rst": None}
# Ingest folders are issues, not columns: the column is the Category metadata.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "专题"
# Newest issue first, stories in printed order inside an issue.
ARTICLE_ORDER_BY = archive_sort_key

# URLs: stable ASCII slugs from the ingest (articles, issues) and from bulletin.sections and
# bulletin.gazetteer (columns, districts, partner places).
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "columns/{slug}.html"
TAG_URL = TAG_SAVE_AS = "districts/{slug}.html"
CATEGORIES_URL, CATEGORIES_SAVE_AS = "columns/", "columns/index.html"
TAGS_URL, TAGS_SAVE_AS = "districts/", "districts/index.html"
SEARCH_URL = SEARCH_SAVE_AS = "search.html"
ISSUE_URL = ISSUE_SAVE_AS = "issues/{key}.html"
ISSUES_URL, ISSUES_SAVE_AS = "issues/", "issues/index.html"
ARCHIVES_URL, ARCHIVES_SAVE_AS = "archives/", "archives/index.html"
ARCHIVE_YEAR_URL = ARCHIVE_YEAR_SAVE_AS = "archives/{year}.html"
ARCHIVE_MONTH_URL = ARCHIVE_MONTH_SAVE_AS = "archives/{year}-{month:02d}.html"
PARTNER_URL = PARTNER_SAVE_AS = "partners/{slug}.html"
OVERVIEW_URL = OVERVIEW_SAVE_AS = "overview.html"
NOT_FOUND_SAVE_AS = "404.html"
# Authors are printed on the story; they get no pages of their own.
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "search"]
# The search engine (issue 5) sets SEARCH_INDEX_URL (e.g. "search/zh/") once it writes its
# index; until then search.html says search needs JavaScript and offers the indexes.
SEARCH_INDEX_URL = ""
SEARCH_SCRIPTS_URL = "search/"
SITEMAP_EXCLUDE = ["404.html", "search.html"]

PAGINATED_TEMPLATES = {"category": 20, "tag": 20, "partner": 20}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}-{number}.html", "{base_name}-{number}.html"),
]
RELATED_STORIES = 4
ISSUES_INDEX_YEARS = 3  # years listed issue by issue on issues/; older ones link to their year

# Atom feeds: the whole archive, each column, each district.
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/columns/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/districts/{slug}.atom.xml"
FEED_MAX_ITEMS = 20  # a month of issues; 55 feeds of full articles add up
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
