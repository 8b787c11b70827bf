"""The editors' review list: OpenCC's guesses, without glossary entries or kept names."""

from __future__ import annotations

import subprocess

import pytest

from bulletin.hant import format_review, review_list, start_review
from bulletin.hant.review import GUESS, SHADOWED


def test_guesses_are_listed_with_context_and_candidates(tw):
    items = review_list("累计投入资金5000余万元。", tw)
    [yu] = [item for item in items if item.source == "余"]
    assert (yu.kind, yu.chosen, yu.candidates) == (GUESS, "餘", ("餘", "余"))
    assert yu.context == "累计投入资金5000【余】万元。"
    assert (yu.start, yu.end) == (10, 11)


def test_glossary_entries_and_marked_names_are_not_guesses(tw):
    unmarked = [(i.source, i.start) for i in review_list("余先生和余华在其余时间点赞", tw)]
    assert unmarked == [("余", 4)]  # 余华 is a guess; 余先生 and 点赞 are glossary entries
    assert review_list("余先生和{{余华}}在其余时间点赞", tw) == []


def test_seed_archive_review(tw, hk, seed_text):
    for converter in (tw, hk):
        items = review_list(seed_text, converter)
        assert items, "OpenCC guesses somewhere in 21 articles"
        assert not [item for item in items if item.kind == SHADOWED], "glossary fully applied"
        for item in items:
            assert item.source in item.context
            assert not any(phrase in item.context for phrase in ("【余先生】", "【点赞】"))


def test_format_review_groups_by_phrase(tw):
    report = format_review(review_list("5000余万元，20余万元，一家人", tw))
    lines = report.splitlines()
    assert lines[0] == "## Conversion review"
    assert any(line.startswith("- 余 → 餘 ×2: chose 餘 from 餘/余") for line in lines)
    assert "Nothing to review" in format_review([])


def test_reviews_started_together_each_get_their_own_items(tw, hk, seed_text):
    # A build starts the native program and renders pages meanwhile; two at once must not mix.
    running = [start_review(seed_text, tw), start_review("5000余万元", hk)]
    taiwan, hong_kong = (pending.result() for pending in running)
    assert taiwan == review_list(seed_text, tw) and len(taiwan) > 20
    assert [(item.source, item.chosen) for item in hong_kong] == [("余", "餘")]


def test_a_failing_review_program_is_an_error_that_says_why(tw, tmp_path, monkeypatch):
    monkeypatch.setattr(tw, "config_path", str(tmp_path / "missing.json"))
    pending = start_review("累计投入资金5000余万元。", tw)
    with pytest.raises(subprocess.CalledProcessError) as failed:
        pending.result()
    assert b"missing.json" in failed.value.stderr
