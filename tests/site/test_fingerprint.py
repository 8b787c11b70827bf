"""The site fingerprint (bulletin/build/fingerprint.py) holds every setting, a new one too,
except the few that cannot change what a page says: a setting nobody thought of still makes
every page render again when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.settings import read_settings

from bulletin.build.fingerprint import RUN_SETTINGS, settings_digest, site_fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


def test_a_setting_nobody_listed_changes_the_fingerprint(settings):
    before = site_fingerprint(settings)
    assert site_fingerprint(dict(settings)) == before  # the same settings, the same key
    assert site_fingerprint({**settings, "SOME_SETTING_ADDED_LATER": 1}) != before
    assert site_fingerprint({**settings, "SITENAME": "渝工周报（测试）"}) != before


@pytest.mark.parametrize("name", sorted(set(read_settings(str(ROOT / "pelicanconf.py")))))
def test_every_setting_of_the_site_counts_unless_it_only_names_a_place_or_a_run(settings, name):
    changed = {**settings, name: ("something else", settings[name])}
    same = settings_digest(changed) == settings_digest(settings)
    assert same == (name in RUN_SETTINGS), name
