"""The search engine on the real site: the seed archive built with the real pelicanconf.py (so
with site_search, in both editions, each by its own Pelican run), served by nginx, searched
in Debian's Chromium.

In the Simplified edition at / and the Traditional one at /zh-hant/: typed queries (either
script) put the expected story first with the match marked, the count, filters, ?q= and the back
button work, titles are the edition's own, and results link to that edition's pages. Without
JavaScript the page says so and links the column and district indexes. Nothing is requested
from another host.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import tomllib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

pytest_plugins = ["tests.browser"]  # the browser fixtures

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelicanconf.py"
TRADITIONAL = "zh-hant/"
# Edition folder -> its theme word table.
EDITIONS = {"": "zh-hans", TRADITIONAL: "zh-hant"}
# (query, the story that must come first): a name, a place, programmes, Traditional queries.
QUERIES = [
    ("陈大林", "002-c7f0b331121c66af-01"),
    ("北碚", "004-3a1c797ee19f5817-01"),
    ("工会驿站", "003-960ec6b5d8572fdb-03"),
    ("沙磁良缘", "003-960ec6b5d8572fdb-02"),
    ("沙磁良緣", "003-960ec6b5d8572fdb-02"),
    ("工會驛站", "003-960ec6b5d8572fdb-03"),
]
# Filters as each edition names them: (column, district) among the results for 工会驿站.
FILTERS = {"": ("渝工港湾", "江北区"), TRADITIONAL: ("渝工港灣", "江北區")}


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_site(output: Path) -> Path:
    """The committed archive through pelicanconf.py as it is (minus the ingest, which would
    rewrite content/), reports and caches kept out of the checkout."""
    import pelican
    from pelican.settings import read_settings

    base = read_settings(str(SETTINGS))
    settings = read_settings(
        str(SETTINGS),
        override={
            "OUTPUT_PATH": str(output),
            "PLUGINS": [p for p in base["PLUGINS"] if p != "bulletin_ingest"],
            "BULLETIN_REVIEW_PATH": str(output.parent / "review-{edition}.md"),
            "CACHE_PATH": str(output.parent / "cache"),
            "DELETE_OUTPUT_DIRECTORY": True,
            "SITE_PROGRESS": False,
        },
    )
    logging.getLogger("pelican").setLevel(logging.WARNING)
    pelican.Pelican(settings).run()
    return output


def words(folder: str) -> dict:
    table = ROOT / "theme" / "translations" / f"{EDITIONS[folder]}.toml"
    return tomllib.loads(table.read_text(encoding="utf-8"))


def count_pattern(folder: str) -> re.Pattern:
    return re.compile(re.escape(words(folder)["search"]["count"]).replace(r"\{count\}", r"(\d+)"))


def folded(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


@pytest.fixture(scope="module")
def site(tmp_path_factory, node) -> Path:  # `node`: lunr.js installed by `npm ci`
    return build_site(tmp_path_factory.mktemp("site-search") / "output")


@pytest.fixture(scope="module")
def served(site):
    with _module("site_search_serving", ROOT / "tests" / "serving.py").nginx_serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser_without_js(playwright):
    """A reader with scripts off. Playwright's java_script_enabled=False alone stops scripts but
    leaves <noscript> unrendered; Blink's own switch renders it, as such a browser does."""
    launcher = _module("site_search_browser", ROOT / "tests" / "browser.py")
    browser = playwright.chromium.launch(
        executable_path=launcher.CHROMIUM,
        args=[*launcher.ARGS, "--blink-settings=scriptEnabled=false"],
    )
    yield browser
    browser.close()


def _watched(context, served: str):
    """A page whose errors and requests are kept; checked when the test is done."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith((f"{served}/", "data:")) else errors.append(r.url),
    )
    return page, errors


@pytest.fixture
def page(browser, served):
    context = browser.new_context()
    page, errors = _watched(context, served)
    yield page
    context.close()
    assert errors == [], "errors, or requests to another host"


def output_path(served: str, url: str) -> str:
    """The file a result link leads to, relative to the site's root."""
    assert url.startswith(f"{served}/"), url
    return unquote(urlsplit(url).path).lstrip("/")


