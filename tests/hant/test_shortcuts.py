"""The converter's shortcuts give what the long way gives: only sentences holding an ambiguous
phrase are segmented, credit lines are looked for only where a line or word starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.hant import boundaries, names
from bulletin.hant.converter import EditionConverter

from .traps import BOUNDARY, TRAPS


def test_ambiguous_phrases_convert_otherwise_than_their_characters(tw: EditionConverter):
    phrases = ["了解", "系好", "家系", "头发", "工会", "发展", "余"]
    found = boundaries.ambiguous_phrases(phrases, tw.convert_opencc)
    assert found == ["了解", "系好", "头发"]  # 瞭解 繫好 頭髮; 家系 工會 發展 are their characters'


def _disagreeing_the_long_way(text: str, converted: str, convert) -> list[tuple[int, int]]:
    """Every sentence segmented and converted word by word, compared with OpenCC's."""
    by_words = convert(boundaries.SEPARATOR.join(boundaries.words(text)))
    by_words = by_words.replace(boundaries.SEPARATOR, "")
    assert len(by_words) == len(text)
    return [(s, e) for s, e in boundaries.sentences(text) if by_words[s:e] != converted[s:e]]


def test_only_sentences_with_an_ambiguous_phrase_need_segmenting(tw, seed_text: str):
    boundary_rows = "。".join(simplified for kind, simplified, *_ in TRAPS if kind == BOUNDARY)
    ambiguous = tw._refiner._ambiguous
    for text in (seed_text, boundary_rows):
        converted = tw.convert_opencc(text)
        long_way = _disagreeing_the_long_way(text, converted, tw.convert_opencc)
        shortcut = boundaries.disagreeing_sentences(text, converted, tw.convert_opencc, ambiguous)
        assert shortcut == long_way
    assert len(long_way) >= 4  # some boundary rows do disagree


def test_ambiguous_phrases_are_found_once_per_config(tmp_path: Path):
    path = tmp_path / "s2tw-abc-ambiguous.txt"
    found = boundaries.load_ambiguous_phrases(
        path, lambda: ["了解", "工会"], lambda text: text.replace("了解", "瞭解")
    )
    assert found.spans("据了解，工会") == [(1, 3)]

    def never(_text: str) -> str:
        raise AssertionError("converted again")

    again = boundaries.load_ambiguous_phrases(path, lambda: [], never)
    assert again.spans("据了解，工会") == [(1, 3)]
    assert boundaries.AmbiguousPhrases([]).spans("了解") == []


@pytest.mark.parametrize(
    "text",
    [
        "记者\n范文华 余敏",
        "文：范文华\n\n范文华 摄",
        " 陶永国 潘锋 图片由区总工会提供",
        "：记者余敏报道",
        "通讯员 涂艳 姜云\n摄影：范明",
        "",
        "\n\n",
    ],
)
def test_credit_lines_are_found_as_by_scanning_every_character(text: str):
    assert [m.span() for m in names._credit_runs(text)] == [
        m.span() for m in names._CREDIT_RUN.finditer(text)
    ]


def test_credit_lines_of_the_seeds_are_found_as_by_scanning_every_character(seed_text: str):
    runs = [m.span() for m in names._credit_runs(seed_text)]
    assert runs == [m.span() for m in names._CREDIT_RUN.finditer(seed_text)]
    assert len(runs) > 20
