"""A small archive written to provoke the site: markup in titles and bodies, homophone columns
and unknown districts, a column long enough to paginate. Built with the real settings."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
import pytest

HOSTILE_TITLE = "<script>alert(1)</script>标题 & ]]> \"双\" '单'"
HOSTILE_KICKER = "引题</script><!-- ]]> &amp; 'x'"
HOSTILE_SUBTITLE = '"><img src=x onerror=alert(2)>副题'
HOSTILE_SUMMARY = '</script><script>alert(3)</script>摘要 ]]> & "q"'
HOSTILE_AUTHORS = ("王<b>五</b>", "李&\"四'")
HOSTILE_PHOTOGRAPHERS = ("摄影</script>", "赵]]>&lt;六")
HOSTILE_CAPTION = "图说<img src=x onerror=alert(8)> ]]> & \"引\" '号'"
# A header field with a control character is an error (bulletin/validate.py); a body may carry
# one pasted from a word processor, and XML 1.0 (the feeds) cannot.
HOSTILE_BODY = f"""第一段<script>alert(4)</script>正文。
<img src=x onerror=alert(5)>

[点我](javascript:alert(6))

<div onclick="alert(7)">块</div>

控制\x01字符\x0b与\x7f删除 ]]> &amp; </script>

::: figure
{HOSTILE_CAPTION}
:::
"""
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# Every hostile string that is printed whole on the story's page (the summary is in its <meta>).
HOSTILE_TEXTS = (
    HOSTILE_TITLE,
    HOSTILE_KICKER,
    HOSTILE_SUBTITLE,
    *HOSTILE_AUTHORS,
    *HOSTILE_PHOTOGRAPHERS,
    HOSTILE_CAPTION,
)


def _story(number: int, title: str, category: str, tags: str = "", extra: str = "", body=""):
    return (
        f"Title: {title}\n{extra}Date: 2024-03-0{number}\nCategory: {category}\n"
        + (f"Tags: {tags}\n" if tags else "")
        + f"Slug: zz-test-0{number}\nOrder: {number}\nIssue: zz-test\nIssue_date: 2024-03-09\n\n"
        + (body or f"第{number}篇报道的正文。\n")
    )


@pytest.fixture(scope="module")
def provoked(tmp_path_factory, kit):
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(kit.ROOT / "content" / "pages", content / "pages")
    folder = content / "articles" / "zz-test"
    folder.mkdir(parents=True)
    stories = [
        _story(
            1,
            HOSTILE_TITLE,
            "渝工港湾",
            "渝北区, 某某区",
            f"Kicker: {HOSTILE_KICKER}\nSubtitle: {HOSTILE_SUBTITLE}\nSummary: {HOSTILE_SUMMARY}\n"
            f"Authors: {', '.join(HOSTILE_AUTHORS)}\n"
            f"Photographers: {', '.join(HOSTILE_PHOTOGRAPHERS)}\nPartners: <b>成都</b>\n",
            HOSTILE_BODY,
        ),
        _story(2, "工会之窗报道", "工会之窗"),
        _story(3, "公会之窗报道", "公会之窗"),
        *[_story(n, f"港湾报道{n}", "渝工港湾") for n in (4, 5, 6, 7)],
    ]
    for index, text in enumerate(stories, 1):
        (folder / f"zz-test-0{index}.md").write_text(text, encoding="utf-8")
    output = kit.build(
        tmp_path_factory.mktemp("provoked") / "output",
        PATH=str(content),
        PAGINATED_TEMPLATES={"category": 2, "tag": 2, "partner": 2},
        SEARCH_INDEX_URL="search/zh/",
        ISSUES_INDEX_YEARS=0,
        EDITIONS=[
            {"code": "zh-hans", "hreflang": "zh-Hans", "path": "", "name": "简体"},
            {
                "code": "zh-hant",
                "hreflang": "zh-Hant",
                "path": "zh-hant/",
                "name": "繁體",
                "opencc": "s2tw",
            },
        ],
    )
    return kit.Site(output)


def _all_html(site):
    for path in site.html_files(edition=None):  # the Traditional edition's pages too
        yield path, (site.root / path).read_text(encoding="utf-8")


def test_markup_in_titles_and_bodies_stays_text(provoked, kit):
    for path, html in _all_html(provoked):
        scripts = re.findall(r"<script\b[^>]*>", html)
        if not path.endswith("search.html"):  # the search engine's page, tested below
            assert all('type="application/ld+json"' in tag for tag in scripts), path
        assert "<img" not in html, path
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html), path
        assert not re.search(r"""(?:href|src|action)=["']?\s*javascript:""", html, re.I), path
    article = kit.read_page(provoked.root, "articles/zz-test-01.html")
    assert article.h1 == HOSTILE_TITLE
    assert "alert(4)" in article.text and "<script>alert(4)</script>" in article.text
    assert HOSTILE_SUBTITLE in article.text
    html = (provoked.root / "articles/zz-test-01.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in html


class _Parsed(HTMLParser):
    """A page as an HTML parser reads it: its elements with their attributes, the bodies of its
    <script> elements (which only `</script` ends) and the text a reader sees."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.seen: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("head", "title", "script", "style"):
            self._open.append(tag)
            if tag == "script":
                self.scripts.append((self.elements[-1][1], ""))

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if self._open and self._open[-1] == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif not self._open:
            self.seen.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.seen).split())

    def meta(self, key: str) -> str:
        return next(a["content"] for t, a in self.elements if t == "meta" and key in a.values())


# Script types a browser never runs: data for search engines and for the search page.
DATA_SCRIPTS = {"application/ld+json", "application/json"}


def test_an_html_parser_reads_hostile_text_as_text_on_every_page(provoked):
    for path, html in _all_html(provoked):
        page = _Parsed(html)
        tags = {tag for tag, _attrs in page.elements}
        assert not tags & {"img", "iframe", "object", "embed", "style"}, path
        for tag, attrs in page.elements:
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            assert "style" not in attrs, (path, tag, attrs)  # the stylesheet alone styles pages
        for attrs, body in page.scripts:
            if attrs.get("type") in DATA_SCRIPTS:
                json.loads(body)  # a block a headline had closed early would not be JSON
            else:
                assert attrs.get("src", "").startswith("./search/") and not body, (path, attrs)
    article = _Parsed((provoked.root / "articles/zz-test-01.html").read_text(encoding="utf-8"))
    for text in HOSTILE_TEXTS:
        assert text in article.text, text
    assert article.meta("og:title") == HOSTILE_TITLE
    assert article.meta("description") == article.meta("og:description") == HOSTILE_SUMMARY
    home = _Parsed((provoked.root / "index.html").read_text(encoding="utf-8"))
    for text in (HOSTILE_KICKER, HOSTILE_TITLE, HOSTILE_SUBTITLE, HOSTILE_SUMMARY):
        assert text in home.text, text
    hant = _Parsed((provoked.root / "zh-hant/articles/zz-test-01.html").read_text("utf-8"))
    assert "<script>alert(1)</script>" in hant.text and "<img src=x onerror=alert(8)>" in hant.text


def _policy(page: _Parsed) -> dict[str, list[str]]:
    """The page's Content-Security-Policy, directive -> sources; it must come before anything
    it governs (a <meta> policy applies only to what follows it)."""
    tags = [tag for tag, _attrs in page.elements]
    metas = [
        (index, attrs["content"])
        for index, (tag, attrs) in enumerate(page.elements)
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"
    ]
    ((index, content),) = metas
    assert not {"link", "script", "style"} & set(tags[:index])
    directives = [part.split() for part in content.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def test_every_page_allows_only_the_sites_own_scripts_and_styles(provoked):
    policies = {path: _policy(_Parsed(html)) for path, html in _all_html(provoked)}
    assert {"404.html", "search.html", "overview.html", "zh-hant/404.html"} <= set(policies)
    for path, policy in policies.items():
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path  # no inline script, no eval
        assert policy["style-src"] == ["'self'"], path  # no style attribute, no <style>
        assert policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"], path


def test_json_ld_cannot_be_closed_by_a_title(provoked):
    html = (provoked.root / "articles/zz-test-01.html").read_text(encoding="utf-8")
    ((attrs, body),) = _Parsed(html).scripts
    assert attrs == {"type": "application/ld+json"}
    data = json.loads(body)
    assert data["headline"] == HOSTILE_TITLE
    assert data["alternativeHeadline"] == f"{HOSTILE_KICKER} {HOSTILE_SUBTITLE}"
    assert data["description"] == HOSTILE_SUMMARY
    assert [person["name"] for person in data["author"]] == list(HOSTILE_AUTHORS)
    assert "</" not in body and "<" not in body


def _atom(path):
    return ElementTree.parse(path).getroot()  # raises on anything that is not well-formed XML


def test_feeds_carry_hostile_text_as_text(provoked):
    feeds = sorted(provoked.root.glob("**/*.atom.xml"))
    assert len(feeds) > 10  # every feed, both editions, columns and districts
    for path in feeds:
        _atom(path)
    parsed = feedparser.parse((provoked.root / "feeds/all.atom.xml").read_bytes())
    assert not parsed.bozo
    titles = {entry.title for entry in parsed.entries}
    headline = f"{HOSTILE_KICKER} {HOSTILE_TITLE}——{HOSTILE_SUBTITLE}"  # the whole, as text
    assert headline in titles
    entry = next(
        e
        for e in _atom(provoked.root / "feeds/all.atom.xml").findall(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href").endswith("/articles/zz-test-01.html")
    )
    assert entry.findtext(f"{ATOM}title") == headline
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == HOSTILE_AUTHORS[0]
    # summary and content are HTML carried as text: one parse for the XML, one for the HTML
    assert _Parsed(entry.findtext(f"{ATOM}summary")).text == HOSTILE_SUMMARY
    content = _Parsed(entry.findtext(f"{ATOM}content"))
    assert HOSTILE_CAPTION in content.text and "]]> & </script>" in content.text
    assert {tag for tag, _attrs in content.elements} <= {"p", "figure", "figcaption"}


def test_the_sitemap_is_well_formed_and_lists_the_story(provoked):
    urlset = _atom(provoked.root / "sitemap.xml")
    locations = [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    assert "https://bulletin.example.org/articles/zz-test-01.html" in locations
    assert all(re.fullmatch(r"https://bulletin\.example\.org/[a-z0-9/._-]*", u) for u in locations)


def test_search_records_hold_hostile_text_as_json_strings(provoked):
    records = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(provoked.root.glob("**/search/*/d/*.json"))
    ]
    (story,) = [
        r for r in records if r["url"] == "articles/zz-test-01.html" and r["title"] == HOSTILE_TITLE
    ]
    assert story["subtitle"] == f"{HOSTILE_KICKER} {HOSTILE_SUBTITLE}"
    assert HOSTILE_CAPTION in story["text"] and "<script>alert(4)</script>" in story["text"]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", story["text"])
    assert len([r for r in records if r["id"] == "zz-test-01"]) == 2  # one per edition


def test_homophone_columns_and_unknown_districts_get_distinct_ascii_urls(provoked):
    files = set(provoked.html_files())
    columns = sorted(p for p in files if p.startswith("columns/") and p != "columns/index.html")
    gongs = [p for p in columns if p.startswith("columns/gong-hui-zhi-chuang")]
    assert len(gongs) == 2, columns
    assert all(re.fullmatch(r"[a-z0-9/._-]+", p) for p in files)
    unknown = [p for p in files if p.startswith("districts/mou-mou-qu")]
    assert unknown, "an unknown district still gets a page"
    assert "districts/yubei.html" in files


def test_long_lists_are_paginated_from_the_oldest(provoked, kit):
    # 渝工港湾 has five stories; two per page: the column's own page holds the newest three,
    # page 1 the oldest two (pages count from the oldest, so they never shift).
    first = kit.read_page(provoked.root, "columns/yugong-gangwan.html")
    oldest = kit.read_page(provoked.root, "columns/yugong-gangwan-1.html")
    assert not (provoked.root / "columns/yugong-gangwan-2.html").exists()

    def rel(page):
        return {
            name: [provoked.resolve(page.path, h) for h in page.anchors_rel(name)]
            for name in ("prev", "next")
        }

    def stories(page):
        return {provoked.resolve(page.path, h) for h in page.hrefs() if "articles/" in h}

    stem = "columns/yugong-gangwan"
    assert rel(first) == {"prev": [], "next": [f"{stem}-1.html"]}
    assert rel(oldest) == {"prev": [f"{stem}.html"], "next": []}
    assert len(stories(first)) == 3 and len(stories(oldest)) == 2
    assert stories(first) | stories(oldest) == {
        f"articles/zz-test-0{n}.html" for n in (1, 4, 5, 6, 7)
    }
    assert first.link_rel("canonical") != oldest.link_rel("canonical")
    assert "篇" in first.first_meta("description")  # the newest page counts the column
    assert "至" in oldest.title  # an older page names the dates it covers


def test_search_page_carries_the_engine_contract_when_an_index_is_configured(provoked, kit):
    html = (provoked.root / "search.html").read_text(encoding="utf-8")
    for marker in (
        '<div id="search-app"',
        'data-index="./search/zh/"',
        'id="search-input" name="q"',
        'id="search-column"',
        'id="search-district"',
        'id="search-year"',
        'id="search-status"',
        'id="search-results"',
        'id="search-more"',
        '<script src="./search/lunr.min.js" defer>',
        '<script type="module" src="./search/search-page.js">',
    ):
        assert marker in html, marker
    assert re.search(r"<div id=\"search-app\"[^>]*\shidden>", html)
    noscript = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert "JavaScript" in noscript and "columns/" in noscript and "districts/" in noscript
    strings = re.search(r'<script type="application/json" id="search-strings">(.*?)</script>', html)
    assert set(json.loads(strings.group(1))) == {"count", "none", "prompt", "loading", "error"}


def test_every_page_names_its_twin_in_each_edition(provoked, kit):
    base = "https://bulletin.example.org/"
    for path, twin_relative in (
        ("articles/zz-test-01.html", "../zh-hant/articles/zz-test-01.html"),
        ("index.html", "./zh-hant/"),
        ("columns/index.html", "../zh-hant/columns/"),
    ):
        html = (provoked.root / path).read_text(encoding="utf-8")
        public = path.removesuffix("index.html")
        assert f'<link rel="alternate" hreflang="zh-Hans" href="{base}{public}">' in html
        assert f'<link rel="alternate" hreflang="zh-Hant" href="{base}zh-hant/{public}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{base}{public}">' in html
        assert f'<a href="{twin_relative}" hreflang="zh-Hant" lang="zh-Hant">繁體</a>' in html
        assert '<span aria-current="true" lang="zh-Hans">简体</span>' in html
    # The 404 page is served at any depth: its switch starts from the site's root.
    assert 'href="/zh-hant/404.html"' in (provoked.root / "404.html").read_text(encoding="utf-8")


def test_issue_index_hands_older_years_to_their_year_pages(provoked, kit):
    page = kit.read_page(provoked.root, "issues/index.html")
    targets = {provoked.resolve(page.path, h) for h in page.hrefs()}
    assert "issues/zz-test.html" not in targets
    assert "archives/2024.html" in targets
    year = kit.read_page(provoked.root, "archives/2024.html")
    assert "issues/zz-test.html" in {provoked.resolve(year.path, h) for h in year.hrefs()}
