"""The stylesheet: readable colours in light and dark mode, a system font stack, print rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "theme" / "static" / "css" / "site.css").read_text(
    encoding="utf-8"
)
# (text, background) pairs the theme actually sets.
PAIRS = [
    ("ink", "paper"),
    ("ink", "tint"),
    ("muted", "paper"),
    ("muted", "tint"),
    ("accent", "paper"),
    ("link", "paper"),
    ("link", "tint"),
    ("paper", "accent"),  # the search button and the 最新一期 label
    ("paper", "ink"),  # the skip link and the current page number
]


def _variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", block))


def _scheme(name: str) -> dict[str, str]:
    light = _variables(CSS.split(":root {", 1)[1].split("}", 1)[0])
    if name == "light":
        return light
    dark = CSS.split("@media (prefers-color-scheme: dark)", 1)[1].split("}\n}", 1)[0]
    return {**light, **_variables(dark)}


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colours_meet_wcag_aa(scheme, text, background):
    colours = _scheme(scheme)
    assert contrast(colours[text], colours[background]) >= 4.5


def test_dark_mode_really_is_dark():
    assert _luminance(_scheme("dark")["paper"]) < 0.05 < _luminance(_scheme("light")["paper"])


def test_fonts_are_the_readers_own():
    assert "@font-face" not in CSS and "url(" not in CSS.replace('content: ""', "")
    for family in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Songti SC"):
        assert family in CSS
    assert "font-style: normal" in CSS  # no fake italics on Chinese


def test_print_and_focus_rules_exist():
    assert "@media print" in CSS
    assert ":focus-visible" in CSS
