"""sitemap.xml and robots.txt for the written site, every edition in one sitemap.

sitemaps.org allows at most 50,000 URLs and 50 MB (uncompressed) in one sitemap file; twenty years
of bulletins in two editions pass the number of URLs (BENCHMARKS.md). A site that does is listed in
sitemap-1.xml, sitemap-2.xml ... and sitemap.xml becomes their index, so robots.txt and search
engines keep one address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

from .seo import page_url

XHTML = "http://www.w3.org/1999/xhtml"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1000 * 1000
INDEX = "sitemap.xml"
_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAPS}" xmlns:xhtml="{XHTML}">\n'
)
_TAIL = "</urlset>\n"

# (absolute URL, lastmod date or '') or (URL, lastmod, ((hreflang, URL) ...)) for alternates.
Entry = tuple[str, str] | tuple[str, str, tuple[tuple[str, str], ...]]


def sitemap_xml(entries: Iterable[Entry]) -> str:
    """Entries written in URL order so builds are identical; alternates as xhtml:link."""
    return _urlset(_url_lines(entries))


def sitemap_files(
    entries: Iterable[Entry],
    site_url: str,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
) -> dict[str, str]:
    """{file name at the site's root: text}: sitemap.xml alone while the entries fit in one
    file, else sitemap.xml indexing sitemap-1.xml, sitemap-2.xml ... (in URL order)."""
    lines = _url_lines(entries)
    room = max_bytes - len((_HEAD + _TAIL).encode("utf-8"))
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        length = len(line.encode("utf-8"))
        if chunks[-1] and (len(chunks[-1]) >= max_urls or size + length > room):
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += length
    if len(chunks) == 1:
        return {INDEX: _urlset(chunks[0])}
    files = {f"sitemap-{n}.xml": _urlset(chunk) for n, chunk in enumerate(chunks, 1)}
    index = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAPS}">\n']
    index += [
        f"<sitemap><loc>{escape(page_url(site_url, name))}</loc></sitemap>\n" for name in files
    ]
    return {INDEX: "".join(index) + "</sitemapindex>\n", **files}


def _urlset(lines: list[str]) -> str:
    return _HEAD + "".join(lines) + _TAIL


def _url_lines(entries: Iterable[Entry]) -> list[str]:
    # Each URL is also an alternate of its twins': escaped once (sitemaps of 50,000 URLs).
    attribute: dict[str, str] = {}

    def quoted(value: str) -> str:
        found = attribute.get(value)
        if found is None:
            found = attribute[value] = quoteattr(value)
        return found

    lines = []
    for loc, lastmod, *rest in sorted(set(entries)):
        stamp = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoted(lang)} href={quoted(href)}/>'
            for lang, href in (rest[0] if rest else ())
        )
        lines.append(f"<url><loc>{escape(loc)}</loc>{stamp}{links}</url>\n")
    return lines


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
