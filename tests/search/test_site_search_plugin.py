"""The site_search plugin's own decisions, without a build: where each edition's index goes,
where an article's twin is, and the message when lunr.js is missing."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

import site_search  # noqa: E402
from site_search.documents import edition_folder_link, twin_folder  # noqa: E402

EDITION_LINKS = [
    {"code": "zh-hans", "path": ""},
    {"code": "zh-hant", "path": "zh-hant/"},
    {"code": "zh-hant-hk", "path": "zh-hant-hk/"},
]


def _settings(**values) -> dict:
    return {"PLUGINS": ["site_search"], "DEFAULT_LANG": "zh-hans", **values}


def test_each_edition_gets_an_index_named_after_it():
    assert site_search.index_name(_settings(EDITION_CODE="zh-hant")) == "zh-hant"
    assert site_search.index_name(_settings()) == "zh-hans"  # a site without site_editions
    assert site_search.index_name(_settings(SEARCH_INDEX_URL="search/zh/")) == "zh"


@pytest.mark.parametrize("configured", ["elsewhere/zh/", "search/", "search/a/b/"])
def test_an_index_outside_the_scripts_folder_is_refused(configured):
    with pytest.raises(site_search.SearchSetupError, match="SEARCH_SCRIPTS_URL"):
        site_search.index_name(_settings(SEARCH_INDEX_URL=configured))


def test_the_search_page_is_pointed_at_this_runs_index_only_when_the_plugin_is_listed():
    generator = SimpleNamespace(settings=_settings(EDITION_CODE="zh-hant"), context={})
    site_search.point_search_page(generator)
    assert generator.context["SEARCH_INDEX_URL"] == "search/zh-hant/"
    other_run = SimpleNamespace(settings={"PLUGINS": [], "DEFAULT_LANG": "zh-hans"}, context={})
    site_search.point_search_page(other_run)
    site_search.write_index(other_run)  # would fail without articles if it acted
    assert other_run.context == {}


def test_a_missing_lunr_says_to_run_npm_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(site_search, "LUNR_JS", tmp_path / "node_modules" / "lunr" / "lunr.min.js")
    with pytest.raises(site_search.SearchSetupError, match="npm ci"):
        site_search.require_lunr(SimpleNamespace(settings=_settings()))
    site_search.require_lunr(SimpleNamespace(settings={"PLUGINS": []}))  # not our run


def test_twins_are_linked_relative_to_the_editions_root():
    assert edition_folder_link("", "zh-hant/") == "zh-hant/"
    assert edition_folder_link("zh-hant/", "") == "../"
    assert twin_folder("", EDITION_LINKS) == "zh-hant/"
    assert twin_folder("zh-hant/", EDITION_LINKS) == "../"
    assert twin_folder("zh-hant-hk/", EDITION_LINKS) == "../"
    assert twin_folder("", EDITION_LINKS[:1]) is None


def test_the_index_cache_lives_in_pelicans_cache_path(tmp_path):
    assert site_search.cache_folder(_settings(CACHE_PATH=str(tmp_path))) == tmp_path / "search"
    assert site_search.cache_folder(_settings()) == Path("cache") / "search"
