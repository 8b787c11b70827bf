"""Debian's Chromium for browser tests, launched the one way that works on this machine
(never a browser downloaded by `playwright install`)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this
# machine's closed network refuses.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):  # Playwright object in, Browser out
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
