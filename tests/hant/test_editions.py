"""Editions are configuration: the Hong Kong edition is one settings entry away."""

from __future__ import annotations

import pytest

from bulletin.hant import (
    HONG_KONG,
    HONG_KONG_SETTINGS,
    SIMPLIFIED,
    TRADITIONAL,
    TRADITIONAL_SETTINGS,
    EditionError,
    converter_for,
    editions_from_settings,
)


def test_default_settings_give_the_master_and_the_taiwan_edition():
    assert editions_from_settings([TRADITIONAL_SETTINGS]) == [SIMPLIFIED, TRADITIONAL]
    assert TRADITIONAL.opencc_config == "s2tw"
    assert (TRADITIONAL.code, TRADITIONAL.path_prefix, TRADITIONAL.hreflang) == (
        "zh-hant",
        "zh-hant/",
        "zh-Hant",
    )
    assert SIMPLIFIED.is_master
    assert (SIMPLIFIED.path_prefix, SIMPLIFIED.hreflang) == ("", "zh-Hans")


def test_hong_kong_is_one_more_entry(cache_dir):
    editions = editions_from_settings([TRADITIONAL_SETTINGS, HONG_KONG_SETTINGS])
    assert editions[-1] == HONG_KONG
    assert (HONG_KONG.opencc_config, HONG_KONG.hreflang) == ("s2hk", "zh-Hant-HK")
    converter = converter_for(editions[-1], cache_dir=cache_dir)
    assert converter.convert("说明温暖的平台") == "説明温暖的平台"


def test_the_master_is_never_converted():
    with pytest.raises(ValueError, match="master"):
        converter_for(SIMPLIFIED)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"lang": "zh-Hant"}, "unknown keys"),
        ({"name": ""}, "missing"),
        ({"code": "zh_Hant"}, "lower-case"),
        ({"path": "/zh-hant"}, "path"),
        ({"hreflang": "zh Hant"}, "BCP 47"),
        ({"opencc": "s2xx"}, "not built in"),
    ],
)
def test_a_bad_entry_says_what_is_wrong(change, complaint):
    with pytest.raises(EditionError, match=complaint):
        editions_from_settings([{**TRADITIONAL_SETTINGS, **change}])


def test_two_editions_cannot_share_a_path():
    clash = {**HONG_KONG_SETTINGS, "path": "zh-hant/"}
    with pytest.raises(EditionError, match="path_prefix"):
        editions_from_settings([TRADITIONAL_SETTINGS, clash])
