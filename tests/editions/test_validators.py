"""The Traditional pages pass the same tools as the Simplified ones: html-validate on every page,
axe-core in Chromium on the page types (tests/site/test_validators.py for the master)."""

from __future__ import annotations

import pytest

from tests.site.test_validators import SERIOUS, add_axe, html_validate_errors, page_types

pytest_plugins = ["tests.browser"]  # the browser fixtures

AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations']})"


def test_html_validate_finds_no_error_on_any_traditional_page(editions_site, three_editions):
    files = editions_site.html_files("zh-hant/")
    assert len(files) > 50
    assert html_validate_errors(editions_site.root, files) == []
    hong_kong = three_editions.html_files("zh-hant-hk/")
    assert html_validate_errors(three_editions.root, hong_kong) == []


@pytest.fixture(scope="module")
def served(editions_site):
    from tests.serving import nginx_serving

    with nginx_serving(editions_site.root) as base_url:
        yield base_url


def test_axe_finds_no_serious_violation_on_traditional_page_types(editions_site, served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    found = {}
    for name, path in page_types(editions_site).items():
        page.goto(f"{served}/zh-hant/{path}")
        add_axe(page)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in SERIOUS]
        if serious:
            found[name] = serious
    page.close()
    assert found == {}
