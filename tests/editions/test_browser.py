"""The 简/繁 switch as a reader uses it, in Debian's Chromium through nginx: home → a column →
an article → 繁體 → the same article in Traditional → back. Screenshots of a Traditional article
on a phone and a desktop are kept in test-artifacts/screenshots/ (edition-*.png)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bulletin.site.slugs import district_slug

pytest_plugins = ["tests.browser"]  # the browser fixtures

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
DEVICES = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def served(editions_site, root):
    spec = importlib.util.spec_from_file_location("site_serving", root / "tests" / "serving.py")
    serving = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serving)
    with serving.nginx_serving(editions_site.root) as base_url:
        yield base_url


def _path(page) -> str:
    return urlsplit(page.url).path


def test_home_column_article_switch_and_back(browser, served, editions_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/")
    page.locator("a.kicker").first.click()  # the lead story's column
    assert _path(page).startswith("/columns/")
    page.locator(".story-title a").first.click()
    article = _path(page)
    assert article.startswith("/articles/")
    simplified_title = page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"

    page.locator('.editions a[hreflang="zh-Hant"]').click()
    assert _path(page) == f"/zh-hant{article}"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    traditional = editions_site.page(f"zh-hant{article}")
    assert page.locator("h1").inner_text() == traditional.h1 != simplified_title
    assert page.locator('.editions [aria-current="true"]').inner_text() == "繁體"

    page.go_back()
    assert _path(page) == article
    assert page.locator("h1").inner_text() == simplified_title
    page.close()


@pytest.mark.parametrize("kind", ["issue", "district", "about", "overview"])
def test_the_switch_keeps_the_reader_on_the_page_both_ways(browser, served, stories, kind):
    story = next(s for s in stories if s.districts)
    path = {
        "issue": f"/issues/{story.meta['issue']}.html",
        "district": f"/districts/{district_slug(story.districts[0])}.html",
        "about": "/about.html",
        "overview": "/overview.html",
    }[kind]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{served}{path}")
    page.locator('.editions a[hreflang="zh-Hant"]').click()
    assert _path(page) == f"/zh-hant{path}"
    page.locator('.editions a[hreflang="zh-Hans"]').click()
    assert _path(page) == path
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.close()


def _font(context, page, selector: str) -> str:
    """The font Chromium really drew the element's text with."""
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return max(fonts, key=lambda font: font["glyphCount"])["familyName"]


@pytest.mark.parametrize("device", list(DEVICES))
def test_a_traditional_article_reads_as_traditional(browser, served, stories, device):
    SHOTS.mkdir(parents=True, exist_ok=True)
    width, height = DEVICES[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{served}/zh-hant/{stories[1].url}")
    page.screenshot(path=str(SHOTS / f"edition-article-{device}.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.story-body p')).fontSize)"
    )
    assert size >= 16
    # Traditional glyph shapes and centred punctuation: the TC faces, not the SC ones ...
    assert _font(context, page, ".story-body p").endswith(" TC")
    assert _font(context, page, "h1").endswith(" TC")
    # ... except for the switch's 简体, which is Simplified text.
    assert _font(context, page, '.editions a[lang="zh-Hans"]').endswith(" SC")
    body = page.locator(".story-body").inner_text()
    assert "「" in body and "“" not in body  # Taiwan's quotation marks
    context.close()
