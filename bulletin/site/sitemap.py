"""sitemap.xml and robots.txt for the written site."""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape


def sitemap_xml(entries: Iterable[tuple[str, str]]) -> str:
    """(absolute URL, lastmod date or '') pairs, written in URL order so builds are identical."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in sorted(set(entries)):
        stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{stamp}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str, disallow: Iterable[str] = ()) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Allow: /"]
    lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
