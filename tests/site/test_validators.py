"""Markup and accessibility, checked with the tools the web uses: html-validate (npm) on every
page, and axe-core (npm) in Debian's Chromium on every page type, light and dark."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .conftest import ROOT

pytest_plugins = ["tests.browser"]  # the browser fixtures

NODE_BIN = ROOT / "node_modules" / ".bin"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONFIG = ROOT / ".htmlvalidate.json"
SERIOUS = {"serious", "critical"}


def html_validate_errors(root: Path, files: list[str]) -> list[str]:
    result = subprocess.run(
        [str(NODE_BIN / "html-validate"), "--config", str(CONFIG), "--formatter", "json", *files],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout, f"html-validate did not run: {result.stderr[-500:]}"
    return [
        f"{report['filePath']}:{message['line']} [{message['ruleId']}] {message['message']}"
        for report in json.loads(result.stdout)
        for message in report["messages"]
        if message["severity"] == 2
    ]


def test_html_validate_finds_no_error_on_any_page(site) -> None:
    files = site.html_files()
    assert len(files) > 50
    assert html_validate_errors(site.root, files) == []


def test_html_validate_would_catch_a_broken_page(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html lang="zh-Hans"><head><title>x</title></head>'
        '<body><p id="a">一</p><p id="a">二</p><img src="x.png"></body></html>',
        encoding="utf-8",
    )
    rules = {e.split("[")[1].split("]")[0] for e in html_validate_errors(tmp_path, ["bad.html"])}
    assert {"no-dup-id", "wcag/h37"} <= rules


def page_types(site) -> dict[str, str]:
    files = site.html_files()

    def first(prefix: str, exclude: str = "index.html") -> str:
        return next(f for f in files if f.startswith(prefix) and not f.endswith(exclude))

    months = [f for f in files if f.startswith("archives/") and f.count("-") == 1]
    return {
        "home": "index.html",
        "article": first("articles/"),
        "issue index": "issues/index.html",
        "issue": first("issues/"),
        "column index": "columns/index.html",
        "column": first("columns/"),
        "district index": "districts/index.html",
        "district": first("districts/"),
        "month": months[0],
        "overview": "overview.html",
        "about": "about.html",
        "search": "search.html",
        "not found": "404.html",
    }


def add_axe(page) -> None:
    """axe-core into the page through DevTools: the page's Content-Security-Policy refuses the
    inline <script> Playwright's add_script_tag writes, as it refuses any inline script."""
    page.evaluate(AXE.read_text(encoding="utf-8"))


def test_axe_finds_no_serious_violation_on_any_page_type(site, nginx, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for name, path in page_types(site).items():
        page.goto(f"{nginx}/{path}")
        add_axe(page)
        for scheme in ("light", "dark"):  # contrast is checked in both colour schemes
            page.emulate_media(color_scheme=scheme)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            serious = [
                f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
                for v in result["violations"]
                if v["impact"] in SERIOUS
            ]
            if serious:
                found[f"{name}, {scheme}"] = serious
    page.close()
    assert found == {}
