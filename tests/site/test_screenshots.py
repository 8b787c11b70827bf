"""The site in a real browser (Debian's Chromium through Playwright), served by nginx:
screenshots of home, an issue, an article and a district page at phone and desktop widths,
kept in test-artifacts/screenshots/, and the layout checks a reader would notice."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest_plugins = ["tests.browser"]  # the browser fixtures

DEVICES = {"phone": (390, 844), "desktop": (1280, 900)}
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def pages_to_shoot(issues):
    latest = issues[0]
    with_districts = next(s for i in issues for s in i.stories if s.districts)
    from bulletin.site.slugs import district_slug

    return {
        "home": "/",
        "issue": f"/{latest.url}",
        "article": f"/{latest.stories[0].url}",
        "district": f"/districts/{district_slug(with_districts.districts[0])}.html",
    }


@pytest.mark.parametrize("device", list(DEVICES))
def test_screenshots_and_layout(browser, nginx, pages_to_shoot, device):
    SHOTS.mkdir(parents=True, exist_ok=True)
    width, height = DEVICES[device]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    host = urlsplit(nginx).netloc
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).netloc == host or foreign.append(r.url))
    for name, path in pages_to_shoot.items():
        response = page.goto(nginx + path)
        assert response.status == 200, path
        page.screenshot(path=str(SHOTS / f"{name}-{device}.png"), full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (name, device, overflow)
        # Reading text: article paragraphs, or the summaries in a list of stories.
        size = page.evaluate(
            "parseFloat(getComputedStyle("
            "document.querySelector('.story-body p, .story-summary')).fontSize)"
        )
        assert size >= 16, (name, device, size)
        assert page.evaluate("document.styleSheets.length") >= 1
    assert not foreign
    context.close()


def test_article_reads_well_in_dark_mode_and_keyboard(browser, nginx, pages_to_shoot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    page.goto(nginx + pages_to_shoot["article"])
    page.screenshot(path=str(SHOTS / "article-phone-dark.png"))
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    channels = [int(c) for c in background[background.index("(") + 1 : -1].split(",")[:3]]
    assert max(channels) < 64, background
    # The first Tab shows the skip link; following it lands in the main content.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    context.close()


def test_the_404_page_keeps_its_styles_at_any_depth(browser, nginx):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    response = page.goto(nginx + "/no/such/deep/page.html")
    assert response.status == 404
    border = page.evaluate("getComputedStyle(document.querySelector('.masthead')).borderTopWidth")
    assert border == "4px"
    page.screenshot(path=str(SHOTS / "not-found-phone.png"))
    context.close()
