"""Shared fixtures: paths to the real sample archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM, launch

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


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
