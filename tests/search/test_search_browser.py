"""The search page in a real browser (Debian's Chromium through Playwright), served by nginx.

The page is the markup contract of bulletin/search/README.md around the seed archive's index,
in both editions: typing shows results with the match marked, Traditional finds Simplified,
filters narrow, ?q= is kept and the back button restores the earlier search, the keyboard
reaches the results, and reader text never becomes markup.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bulletin.search import build_search

pytest_plugins = ["tests.browser"]  # the browser fixtures

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>search</title>
</head>
<body><main>
<noscript><p>needs JavaScript</p></noscript>
<div id="search-app" data-index="/search/{edition}/" hidden>
  <form id="search-form" role="search" action="" method="get">
    <label for="search-input">q</label><input id="search-input" name="q" type="search">
    <select id="search-column" name="column"><option value="">all</option></select>
    <select id="search-district" name="district"><option value="">all</option></select>
    <select id="search-year" name="year"><option value="">all</option></select>
    <button type="submit">go</button>
  </form>
  <p id="search-status" role="status" aria-live="polite"></p>
  <ol id="search-results"></ol>
  <button id="search-more" type="button" hidden>more</button>
</div>
<script type="application/json" id="search-strings">{strings}</script>
<script src="/search/lunr.min.js" defer></script>
<script type="module" src="/search/search-page.js"></script>
</main></body></html>
"""
STRINGS = {"zh": {"count": "找到 {count} 篇"}, "zh-hant": {"count": "找到 {count} 篇"}}


def _serving():
    spec = importlib.util.spec_from_file_location("search_serving", ROOT / "tests" / "serving.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory, seed_editions, node):
    root = tmp_path_factory.mktemp("search-site")
    build_search(seed_editions, root / "search")
    for edition, lang, path in (
        ("zh", "zh-Hans", "search.html"),
        ("zh-hant", "zh-Hant", "zh-hant/search.html"),
    ):
        page = root / path
        page.parent.mkdir(parents=True, exist_ok=True)
        strings = json.dumps(STRINGS[edition], ensure_ascii=False)
        page.write_text(PAGE.format(lang=lang, edition=edition, strings=strings), encoding="utf-8")
    with _serving().nginx_serving(root) as base_url:
        yield base_url


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    yield page
    page.close()
    assert errors == []


def _titles(page) -> list[str]:
    return page.locator("#search-results .search-result h3 a").all_inner_texts()


@pytest.mark.parametrize(
    ("path", "query"), [("search.html", "沙磁良緣"), ("zh-hant/search.html", "沙磁良缘")]
)
def test_typing_finds_across_scripts_and_marks_the_match(site, page, path, query):
    page.goto(f"{site}/{path}")
    page.locator("#search-input").press_sequentially(query, delay=30)
    expect(page.locator("#search-status")).to_have_text("找到 1 篇")
    result = page.locator("#search-results .search-result").first
    expect(result.locator("h3 a")).to_contain_text("沙磁良")
    marks = result.locator(".search-snippet mark, h3 mark").all_inner_texts()
    assert any(mark in ("沙磁良缘", "沙磁良緣") for mark in marks), marks
    expect(result.locator(".search-meta time")).to_have_attribute("datetime", "2024-09-23")
    assert f"q={query}" in page.evaluate("decodeURIComponent(location.search)")


def test_filters_back_button_and_shared_url(site, page):
    page.goto(f"{site}/search.html?q=工会驿站")
    expect(page.locator("#search-status")).to_have_text("找到 6 篇")
    expect(page.locator("#search-results .search-result")).to_have_count(6)
    page.locator("#search-year").select_option("2023")
    expect(page.locator("#search-status")).to_have_text("找到 1 篇")
    assert "year=2023" in page.url
    page.go_back()
    expect(page.locator("#search-status")).to_have_text("找到 6 篇")
    expect(page.locator("#search-year")).to_have_value("")
    page.locator("#search-district").select_option("江北区")
    expect(page.locator("#search-status")).to_have_text("找到 1 篇")
    page.locator("#search-district").select_option("")
    page.locator("#search-column").select_option("渝工港湾")
    expect(page.locator("#search-status")).to_have_text("找到 2 篇")
    # The filtered search is a URL a reader can share.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    expect(page.locator("#search-status")).to_have_text("找到 2 篇")
    expect(page.locator("#search-column")).to_have_value("渝工港湾")


def test_keyboard_reaches_the_results(site, page):
    page.goto(f"{site}/search.html?q=工匠 学院")
    expect(page.locator("#search-status")).to_have_text("找到 4 篇")
    # Results appear one by one after the count: wait for all of them before using the keys.
    expect(page.locator("#search-results .search-result")).to_have_count(4)
    page.locator("#search-input").focus()
    page.keyboard.press("ArrowDown")
    first = page.locator("#search-results .search-result h3 a").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#search-results .search-result h3 a").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#search-input")).to_be_focused()
    page.keyboard.type("x")  # still typing in the box


def test_more_results_come_a_page_at_a_time(site, page):
    page.goto(f"{site}/search.html?q=工会")
    results = page.locator("#search-results .search-result")
    expect(results).to_have_count(10)
    total = int(page.locator("#search-status").inner_text().split()[1])
    assert total > 10
    page.locator("#search-more").click()
    expect(results).to_have_count(min(total, 20))
    expect(page.locator("#search-results .search-result h3 a").nth(10)).to_be_focused()


def test_reader_text_stays_text(site, page):
    hostile = '<img src=x onerror="window.pwned=1">北碚'
    page.goto(f"{site}/search.html")
    page.locator("#search-input").fill(hostile)
    page.locator("#search-input").press("Enter")
    expect(page.locator("#search-status")).to_contain_text("北碚")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#search-app img").count() == 0


def test_without_javascript_the_page_says_so(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/search.html")
    expect(page.locator("#search-app")).to_be_hidden()
    assert "needs JavaScript" in page.content()
    context.close()
