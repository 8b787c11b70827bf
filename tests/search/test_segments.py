"""The index as immutable segments: the merge policy, weekly additions that leave published
segments alone, a layout that is a function of the archive, and the browser's scores over the
segments equal to one lunr.py index over the whole archive (seeds and 1,000 synthetic articles)."""

from __future__ import annotations

import json
from functools import cmp_to_key, partial
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lunr.query import Query, QueryPresence

from bulletin.ingest.run import ingest
from bulletin.search import documents_from_content, segments
from bulletin.search.index import (
    publication_date,
    sort_documents,
    write_edition_index,
)
from bulletin.search.tokenize import Tokenizer
from bulletin.synthetic import write_archive
from tests.search.conftest import lunr_py_builder, run_queries

QUERIES = [
    "工会",
    "重庆工会",
    "工会驿站",
    "工匠 学院",
    "职工 服务",
    "劳动",
    "北碚",
    "2024",
    "陈大林",
]


@given(st.lists(st.integers(min_value=1, max_value=40), max_size=300))
def test_a_new_issue_adds_a_segment_or_merges_the_newest_ones(sizes):
    """Each issue leaves the segments before it as they were, except a run of the newest that
    it is merged with."""
    before: list[int] = []
    for number in range(len(sizes)):
        after = segments.plan(sizes[: number + 1])
        kept = len(after) - 1
        assert after[:kept] == before[:kept]
        assert after[-1] == sum(before[kept:]) + sizes[number]
        assert segments.merge_start(after) is None  # merged as far as the policy merges
        before = after
    assert sum(before) == sum(sizes)


def test_issues_of_one_size_keep_a_handful_of_segments():
    """With one issue size the segments are the binary digits of the number of issues."""
    counts = [len(segments.plan([10] * issues)) for issues in range(1, 501)]
    assert max(counts) <= 9 and sum(counts) / len(counts) < 5
    assert segments.plan([10] * 100) == [640, 320, 40]  # 100 = 0b1100100
    assert segments.plan([10] * 101) == [640, 320, 40, 10]


def test_issues_are_runs_of_one_publication_date():
    dates = ["2024-01-02"] * 3 + ["2024-01-09"] * 2 + ["2024-01-16"]
    assert segments.issue_sizes(dates) == [3, 2, 1]
    assert segments.ranges([]) == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _segment_files(index: Path) -> dict[str, dict[str, tuple[int, bytes]]]:
    """segment name -> its files, each (inode, bytes)."""
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    return {
        name: {
            str(p.relative_to(index)): (p.stat().st_ino, p.read_bytes())
            for p in (index / "s" / name).rglob("*")
            if p.is_file()
        }
        for name, *_rest in meta["segments"]
    }


def _issues(docs: list[dict]) -> list[list[dict]]:
    ordered = sort_documents(docs)
    return [list(group) for _date, group in groupby(ordered, key=publication_date)]


@pytest.fixture(scope="session")
def synthetic_1000(tmp_path_factory) -> list[dict]:
    """1,000 synthetic articles (bulletin/synthetic.py), ingested as the site would."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_archive(folder / "seeds", 1000)
    ingest(folder / "seeds", folder / "content")
    return documents_from_content(folder / "content" / "articles")


@pytest.fixture(scope="session")
def weekly(synthetic_1000, tmp_path_factory) -> dict:
    """The archive built without its last issues, then one issue a week into the same folder
    with the build's cache, as the site is built; the index after each week is kept."""
    issues = _issues(synthetic_1000)
    weeks = 6
    root = tmp_path_factory.mktemp("weekly")
    out, cache = root / "zh", root / "cache"
    states = []
    for week in range(weeks + 1):
        docs = [doc for issue in issues[: len(issues) - weeks + week] for doc in issue]
        before = _segment_files(out) if week else {}
        write_edition_index(docs, out, {}, cache)
        after = _segment_files(out)
        fresh = root / f"week-{week}" / "zh"
        write_edition_index(docs, fresh, {})  # a fresh build of the same archive, no cache
        states.append({"docs": docs, "before": before, "after": after, "fresh": fresh})
        states[-1]["snapshot"] = _snapshot(out)
    return {"out": out, "states": states}


