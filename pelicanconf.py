"""Pelican settings of the site: what `invoke build` previews and `invoke publish` publishes.

Pages link to each other with relative URLs, so output/ works from any folder or host path;
canonical URLs, Open Graph, JSON-LD, feeds and the sitemap use SITE_PUBLIC_URL, the address
the archive is published at, and 404.html links from the site's root. There is no separate
publishconf.py: the published site is the previewed one, so the weekly build and the publish
after it share one cache (different settings would make each of them render every page).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the pure core (bulletin/) for the plugins
# what the plugins share (plugin_signals, pelican_internals), for plain `pelican` too
sys.path.insert(0, str(HERE / "plugins"))

from bulletin.site.issues import archive_sort_key  # noqa: E402

AUTHOR = "重庆市总工会"
SITENAME = "渝工周报"
SITESUBTITLE = "重庆市总工会周报档案"
TIMEZONE = "Asia/Shanghai"

# The editions: the Simplified master at the site's root and its Traditional twins, each
# converted from the master by OpenCC with the editors' glossary (glossary/). An entry names:
#   code      the edition's code: theme/translations/<code>.toml (or the nearest broader one,
#             zh-hant-hk -> zh-hant) and its section in the glossary
#   hreflang  its BCP 47 language tag, for <html lang> and hreflang
#   path      the folder it is published under ("" for the master)
#   name      what the 简/繁 switch calls it
#   opencc    the built-in OpenCC configuration that converts the master (none for the master);
#             s2tw: the glyphs readers in Taiwan and overseas know, vocabulary untouched
# Optional: og_locale (else derived from the tag), settings (Pelican settings for that edition).
# Every edition is built by its own Pelican run, in parallel (plugins/site_editions).
EDITIONS = [
    {"code": "zh-hans", "hreflang": "zh-Hans", "path": "", "name": "简体"},
    {"code": "zh-hant", "hreflang": "zh-Hant", "path": "zh-hant/", "name": "繁體",
     "opencc": "s2tw"},
    # Hong Kong, one entry away (uncomment):
    # {"code": "zh-hant-hk", "hreflang": "zh-Hant-HK", "path": "zh-hant-hk/",
    #  "name": "繁體（香港）", "opencc": "s2hk"},
]  # fmt: skip
# Pelican lowercases DEFAULT_LANG (metadata, feeds). The site_editions plugin sets it, and
# HTML_LANG, OG_LOCALE, THEME_STRINGS, EDITION_PATH, for each edition's run from its entry.
DEFAULT_LANG = "zh-hans"
# The editors' review of OpenCC's guesses, per edition (see the README's editor section).
BULLETIN_REVIEW_PATH = "reports/review-{edition}.md"
# Only the newest issues are reviewed in a build (`invoke review` does them all).
BULLETIN_REVIEW_ISSUES = 12
# What the Traditional conversion adds to OpenCC (each listed in the review; False turns it off):
# surnames of the people an article credits (Authors, Photographers, credit lines) kept as
# surnames (余, 范, 于 ...), wherever their names are shown;
BULLETIN_HANT_CREDITED_NAMES = True
# the same for names next to a title or speech verb (主席范文华, 余敏表示) and lists of them;
BULLETIN_HANT_TITLED_NAMES = True
# no OpenCC phrase across a word boundary the segmenter is sure of (研发|了|解决方案).
BULLETIN_HANT_BOUNDARIES = True

SITE_PUBLIC_URL = os.environ.get("BULLETIN_SITEURL", "https://bulletin.example.org").rstrip("/")
# Where `invoke publish` copies output/: user@host:/path (rsync) or a local folder. The
# environment variable PUBLISH_TARGET wins. Not a page setting: changing it renders nothing.
PUBLISH_TARGET = ""
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
PLUGINS = [
    "bulletin_ingest",
    "content_checks",  # after the ingest: checks what it and the editors wrote
    "mdit_reader",
    "site_editions",
    "site_archive",
    "site_incremental",
    "site_sitemap",
    "site_progress",
    "site_search",
]

BULLETIN_SEEDS_PATH = "seeds"
BULLETIN_REPORT_PATH = "reports/ingest.md"
BULLETIN_STRICT = False
# An article with errors stops the build (content_checks); `invoke build --keep-going` sets
# this: the site is published with the last good version of each such story.
BULLETIN_KEEP_GOING = False

# Pelican's content cache: each article as read (and, in an edition, converted) kept between
# builds under the hash of its file (file times cannot be trusted in a fresh clone).
# site_incremental ignores it for a build whose code, theme or settings differ from the last
# one's, and points the cached articles at this build's context.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False  # the cache is local: compressing it only costs time

# A date must come from the text or the editor, never from the build machine's clock.
DEFAULT_DATE = None
TYPOGRIFY = False  # breaks Chinese quotes
# Pelican does not autoescape: without this a title like <script> would be markup.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    # Templates do not change during a build: no stat() per include on every page.
    "auto_reload": False,
}

# Articles are Markdown only; docutils would warn that it has no zh-hans localisation.
READERS = {"rst": None}
# Ingest folders are issues, not columns: the column is the Category metadata.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "专题"
# Editions are separate runs, not Pelican translations: skip its translation matching, which
# compares every article with every other.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
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
# Search (plugins/site_search): the scripts' folder, and each edition's index folder inside
# it (empty: search/<edition code>/). The plugin sets SEARCH_INDEX_URL for the run's templates;
# a site built without it has a search page that offers the indexes instead.
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