def article_title(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    (title,) = re.findall(r'<h1 id="story-title">(.*?)</h1>', html, re.S)
    return title.strip()


def results(page) -> list[tuple[str, str]]:
    """(link URL, title) of each result shown."""
    links = page.locator("#search-results .search-result h3 a")
    return [(link.evaluate("a => a.href"), link.inner_text()) for link in links.all()]


def shown_count(page, folder: str) -> int:
    status = page.locator("#search-status")
    expect(status).to_have_text(count_pattern(folder))
    return int(count_pattern(folder).fullmatch(status.inner_text()).group(1))


@pytest.mark.parametrize("folder", list(EDITIONS))
@pytest.mark.parametrize(("query", "slug"), QUERIES)
def test_typing_puts_the_story_first_in_each_edition(site, served, page, folder, query, slug):
    page.goto(f"{served}/{folder}search.html")
    page.locator("#search-input").press_sequentially(query, delay=20)
    count = shown_count(page, folder)
    expect(page.locator("#search-results .search-result")).to_have_count(min(count, 10))
    found = results(page)
    assert output_path(served, found[0][0]) == f"{folder}articles/{slug}.html", found
    first = page.locator("#search-results .search-result").first
    marks = first.locator("mark").all_inner_texts()
    assert folded(query) in {folded(mark) for mark in marks}, marks
    assert unquote(page.evaluate("location.search")) == f"?q={query}"
    for url, title in found:
        path = output_path(served, url)
        # The edition's own page, which exists, and the edition's own title for it.
        assert path.startswith(folder) and not path.startswith(f"{folder}{TRADITIONAL}"), path
        if not folder:
            assert not path.startswith(TRADITIONAL), path
        assert title == article_title(site, path)


def test_traditional_page_shows_traditional_titles(page, served):
    page.goto(f"{served}/{TRADITIONAL}search.html?q=沙磁良缘")
    expect(page.locator("#search-results h3 a").first).to_contain_text("沙磁良緣")
    expect(page.locator("#search-results .search-meta").first).to_contain_text("沙坪壩區")


@pytest.mark.parametrize("folder", list(EDITIONS))
def test_filters_narrow_and_the_back_button_restores(served, page, folder):
    column, district = FILTERS[folder]
    page.goto(f"{served}/{folder}search.html?q=工会驿站")
    everything = shown_count(page, folder)
    page.locator("#search-district").select_option(district)
    narrowed = shown_count(page, folder)
    assert 0 < narrowed < everything
    for meta in page.locator("#search-results .search-meta").all_inner_texts():
        assert district in meta
    assert f"district={district}" in unquote(page.url)
    page.go_back()
    assert shown_count(page, folder) == everything
    expect(page.locator("#search-district")).to_have_value("")
    page.locator("#search-column").select_option(column)
    assert 0 < shown_count(page, folder) < everything
    for meta in page.locator("#search-results .search-meta").all_inner_texts():
        assert column in meta


@pytest.mark.parametrize("folder", list(EDITIONS))
def test_back_and_forward_between_searches(served, page, folder):
    first_of = dict(QUERIES)
    box = page.locator("#search-input")
    page.goto(f"{served}/{folder}search.html")
    for query in ("北碚", "陈大林"):
        box.fill(query)
        # A reader who pauses before Enter: the typing update runs first. It must not
        # overwrite the entry of the search before (a race seen under load).
        page.wait_for_timeout(400)
        box.press("Enter")
        expect(page.locator("#search-results h3 a").first).to_have_attribute(
            "href", f"articles/{first_of[query]}.html"
        )
    page.go_back()
    expect(box).to_have_value("北碚")
    expect(page.locator("#search-results h3 a").first).to_have_attribute(
        "href", f"articles/{first_of['北碚']}.html"
    )
    page.go_forward()
    expect(box).to_have_value("陈大林")


@pytest.mark.parametrize("folder", list(EDITIONS))
def test_without_javascript_the_page_offers_the_indexes(site, served, browser_without_js, folder):
    context = browser_without_js.new_context(java_script_enabled=False)
    page, errors = _watched(context, served)
    page.goto(f"{served}/{folder}search.html")
    expect(page.locator("#search-app")).to_be_hidden()
    # Playwright's text search skips <noscript>; CSS reaches what the reader sees inside it.
    notice = page.locator("noscript .notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(words(folder)["search"]["needs_js"])
    for name, index in (("all_columns", "columns"), ("all_districts", "districts")):
        link = notice.locator("a").filter(has_text=words(folder)["home"][name])
        expect(link).to_be_visible()
        target = output_path(served, link.evaluate("a => a.href"))
        assert target == f"{folder}{index}/"
        assert (site / target / "index.html").is_file()
    context.close()
    assert errors == []


@pytest.mark.parametrize(("folder", "twin"), [("", TRADITIONAL), (TRADITIONAL, "")])
def test_each_edition_has_its_own_index_linking_its_pages_and_their_twins(site, folder, twin):
    import json

    index = site / folder / "search" / EDITIONS[folder]
    assert (index / "meta.json").is_file()
    for script in ("lunr.min.js", "tokenize.js", "search.js", "search-page.js"):
        assert (site / folder / "search" / script).is_file()
    stored = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((index / "d").glob("*"))]
    assert len(stored) == len(list((ROOT / "content" / "articles").rglob("*.md")))
    for doc in stored:
        # Links are relative to the edition's search page, like every link on the site.
        assert doc["url"].startswith("articles/"), doc["url"]
        assert (site / folder / doc["url"]).is_file(), doc["url"]
        twin_page = (site / folder / doc["alternate_url"]).resolve()
        assert twin_page == (site / twin / doc["url"]).resolve(), doc["alternate_url"]
        assert twin_page.is_file()


def test_each_edition_keeps_its_index_cache_in_cache_path(site):
    """site_search passes `<CACHE_PATH>/search/` to the index build: one cache per edition."""
    caches = sorted(p.relative_to(site.parent) for p in site.parent.glob("cache/**/index.npz"))
    assert [path.parent.name for path in caches] == ["zh-hans", "zh-hant"], caches
    assert all("search" in path.parts for path in caches)


# Added before any page script runs: every report of the page's Content-Security-Policy.
VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
});
"""
# What the policy must refuse: a script written into the page, and a style attribute.
INJECTED = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
  const box = document.createElement("div");
  box.setAttribute("style", "width: 123px");
  document.body.append(box);
  return [window.injected === true, box.getBoundingClientRect().width === 123];
}"""


