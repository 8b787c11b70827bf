"""The editors' review list written by the build: per issue, what OpenCC had to guess."""

from __future__ import annotations

import re
import sys

import pytest

from bulletin.hant import TRADITIONAL, converter_for


@pytest.fixture(scope="module")
def review_module(root):
    sys.path.insert(0, str(root / "plugins"))
    from site_editions import review_report as review

    return review


def test_the_seed_build_writes_one_review_per_traditional_edition(editions_work, stories):
    reports = sorted(p.name for p in (editions_work / "reports").iterdir())
    assert reports == ["review-zh-hant.md"]  # the master is never converted
    text = (editions_work / "reports" / "review-zh-hant.md").read_text(encoding="utf-8")
    assert text.startswith("# Conversion review: 繁體 (zh-hant, OpenCC s2tw)")
    issues = {s.meta["issue"]: s.meta["issue_date"] for s in stories}
    headings = re.findall(r"^## (\S+) · (\S+)$", text, re.M)
    assert dict(headings) == issues
    assert [date for _key, date in headings] == sorted(issues.values(), reverse=True)
    items = re.findall(r"^- (\S+) → (\S+) ×\d+: (.*)$", text, re.M)
    assert len(items) > 50
    assert all("—" in note for *_pair, note in items)


def test_glossary_entries_and_marked_names_are_not_reviewed(three_editions):
    reports = three_editions.root.parent / "reports"
    assert sorted(p.name for p in reports.iterdir()) == [
        "review-zh-hant-hk.md",
        "review-zh-hant.md",
    ]
    for name in ("review-zh-hant.md", "review-zh-hant-hk.md"):
        text = (reports / name).read_text(encoding="utf-8")
        assert "## zz-edition · 2024-03-09" in text
        assert "- 游 → 遊" in text  # OpenCC chose among 遊/游
        assert "【余先生】" not in text and "余先生 →" not in text  # a glossary entry
        assert "【余】华" not in text  # marked: never converted, never a question


def test_only_changed_issues_are_reviewed_again(review_module, tmp_path, monkeypatch):
    converter = converter_for(TRADITIONAL)
    issues = {
        "b": ("b · 2024-02-01", "大家学习了。"),
        "a": ("a · 2024-01-01", "干部们游巴蜀。"),
    }
    cache = tmp_path / "review.json"
    first = review_module._reviewed_later(issues, converter, cache)()
    assert first[0].startswith("## b · 2024-02-01") and "游 → 遊" in first[1]
    reviewed = []
    real = review_module._review_together_later
    monkeypatch.setattr(
        review_module,
        "_review_together_later",
        lambda batch, conv: reviewed.extend(h for h, _t in batch) or real(batch, conv),
    )
    assert review_module._reviewed_later(issues, converter, cache)() == first
    assert reviewed == []
    issues["b"] = ("b · 2024-02-01", "大家学习了，还去游泳。")
    again = review_module._reviewed_later(issues, converter, cache)()
    assert reviewed == ["b · 2024-02-01"]
    assert again[1] == first[1] and again[0] != first[0]


def test_phrases_are_filed_under_the_issue_they_come_from(review_module):
    converter = converter_for(TRADITIONAL)
    sections = review_module._review_together_later(
        [("one", "{{余华}}说，干部们游巴蜀。"), ("two", "大家吃面。"), ("three", "")], converter
    )()
    assert "游 → 遊" in sections[0] and "游 → 遊" not in sections[1]
    assert "家 → 家" in sections[1] and "家 → 家" not in sections[0]
    assert "Nothing to review" in sections[2]


def test_a_build_reviews_only_the_newest_issues(review_module, tmp_path):
    converter = converter_for(TRADITIONAL)
    issues = {
        key: (f"{key} · 2024-0{n}-01", "干部们游巴蜀。")
        for n, key in ((3, "c"), (2, "b"), (1, "a"))
    }
    sections = review_module.review_sections_later(issues, converter, tmp_path / "r.json", 2)()
    assert [s.splitlines()[0] for s in sections] == [
        "## c · 2024-03-01",
        "## b · 2024-02-01",
        "## Older issues",
    ]
    assert "1 older issues are not in this list" in sections[-1]
    every = review_module.review_sections_later(issues, converter, tmp_path / "r.json", 0)()
    assert [s.splitlines()[0] for s in every] == [
        f"## {k} · 2024-0{n}-01" for n, k in ((3, "c"), (2, "b"), (1, "a"))
    ]


def test_only_the_reviewed_issues_articles_are_read(review_module, tmp_path):
    """A build reviews the newest issues: the other stories' files are not even opened."""
    from types import SimpleNamespace

    newest = tmp_path / "new.md"
    newest.write_text("Title: 新的一期\n\n干部们游巴蜀。", encoding="utf-8")
    articles = [
        SimpleNamespace(issue="b", issue_date=None, source_path=str(newest)),
        SimpleNamespace(issue="a", issue_date=None, source_path=str(tmp_path / "gone.md")),
    ]
    issues = review_module._issue_texts(articles, 1)
    assert list(issues) == ["b", "a"]  # the left-out one still counts
    assert issues["b"][1] == "新的一期\n干部们游巴蜀。" and issues["a"][1] == ""
    with pytest.raises(FileNotFoundError):
        review_module._issue_texts(articles, 0)  # all: every file is read


def test_a_review_a_failed_run_left_running_is_never_written(review_module, tmp_path):
    # The review is written when the run finishes; a run that failed before that never does,
    # and the next run in the same process must not write the stale one.
    stale = tmp_path / "review-zh-hant.md"
    review_module._unfinished.append(lambda: stale.write_text("old", encoding="utf-8"))
    review_module.forget_reviews()
    review_module.finish_reviews()
    assert not stale.exists()
