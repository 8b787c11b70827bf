"""Nothing on a Traditional page was left in Simplified: every page of every Traditional edition
goes through the edition's OpenCC configuration again (bulletin.hant.find_unconverted_html),
and nothing changes outside glossary entries and names marked `{{…}}`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.hant import (
    HONG_KONG,
    TRADITIONAL,
    converter_for,
    find_unconverted_html,
    no_convert_phrases,
)


def _marked_names(content: Path) -> set[str]:
    """Names marked anywhere in the archive: a marked title shows up on many pages."""
    return {
        name
        for path in content.rglob("*.md")
        for name in no_convert_phrases(path.read_text(encoding="utf-8"))
        if not name.startswith(" ")
    }


def _leftovers(site, prefix: str, edition, keep: set[str]) -> dict[str, list]:
    converter = converter_for(edition)
    found = {}
    for path in site.html_files(prefix):
        html = (site.root / path).read_text(encoding="utf-8")
        leftovers = find_unconverted_html(html, converter, keep=keep)
        if leftovers:
            found[path] = leftovers[:3]
    return found


def test_no_simplified_text_is_left_on_any_traditional_page_of_the_seed_archive(
    editions_site, root
):
    keep = _marked_names(root / "content")
    assert len(editions_site.html_files("zh-hant/")) > 60
    assert _leftovers(editions_site, "zh-hant/", TRADITIONAL, keep) == {}


@pytest.mark.parametrize(
    ("prefix", "edition"), [("zh-hant/", TRADITIONAL), ("zh-hant-hk/", HONG_KONG)]
)
def test_no_simplified_text_is_left_with_marks_glossary_and_hong_kong(
    three_editions, provoking_content, prefix, edition
):
    keep = _marked_names(provoking_content)
    assert keep == {"余华"}
    assert _leftovers(three_editions, prefix, edition, keep) == {}


def test_the_check_would_see_a_page_the_build_forgot_to_convert(editions_site):
    """The check is not blind: the master's page, put where the twin should be, is caught."""
    converter = converter_for(TRADITIONAL)
    html = (editions_site.root / "articles" / "000-c3218b23d4d64f1e-01.html").read_text("utf-8")
    assert find_unconverted_html(html, converter)
