"""A small archive written to provoke the site: markup in titles and bodies, homophone columns
and unknown districts, a column long enough to paginate. Built with the real settings."""

from __future__ import annotations

import json
import re
import shutil

import feedparser
import pytest

HOSTILE_TITLE = "<script>alert(1)</script>标题"
HOSTILE_SUBTITLE = '"><img src=x onerror=alert(2)>副题'
HOSTILE_SUMMARY = "</script><script>alert(3)</script>摘要"
HOSTILE_BODY = """第一段<script>alert(4)</script>正文。
<img src=x onerror=alert(5)>

[点我](javascript:alert(6))

<div onclick="alert(7)">块</div>
"""


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
            f"Subtitle: {HOSTILE_SUBTITLE}\nSummary: {HOSTILE_SUMMARY}\nPartners: <b>成都</b>\n",
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


def test_json_ld_cannot_be_closed_by_a_title(provoked):
    html = (provoked.root / "articles/zz-test-01.html").read_text(encoding="utf-8")
    (body,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(body)
    assert data["headline"] == HOSTILE_TITLE
    assert "</" not in body and "<" not in body


def test_feeds_carry_hostile_titles_as_text(provoked):
    parsed = feedparser.parse((provoked.root / "feeds/all.atom.xml").read_bytes())
    assert not parsed.bozo
    titles = {entry.title for entry in parsed.entries}
    assert f"{HOSTILE_TITLE}——{HOSTILE_SUBTITLE}" in titles  # the whole headline, as text


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
