"""sitemap.xml and robots.txt for the written site, every edition in one sitemap."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from .seo import page_url

XHTML = "http://www.w3.org/1999/xhtml"

# (absolute URL, lastmod date or '') or (URL, lastmod, ((hreflang, URL) ...)) for alternates.
Entry = tuple[str, str] | tuple[str, str, tuple[tuple[str, str], ...]]


def sitemap_xml(entries: Iterable[Entry]) -> str:
    """Entries written in URL order so builds are identical; alternates as xhtml:link."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="{XHTML}">',
    ]
    for loc, lastmod, *rest in sorted(set(entries)):
        stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>'
            for lang, href in (rest[0] if rest else ())
        )
        lines.append(f"<url><loc>{escape(loc)}</loc>{stamp}{links}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def edition_entries(
    root_url: str,
    editions: Sequence[tuple[str, str]],
    pages: Mapping[str, Mapping[str, str]],
) -> list[Entry]:
    """Entries for every page of every edition, each naming all its twins and x-default.

    `editions`: (hreflang, path) pairs, the master first; `pages`: edition path -> {output path
    inside the edition: lastmod}. x-default is the master's twin when there is one.
    """
    entries: list[Entry] = []
    for _lang, path in editions:
        for page, lastmod in pages.get(path, {}).items():
            twins = [
                (lang, page_url(root_url, f"{other}{page}"))
                for lang, other in editions
                if page in pages.get(other, {})
            ]
            if len(twins) > 1:
                twins.append(("x-default", twins[0][1]))
            else:
                twins = []
            entries.append((page_url(root_url, f"{path}{page}"), lastmod, tuple(twins)))
    return entries


def robots_txt(sitemap_url: str, disallow: Iterable[str] = ()) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Allow: /"]
    lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
