"""The trap table (tests/hant/traps.py) in both Traditional editions, and what it is made of."""

from __future__ import annotations

import opencc
import pytest

from bulletin.hant import HONG_KONG, TRADITIONAL, converter_for

from .traps import BOUNDARY, NAME, TRAPS, WORD

_TO_HONG_KONG = (opencc.OpenCC("tw2t"), opencc.OpenCC("t2hk"))


def hong_kong_form(taiwan: str, written: str | None) -> str:
    """The Hong Kong row: written where the wording differs, else Taiwan's in HK glyphs."""
    if written is not None:
        return written
    to_standard, to_hong_kong = _TO_HONG_KONG
    return to_hong_kong.convert(to_standard.convert(taiwan))


def test_the_table_covers_what_it_must():
    assert len(TRAPS) >= 200
    kinds = {kind for kind, *_ in TRAPS}
    assert kinds == {NAME, WORD, BOUNDARY}
    names = " ".join(simplified for kind, simplified, *_ in TRAPS if kind == NAME)
    for surname in "余范于涂姜沈谷朴钟叶萧冯":
        assert names.count(surname) >= 2, surname
    words = " ".join(simplified for kind, simplified, *_ in TRAPS if kind != NAME)
    for character in "发干后里面台系只钟历复汇征松斗谷准冲卷表余范于":
        assert words.count(character) >= 2, character
    assert all(len(simplified) == len(taiwan) for _, simplified, taiwan, _ in TRAPS)


@pytest.mark.parametrize(("kind", "simplified", "taiwan", "hong_kong"), TRAPS)
def test_trap_in_both_traditional_editions(kind, simplified, taiwan, hong_kong):
    assert converter_for(TRADITIONAL).convert(simplified) == taiwan
    assert converter_for(HONG_KONG).convert(simplified) == hong_kong_form(taiwan, hong_kong)


def test_plain_opencc_falls_into_the_traps():
    """The table is worth having: OpenCC alone gets the names and boundaries wrong."""
    plain = opencc.OpenCC("s2tw")
    wrong = [s for kind, s, taiwan, _ in TRAPS if kind != WORD and plain.convert(s) != taiwan]
    assert len(wrong) >= 40
