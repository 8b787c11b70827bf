"""Every edition is a whole site, and every page knows its twins: crawl, hreflang, the switch,
canonical URLs, the sitemap's alternates and the feeds, per edition."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import deque

import feedparser
import pytest

SEED_EDITIONS = {"": "zh-Hans", "zh-hant/": "zh-Hant"}
THREE_EDITIONS = {"": "zh-Hans", "zh-hant/": "zh-Hant", "zh-hant-hk/": "zh-Hant-HK"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NOT_IN_SITEMAP = ("404.html", "search.html")


def _public(public: str, path: str) -> str:
    folder = re.sub(r"(^|/)index\.html$", r"\1", path)
    return f"{public}/{folder}"


def _edition_of(path: str, editions: dict[str, str]) -> str:
    return max((prefix for prefix in editions if path.startswith(prefix)), key=len)


def _crawl(site, home: str):
    """Breadth-first from an edition's home, staying in that edition: clicks to each page."""
    prefix = home.removesuffix("index.html")
    depth, broken, queue = {home: 0}, [], deque([home])
    while queue:
        path = queue.popleft()
        for tag, attrs in site.page(path).links:
            for key in ("href", "src", "action"):
                if key not in attrs:
                    continue
                address = attrs[key].split("#", 1)[0]
                target = site.resolve(path, address) if address else path
                if target is None:
                    continue
                if not (site.root / target).is_file():
                    broken.append((path, attrs[key]))
                elif (
                    tag in ("a", "form")
                    and target.endswith(".html")
                    and target not in depth
                    and _edition_of(target, SEED_EDITIONS) == prefix
                ):
                    depth[target] = depth[path] + 1
                    queue.append(target)
    return depth, broken


@pytest.mark.parametrize("prefix", list(SEED_EDITIONS))
def test_each_edition_passes_the_crawl(editions_site, stories, prefix):
    depth, broken = _crawl(editions_site, f"{prefix}index.html")
    assert not broken
    far = {s.url for s in stories if depth.get(f"{prefix}{s.url}", 99) > 3}
    assert not far, "every story within three clicks of the edition's home"
    unreachable = set(editions_site.html_files(prefix)) - set(depth) - {f"{prefix}404.html"}
    assert not unreachable
    for path in editions_site.html_files(prefix):  # pages the crawl did not need
        for _tag, attrs in editions_site.page(path).links:
            href = attrs.get("href", "").split("#", 1)[0]
            target = editions_site.resolve(path, href) if href else None
            assert target is None or (editions_site.root / target).is_file(), (path, href)


@pytest.mark.parametrize(
    ("fixture", "editions"),
    [
        ("editions_site", SEED_EDITIONS),
        ("three_editions", THREE_EDITIONS),
        ("seed_with_hong_kong", THREE_EDITIONS),
    ],
)
def test_hreflang_is_complete_reciprocal_and_every_page_is_self_canonical(
    request, public, fixture, editions
):
    site = request.getfixturevalue(fixture)
    for path in site.html_files(edition=None):
        here = _edition_of(path, editions)
        page = site.page(path)
        inside = path.removeprefix(here)
        assert page.lang == editions[here], path
        alternates = {
            attrs["hreflang"]: attrs["href"]
            for tag, attrs in page.links
            if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs
        }
        expected = {lang: _public(public, f"{p}{inside}") for p, lang in editions.items()}
        expected["x-default"] = _public(public, inside)
        assert alternates == expected, path
        if not inside.endswith("404.html"):
            assert page.link_rel("canonical") == [_public(public, path)], path
        # Reciprocal: each twin names this page back under this page's language.
        for prefix in editions:
            twin = site.page(f"{prefix}{inside}")
            back = [
                a["href"]
                for t, a in twin.links
                if t == "link" and a.get("hreflang") == editions[here]
            ]
            assert back == [_public(public, path)], (path, prefix)


@pytest.mark.parametrize(
    ("fixture", "editions"),
    [
        ("editions_site", SEED_EDITIONS),
        ("three_editions", THREE_EDITIONS),
        ("seed_with_hong_kong", THREE_EDITIONS),
    ],
)
def test_the_switch_lands_on_the_same_page_in_each_other_edition(request, fixture, editions):
    site = request.getfixturevalue(fixture)
    for path in site.html_files(edition=None):
        here = _edition_of(path, editions)
        inside = path.removeprefix(here)
        html = (site.root / path).read_text(encoding="utf-8")
        switch = html.split('<nav class="editions"', 1)[1].split("</nav>", 1)[0]
        links = dict(
            (lang, href)
            for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switch)
        )
        assert set(links) == {lang for p, lang in editions.items() if p != here}, path
        assert f'<span aria-current="true" lang="{editions[here]}">' in switch
        for prefix, lang in editions.items():
            if prefix == here:
                continue
            if inside.endswith("404.html"):  # served at any depth: starts from the root
                assert links[lang] == f"/{prefix}404.html"
            else:
                assert site.resolve(path, links[lang]) == f"{prefix}{inside}", (path, lang)


def test_the_sitemap_lists_every_page_of_every_edition_with_its_twins(three_editions, public):
    tree = ET.parse(three_editions.root / "sitemap.xml")
    urls = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in tree.iter(f"{SITEMAP}url")
    }
    pages = [p for p in three_editions.html_files(edition=None) if not p.endswith(NOT_IN_SITEMAP)]
    assert set(urls) == {_public(public, p) for p in pages}
    for path in pages:
        here = _edition_of(path, THREE_EDITIONS)
        inside = path.removeprefix(here)
        expected = {lang: _public(public, f"{p}{inside}") for p, lang in THREE_EDITIONS.items()}
        expected["x-default"] = _public(public, inside)
        assert urls[_public(public, path)] == expected, path
    for prefix in ("zh-hant/", "zh-hant-hk/"):
        assert not (three_editions.root / prefix / "sitemap.xml").exists()
    robots = (three_editions.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {public}/sitemap.xml" in robots


@pytest.mark.parametrize("prefix", list(SEED_EDITIONS))
def test_feeds_parse_per_edition_with_the_editions_titles_and_links(
    editions_site, stories, public, prefix
):
    feeds = sorted((editions_site.root / prefix / "feeds").rglob("*.atom.xml"))
    assert len(feeds) > 10
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed
        self_link = [link.href for link in parsed.feed.links if link.rel == "self"]
        relative = feed.relative_to(editions_site.root).as_posix()
        assert self_link == [f"{public}/{relative}"]
        for entry in parsed.entries:
            assert entry.link.startswith(f"{public}/{prefix}articles/"), entry.link
    latest = feedparser.parse((editions_site.root / prefix / "feeds/all.atom.xml").read_bytes())
    by_url = {f"{public}/{prefix}{s.url}": s for s in stories}
    for entry in latest.entries:
        page = editions_site.page(f"{prefix}{by_url[entry.link].url}")
        # the whole headline: the title the page shows, then its subtitle (no seed has a kicker)
        assert entry.title == page.h1 or entry.title.startswith(f"{page.h1}——"), entry.title
    assert latest.feed.title == ("渝工週報" if prefix else "渝工周报")
