"""What feed readers, search engines and link previews read; and what the site loads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import feedparser

from bulletin.site.slugs import column_slug, district_slug

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_FOR_SEARCH_ENGINES = {"404.html", "search.html"}


def _public(path: str) -> str:
    path = "" if path == "index.html" else re.sub(r"(^|/)index\.html$", r"\1", path)
    return f"https://bulletin.example.org/{path}"


def test_feeds_parse_for_the_archive_each_column_and_each_district(site, stories):
    feeds = {"feeds/all.atom.xml": len(stories)}
    for column in {s.meta["category"] for s in stories}:
        feeds[f"feeds/columns/{column_slug(column)}.atom.xml"] = sum(
            s.meta["category"] == column for s in stories
        )
    for district in {d for s in stories for d in s.districts}:
        feeds[f"feeds/districts/{district_slug(district)}.atom.xml"] = sum(
            district in s.districts for s in stories
        )
    urls = {_public(s.url) for s in stories}
    for path, count in feeds.items():
        parsed = feedparser.parse((site.root / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert len(parsed.entries) == min(count, 20), path
        for entry in parsed.entries:
            assert entry.link in urls
            assert entry.title


def test_sitemap_lists_every_page_and_robots_points_to_it(site):
    tree = ET.parse(site.root / "sitemap.xml")
    listed = {loc.text for loc in tree.iter(f"{SITEMAP_NS}loc")}
    pages = {
        _public(p)
        for p in site.html_files(edition=None)  # every edition's pages, in one sitemap
        if p.rsplit("/", 1)[-1] not in NOT_FOR_SEARCH_ENGINES
    }
    assert listed == pages
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://bulletin.example.org/sitemap.xml" in robots
    assert "User-agent: *" in robots


def test_every_page_has_its_canonical_url_and_open_graph(site):
    for path in site.html_files():
        if path == "404.html":
            continue
        page = site.page(path)
        assert page.link_rel("canonical") == [_public(path)], path
        assert page.first_meta("og:url") == _public(path)
        assert page.first_meta("og:title")
        assert page.first_meta("og:site_name") == "渝工周报"
        assert page.first_meta("description"), path


def test_articles_carry_news_article_json_ld(site, stories):
    for story in stories:
        page = site.page(story.url)
        assert page.first_meta("og:type") == "article"
        (data,) = page.json_ld()
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == story.meta["title"][:110]
        assert data["datePublished"] == story.meta["date"]
        assert data["url"] == _public(story.url)
        assert data["articleSection"] == story.meta["category"]
        assert data["inLanguage"] == "zh-Hans"
        assert data["publisher"]["name"]
        assert data["isPartOf"]["url"] == _public(f"issues/{story.meta['issue']}.html")
        named = [a.strip() for a in story.meta.get("authors", "").split(",") if a.strip()]
        if named:
            assert [a["name"] for a in data["author"]] == named
        else:
            assert data["author"] == {"@type": "Organization", "name": "重庆市总工会"}


def test_nothing_is_loaded_from_another_host(site):
    asset_rels = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
    for path in site.html_files():
        page = site.page(path)
        for tag, attrs in page.links:
            if tag == "link" and not asset_rels & set(attrs.get("rel", "").split()):
                continue  # canonical, alternate: addresses, not downloads
            for key in ("src", "href", "srcset", "action"):
                url = attrs.get(key, "")
                assert not re.match(r"^(?:[a-z]+:)?//", url, re.I), (path, tag, url)
        html = (site.root / path).read_text(encoding="utf-8")
        assert "@import" not in html and "url(http" not in html
    css = (site.root / "theme/css/site.css").read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)
    assert "@import" not in css and "@font-face" not in css


# Search is the one page that needs JavaScript (its no-script text and links are checked in
# tests/search/test_site_search.py); every other page loads data for machines only.
SEARCH_PAGES = ("search.html", "zh-hant/search.html")


def test_pages_work_without_javascript(site):
    for path in site.html_files():
        page = site.page(path)
        for attrs, _body in page.scripts:
            if path.endswith(SEARCH_PAGES) and (
                attrs.get("src", "").lstrip("./").startswith("search/")
                or attrs.get("id") == "search-strings"  # the page's words, as JSON data
            ):
                continue
            assert attrs.get("type") == "application/ld+json", path


def test_accessibility_landmarks_skip_link_and_language(site):
    for path in site.html_files():
        page = site.page(path)
        html = (site.root / path).read_text(encoding="utf-8")
        assert page.lang == "zh-Hans"
        assert '<a class="skip" href="#main">' in html and 'id="main"' in html
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in html, (path, landmark)
        assert html.count("<h1") == 1, path


def test_favicon(site):
    ico = (site.root / "favicon.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and b"PNG" in ico[:64]
    assert (site.root / "theme" / "favicon.svg").exists()


def test_html_elements_are_closed_in_order(site):
    from html.parser import HTMLParser

    void = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    void |= {"source", "track", "wbr"}

    class Balance(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag:
                self.errors.append((tag, list(self.stack[-3:])))
            else:
                self.stack.pop()

    for path in site.html_files():
        checker = Balance()
        checker.feed((site.root / path).read_text(encoding="utf-8"))
        assert not checker.errors and not checker.stack, (path, checker.errors[:3])
