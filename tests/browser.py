"""Debian's Chromium for browser tests, launched the one way that works on this machine
(never a browser downloaded by `playwright install`).

Also the pytest plugin with the `playwright` and `browser` fixtures: a browser test module
names it (`pytest_plugins = ["tests.browser"]`), so only browser tests import Playwright and
the other tests run without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.serving import ARGS, CHROMIUM


def launch(playwright):  # Playwright object in, Browser out
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the session: its sync API allows one running instance per thread."""
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    """Debian's Chromium, started once for every browser test in the session."""
    assert Path(CHROMIUM).exists(), "invoke test installs Debian's chromium"
    browser = launch(playwright)
    yield browser
    browser.close()