def test_weekly_additions_leave_published_segments_byte_identical(weekly):
    merges = additions = 0
    for state in weekly["states"][1:]:
        before, after = state["before"], state["after"]
        for name in set(before) & set(after):
            assert after[name] == before[name], name  # same bytes, same inodes: not rewritten
        new = set(after) - set(before)
        assert len(new) == 1  # the new issue's segment, or the one it was merged into
        merged = set(before) - set(after)
        merges += bool(merged)
        additions += not merged
        # A merge writes a new folder; the files it replaces were published under other names.
        (name,) = new
        assert not set(after[name]) & {path for files in before.values() for path in files}
    assert merges and additions  # the weeks chosen hold both kinds


def test_a_build_after_weekly_additions_equals_a_fresh_build(weekly):
    for state in weekly["states"]:
        assert state["snapshot"] == _snapshot(state["fresh"])


def _lunr_py_ranking(docs: list[dict], fold: str, queries: list[str]) -> list[list[tuple]]:
    """(article number, score) of each query's results in one lunr.py index of ``docs``."""
    chars = list(fold)
    tokenizer = Tokenizer(dict(zip(chars[0::2], chars[1::2], strict=True)))
    builder = lunr_py_builder(docs, fold)
    index = builder.build()
    rankings = []
    for text in queries:
        query = index.create_query()
        for term in dict.fromkeys(t for group in tokenizer.query_groups(text) for t in group):
            query.term(
                term,
                presence=QueryPresence.REQUIRED,
                use_pipeline=False,
                wildcard=Query.WILDCARD_NONE,
            )
        rankings.append([(int(r["ref"]), r["score"]) for r in index.query(query)])
    return rankings


def _by_rank(hits: dict, a: tuple[int, float], b: tuple[int, float]) -> int:
    """js/search.js byRank on lunr.py's scores: scores within SCORE_TIE (1e-9) are equal (the
    same sum in another order differs in its last bits), and then the newer article first."""
    phrase = hits[b[0]]["phrase"] - hits[a[0]]["phrase"]
    score = b[1] - a[1] if abs(b[1] - a[1]) > 1e-9 else 0
    return phrase or (score > 0) - (score < 0) or b[0] - a[0]


def _assert_lunr_ranking(node: str, index: Path, docs: list[dict]) -> None:
    """The browser's results are lunr.py's: the same articles and scores (to 1e-9), ordered by
    whole phrase first (trigrams, not a score), then lunr.py's score, then the newer article."""
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    answers = run_queries(node, index, [{"q": q} for q in QUERIES], lunr_top=10**6)
    expected = _lunr_py_ranking(docs, meta["fold"], QUERIES)
    found_any = 0
    for answer, reference in zip(answers, expected, strict=True):
        ours = {hit["id"]: hit for hit in answer["hits"]}
        assert sorted(ours) == sorted(number for number, _ in reference), answer["q"]
        for number, score in reference:
            assert ours[number]["score"] == pytest.approx(score, abs=1e-9), (answer["q"], number)
        lunr_order = sorted(reference, key=cmp_to_key(partial(_by_rank, ours)))
        for hit, (number, score) in zip(answer["hits"], lunr_order, strict=True):
            assert hit["id"] == number, (answer["q"], hit, ours[number], score)
        found_any += len(reference) > 1
    assert found_any >= 5


@pytest.mark.parametrize("layout", ["site", "segmented"])
def test_ranking_on_the_seeds_is_one_lunr_py_index(
    node, built_search, seeds_in_segments, seed_editions, layout
):
    index = (built_search if layout == "site" else seeds_in_segments) / "zh"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    assert (len(meta["segments"]) > 1) == (layout == "segmented")
    _assert_lunr_ranking(node, index, seed_editions["zh"])


def test_ranking_after_weekly_additions_and_a_merge_is_one_lunr_py_index(node, weekly):
    """After a week that added a segment and after one that merged, at 1,000 articles."""
    states = weekly["states"]
    added = next(s for s in reversed(states[1:]) if not set(s["before"]) - set(s["after"]))
    merged = next(s for s in reversed(states[1:]) if set(s["before"]) - set(s["after"]))
    for state in (added, merged):
        assert len(state["after"]) > 2
        _assert_lunr_ranking(node, state["fresh"], state["docs"])