def test_search_and_the_charts_run_under_the_content_security_policy(browser, served):
    context = browser.new_context()
    context.add_init_script(VIOLATIONS)
    page, errors = _watched(context, served)
    page.goto(f"{served}/search.html?q=工会驿站")
    assert shown_count(page, "") > 0
    expect(page.locator("#search-results .search-result")).not_to_have_count(0)
    article = output_path(served, results(page)[0][0])
    assert page.evaluate("violations") == []
    for path in ("", article, "overview.html", f"{TRADITIONAL}overview.html"):
        page.goto(f"{served}/{path}")
        expect(page.locator(".sitefoot")).to_be_visible()
        if path.endswith("overview.html"):
            expect(page.locator("svg.chart")).to_have_count(3)
        assert page.evaluate("violations") == [], path
    assert errors == []
    # The policy is in force: Chromium refuses both and reports each.
    assert page.evaluate(INJECTED) == [False, False]
    page.wait_for_function("violations.length >= 2")
    assert sorted(v.split()[0] for v in page.evaluate("violations")) == [
        "script-src-elem",
        "style-src-attr",
    ]
    context.close()


def test_what_a_reader_types_while_the_index_loads_is_kept(site, served, page):
    """A slow connection: the reader types before the index has arrived; the page must not
    reset the box to the URL's empty query when it is ready."""
    held, released = [], []

    def hold(route) -> None:
        route.continue_() if released else held.append(route)

    page.route("**/search/**/*.json", hold)
    page.goto(f"{served}/search.html")
    expect(page.locator("#search-app")).to_be_visible()  # the script runs; the index is held
    page.locator("#search-input").press_sequentially("工会驿站", delay=20)
    assert held, "the index was requested"
    released.append(True)
    for route in held:
        route.continue_()
    expect(page.locator("#search-results .search-result").first).to_be_visible()
    assert page.locator("#search-input").input_value() == "工会驿站"
