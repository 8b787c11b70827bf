"""Pelican plugin: sitemap.xml and robots.txt listing every HTML page the build wrote.

Pages are collected as they are written (content_written), so page types added by other
plugins are listed without being known here. With several editions (site_editions), each
edition's run hands its pages to the master run, which writes one sitemap at the site's root:
every page of every edition, each with its twins as xhtml:link alternates (and x-default);
past 50,000 URLs, an index of several (bulletin/site/sitemap.py).
Settings: SITE_PUBLIC_URL (absolute base of the public site), SITEMAP_EXCLUDE (output paths that
are not pages for search engines: 404, search).
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from pelican import signals
from plugin_signals import enabled as plugin_enabled

from bulletin.site.date_format import iso_date
from bulletin.site.seo import page_url
from bulletin.site.sitemap import INDEX, edition_entries, robots_txt, sitemap_files

PLUGIN_NAME = "site_sitemap"
DEFAULT_EXCLUDE = ("404.html", "search.html")

# One build at a time per process (an edition's run is a process of its own); reset at start.
_pages: dict[str, str] = {}


_enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py


def _start(pelican) -> None:
    _pages.clear()


def _collect(path: str, context) -> None:
    if not _enabled(context) or not path.endswith(".html"):
        return
    relative = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/")
    if relative in context.get("SITEMAP_EXCLUDE", DEFAULT_EXCLUDE):
        return
    article = context.get("article") or context.get("page")
    _pages[relative] = iso_date(getattr(article, "date", None)) if article else ""


def _write(pelican) -> None:
    settings = pelican.settings
    if not _enabled(settings):
        return
    here = settings.get("EDITION_PATH", "")
    exports = getattr(pelican, "edition_exports", None)
    if exports is not None:
        exports[PLUGIN_NAME] = dict(_pages)
    if here:
        return  # an edition's run: the master writes the sitemap of all editions
    base = settings.get("SITE_PUBLIC_URL") or settings.get("SITEURL", "")
    pages = {"": dict(_pages)}
    builds = getattr(pelican, "bulletin_editions", None)  # the other editions' runs
    for result in builds.wait() if builds is not None else []:
        path = next(e["path"] for e in settings["EDITION_LINKS"] if e["code"] == result.code)
        pages[path] = result.exports.get(PLUGIN_NAME, {})
    editions = [(e["hreflang"], e["path"]) for e in settings.get("EDITION_LINKS", [])]
    if len(editions) > 1:
        entries = edition_entries(base, editions, pages)
    else:
        entries = [(page_url(base, path), lastmod) for path, lastmod in _pages.items()]
    output = Path(pelican.output_path)
    files = sitemap_files(entries, base)
    for stale in output.glob("sitemap-*.xml"):  # a build in place, after a bigger site
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        (output / name).write_text(text, encoding="utf-8")
    (output / "robots.txt").write_text(robots_txt(page_url(base, INDEX)), encoding="utf-8")


def register() -> None:
    signals.initialized.connect(_start)
    signals.content_written.connect(_collect)
    signals.finalized.connect(_write)
