"""The theme's words come from the edition's translation table, never from the templates."""

from __future__ import annotations

import re
from pathlib import Path

from bulletin.site.strings import flat_keys, load_strings

THEME = Path(__file__).resolve().parents[2] / "theme"


def test_templates_use_only_words_in_the_table():
    keys = flat_keys(load_strings(THEME / "translations" / "zh-hans.toml"))
    used = set()
    for template in (THEME / "templates").rglob("*.html"):
        used |= set(re.findall(r"\bT((?:\.[a-z_]+)+)", template.read_text(encoding="utf-8")))
    used = {re.sub(r"\.format$", "", u.lstrip(".")) for u in used}
    assert used, "templates read their words from T"
    assert used <= keys, used - keys


def test_every_edition_table_has_the_same_keys():
    tables = sorted((THEME / "translations").glob("*.toml"))
    reference = flat_keys(load_strings(THEME / "translations" / "zh-hans.toml"))
    for path in tables:
        assert flat_keys(load_strings(path)) == reference, path.name


def test_templates_hold_no_chinese_words_of_their_own():
    for template in (THEME / "templates").rglob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        # A list separator (、) is punctuation, not a word to translate.
        assert not re.search(r"[\u4e00-\u9fff]", text), template.name
