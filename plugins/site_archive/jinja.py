"""The theme's Jinja helpers: the edition's words (T), dates, canonical URLs, JSON-LD, charts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape

from bulletin.site import charts
from bulletin.site.date_format import format_date, iso_date
from bulletin.site.seo import clip, news_article, page_url, plain_text, script_json
from bulletin.site.strings import Strings, load_strings

from .settings import enabled, setting


@lru_cache(maxsize=8)
def _strings(path: str, _mtime: float) -> Strings:
    return load_strings(Path(path))


def edition_strings(settings) -> Strings:
    path = os.path.join(
        settings["THEME"], "translations", f"{setting(settings, 'THEME_STRINGS')}.toml"
    )
    return _strings(path, os.path.getmtime(path))


def site_root_path(settings) -> str:
    """The public site's path ('' at a domain's root): links on 404.html start from it."""
    return urlsplit(setting(settings, "SITE_PUBLIC_URL")).path.rstrip("/")


@pass_context
def canonical_url(context, path: str | None = None) -> str:
    """Public URL of `path`, or of the page being rendered."""
    base = context.get("SITE_PUBLIC_URL") or ""
    return page_url(base, path if path is not None else context["output_file"])


@pass_context
def article_jsonld(context, article) -> dict:
    """schema.org NewsArticle for an article page."""
    issue = getattr(article, "bulletin_issue", None)
    part_of = None
    if issue is not None:
        part_of = {"datePublished": iso_date(issue.date), "url": canonical_url(context, issue.url)}
        if issue.number:
            part_of["issueNumber"] = issue.number
    return news_article(
        url=canonical_url(context, article.url),
        headline=article.title,
        # the rest of the headline: kicker (引题) and subtitle (副题)
        alternative_headline=" ".join(
            part
            for part in (getattr(article, "kicker", ""), getattr(article, "subtitle", ""))
            if part
        ),
        description=getattr(article, "description", ""),
        date_published=iso_date(article.date),
        language=context.get("HTML_LANG", ""),
        publisher=context.get("AUTHOR", ""),
        section=str(article.category),
        keywords=[str(tag) for tag in getattr(article, "tags", None) or []],
        # Only the authors the story names; Pelican gives every article the site's AUTHOR.
        authors=[author.name for author in article.metadata.get("authors", [])],
        issue=part_of,
    )


@pass_context
def edition_links(context) -> list[EditionLink]:
    """This page in every edition: absolute URL (hreflang) and a link relative to this page.

    EDITION_LINKS lists {code, hreflang, path, name} (the site_editions plugin makes it from
    EDITIONS); `path` is the edition's folder under the public site ("" for the master,
    "zh-hant/" for a twin) and EDITION_PATH this run's. Every edition has the same pages at
    the same paths under its folder, so a page's twin is its path under the other folder.
    """
    here = context.get("EDITION_PATH", "")
    page = context["output_file"]
    public = _without_suffix(context.get("SITE_PUBLIC_URL") or "", here)
    siteurl = context["SITEURL"]
    if siteurl.startswith("."):  # relative (RELATIVE_URLS): climb out of this edition's folder
        site_root = f"{siteurl}/{'../' * here.count('/')}".rstrip("/")
    else:  # absolute, or a root path (404.html): this edition's folder is its last part
        site_root = _without_suffix(siteurl, here)
    return [
        EditionLink(
            name=edition["name"],
            hreflang=edition["hreflang"],
            current=edition["path"] == here,
            absolute=page_url(public, f"{edition['path']}{page}"),
            relative=page_url(site_root, f"{edition['path']}{page}"),
        )
        for edition in context.get("EDITION_LINKS", [])
    ]


@dataclass(frozen=True, slots=True)
class EditionLink:
    """This page in one edition. Attributes, not dict keys: Jinja tries an attribute first
    and reads a key only after that lookup failed, a few times on every page."""

    name: str
    hreflang: str
    current: bool
    absolute: str  # public URL, for the hreflang alternates
    relative: str  # from this page, for the edition switch


def _without_suffix(url: str, edition_path: str) -> str:
    url = url.rstrip("/")
    suffix = "/" + edition_path.rstrip("/")
    return url[: -len(suffix)] if edition_path and url.endswith(suffix) else url


class Fragments:
    """Pieces many pages show the same way, rendered once per run.

    A story's entry in a list is the same on every list page at the same depth (columns/,
    districts/, issues/ and archives/ pages all link with SITEURL ".."): 20,000 stories appear
    on five or more lists each. In a template:

        {% call fragment("entry", article.slug, SITEURL, "h2") %}...{% endcall %}

    The key must name everything the body depends on besides the run's settings and words.
    """

    def __init__(self) -> None:
        self.store: dict[tuple, Markup] = {}

    def __call__(self, *key, caller) -> Markup:
        found = self.store.get(key)
        if found is None:
            found = self.store[key] = Markup(caller())
        return found


def time_tag(pattern: str):
    """The `time` filter: <time datetime="2024-09-05">2024年9月5日</time>, the date written with
    the edition's pattern. Several on every page: 2.9 us a call, the macro it replaced 5.5 us
    (Markup.format, with its escaping formatter, took 6.9)."""

    def tag(value) -> Markup:
        # iso_date gives digits and dashes only; the written date is escaped like any text.
        return Markup(
            f'<time datetime="{iso_date(value)}">{escape(format_date(value, pattern))}</time>'
        )

    return tag


def estimated_date_tag(words):
    """The `story_date` filter: a story's date as `time` writes it, or, when the date is an
    estimate (Date_estimated: month/year), only its month or year and 日期待核."""
    full = time_tag(words.date.full)

    def tag(article) -> Markup:
        value = article.date
        estimate = getattr(article, "date_estimated", "") or ""
        if estimate not in ("month", "year"):
            return full(value)
        pattern = words.date.month if estimate == "month" else words.date.year
        stamp = iso_date(value)[: 7 if estimate == "month" else 4]
        shown = escape(format_date(value, pattern))
        flag = escape(words.article.unverified)
        return Markup(
            f'<time datetime="{stamp}">{shown}</time><span class="unverified">{flag}</span>'
        )

    return tag


def jsonld(data) -> Markup:
    return Markup(script_json(data))


def bar_chart(chart_id: str, rows, title: str, desc: str, base_url: str = "", vertical=False):
    bars = [charts.Bar(*row) for row in rows]
    if vertical:
        return Markup(charts.vertical_bars(chart_id, bars, title, desc, base_url))
    return Markup(charts.horizontal_bars(chart_id, bars, title, desc, base_url))


def install_jinja(generator) -> None:
    settings = generator.settings
    if not enabled(settings):
        return
    words = edition_strings(settings)
    generator.env.globals.update(
        T=words,
        canonical_url=canonical_url,
        article_jsonld=article_jsonld,
        edition_links=edition_links,
        bar_chart=bar_chart,
        # one store for every generator of this run (they share the context, not the env)
        fragment=generator.context.setdefault("bulletin_fragments", Fragments()),
    )
    generator.env.filters.update(
        fmt_date=format_date,
        iso_date=iso_date,
        time=time_tag(words.date.full),
        story_date=estimated_date_tag(words),
        jsonld=jsonld,
        clip=clip,
        plain=plain_text,
    )
