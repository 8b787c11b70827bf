"""The editions as configuration, and the small text rules, without building a site."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin.hant import EditionError
from bulletin.site.edition_runs import edition_overrides, site_editions, strings_name
from bulletin.site.sitemap import edition_entries
from bulletin.text.braces import hide_braces, show_braces
from bulletin.text.edition_text import EditionText, master_text, text_converter
from bulletin.text.quotes import corner_quotes
from tests.editions.conftest import HONG_KONG, MASTER, TRADITIONAL


def test_pelicanconf_editions_are_the_master_and_the_taiwan_edition(root):
    from pelican.settings import read_settings

    editions = site_editions(read_settings(str(root / "pelicanconf.py"))["EDITIONS"])
    assert [(e.code, e.path, e.edition.opencc_config) for e in editions] == [
        ("zh-hans", "", None),
        ("zh-hant", "zh-hant/", "s2tw"),
    ]
    assert [e.og_locale for e in editions] == ["zh_CN", "zh_TW"]


def test_hong_kong_is_one_entry_away():
    editions = site_editions([MASTER, TRADITIONAL, HONG_KONG])
    hong_kong = editions[2]
    assert (hong_kong.edition.hreflang, hong_kong.og_locale) == ("zh-Hant-HK", "zh_HK")
    assert text_converter(hong_kong)("说明群众") == "説明羣眾"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "empty"),
        ([TRADITIONAL], "master"),
        ([MASTER, {**TRADITIONAL, "opencc": None}], "OpenCC"),
        ([MASTER, {**TRADITIONAL, "opencc": "s2xx"}], "not built in"),
        ([MASTER, {**TRADITIONAL, "lang": "zh-Hant"}], "unknown keys"),
        ([MASTER, TRADITIONAL, {**HONG_KONG, "path": "zh-hant/"}], "path_prefix"),
    ],
)
def test_a_wrong_edition_entry_says_what_is_wrong(entries, message):
    with pytest.raises(EditionError, match=message):
        site_editions(entries)


def test_an_edition_without_its_own_theme_table_uses_the_nearest_broader_one():
    have = {"zh-hans", "zh-hant"}
    assert strings_name("zh-hant-mo", have.__contains__) == "zh-hant"
    assert strings_name("zh-hant", have.__contains__) == "zh-hant"
    with pytest.raises(EditionError):
        strings_name("en", have.__contains__)


def test_an_edition_run_gets_its_own_urls_words_and_cache():
    edition = site_editions([MASTER, {**TRADITIONAL, "settings": {"FEED_MAX_ITEMS": 5}}])[1]
    settings = {
        "SITEURL": "https://x.org",
        "SITE_PUBLIC_URL": "https://x.org",
        "FEED_DOMAIN": "https://x.org",
        "SITENAME": "渝工周报",
        "SITESUBTITLE": "重庆市总工会周报档案",
        "AUTHOR": "重庆市总工会",
        "CACHE_PATH": "/c",
    }
    overrides = edition_overrides(settings, edition, "/site")
    assert overrides["OUTPUT_PATH"] == "/site/zh-hant/"
    assert overrides["SITEURL"] == overrides["SITE_PUBLIC_URL"] == "https://x.org/zh-hant"
    assert overrides["FEED_DOMAIN"] == "https://x.org/zh-hant"
    assert (overrides["SITENAME"], overrides["AUTHOR"]) == ("渝工週報", "重慶市總工會")
    assert overrides["CACHE_PATH"] == "/c/zh-hant"
    assert overrides["FEED_MAX_ITEMS"] == 5


def test_edition_text_remembers_its_master_and_survives_pickling():
    import pickle

    taiwan = site_editions([MASTER, TRADITIONAL])[1]
    title = EditionText(text_converter(taiwan)("干部{{余华}}说"), "干部余华说")
    assert title == "幹部余华說" and master_text(title) == "干部余华说"
    again = pickle.loads(pickle.dumps(title))
    assert (again, again.master) == (title, "干部余华说")
    assert master_text("标题{{余华}}") == "标题余华"
    assert master_text("{{ SITENAME }}") == "{{ SITENAME }}"


def test_only_a_name_against_its_braces_is_a_mark():
    assert show_braces(hide_braces("{{余华}} {{ x }} {x}")) == "{{余华}} {{ x }} {x}"
    assert "{{余华}}" in hide_braces("{{余华}} {{ x }}")
    assert "{{" not in hide_braces("{{ x }}") and "{{" not in hide_braces("{{余华}}", False)


def test_corner_quotes_but_not_apostrophes():
    assert corner_quotes("入選全國“最美驛站”，‘好’") == "入選全國「最美驛站」，『好』"
    assert corner_quotes("Children’s “Day”") == "Children’s 「Day」"


def test_sitemap_entries_name_every_twin_and_x_default():
    pages = {"": {"a.html": "2024-01-01", "only.html": ""}, "zh-hant/": {"a.html": "2024-01-01"}}
    entries = edition_entries("https://x.org", [("zh-Hans", ""), ("zh-Hant", "zh-hant/")], pages)
    by_url = {loc: links for loc, _lastmod, links in entries}
    twins = (
        ("zh-Hans", "https://x.org/a.html"),
        ("zh-Hant", "https://x.org/zh-hant/a.html"),
        ("x-default", "https://x.org/a.html"),
    )
    assert by_url["https://x.org/a.html"] == by_url["https://x.org/zh-hant/a.html"] == twins
    assert by_url["https://x.org/only.html"] == ()  # a page with no twin names none


def _corner_quotes_as_first_written(text: str) -> str:
    """The rule, one character at a time (the first version, kept to check the fast one)."""
    chars = list(text)
    for index, char in enumerate(text):
        if char in "“”‘’":
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                chars[index] = {"“": "「", "”": "」", "‘": "『", "’": "』"}[char]
    return "".join(chars)


@given(st.text(alphabet="“”‘’aZ09中文 ,.<>é٣", max_size=16))
def test_corner_quotes_follow_the_rule_everywhere(text):
    assert corner_quotes(text) == _corner_quotes_as_first_written(text)
