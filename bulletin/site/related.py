"""A few related stories per story, from other issues.

Stories are related when they share rare things: districts, partner places, the column and
the two-character words (bigrams) of their titles. Each shared feature weighs its inverse
document frequency, so 工匠学院 in two titles counts for much more than 工会. Candidates come only
from rare features' posting lists, which keeps the work near-linear for twenty years of issues.
Features are read from the Simplified master of each text, so every edition relates the same
stories.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from operator import add
from typing import Any, NamedTuple

import numpy as np

from ..text.edition_text import master_text
from .issues import story_issue_date

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# How much one shared feature of each kind weighs, before its rarity.
KIND_WEIGHT = {"district": 2.0, "partner": 1.5, "column": 0.5, "word": 1.0}


def title_bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text or ""):
        grams.update(map(add, run, run[1:]))  # each character with the next
    return grams


def story_features(story: Any) -> set[tuple[str, str]]:
    features = {("district", master_text(t)) for t in getattr(story, "tags", None) or []}
    features |= {("partner", master_text(p)) for p in getattr(story, "partners", None) or []}
    column = getattr(story, "category", None)
    if column:
        features.add(("column", master_text(column)))
    title = " ".join(master_text(getattr(story, key, "") or "") for key in ("title", "subtitle"))
    features |= {("word", g) for g in title_bigrams(title)}
    return features


def related_stories(
    stories: Sequence[Any],
    limit: int = 4,
    features: Callable[[Any], set[tuple[str, str]]] = story_features,
    max_df: int = 100,
    min_score: float = 2.0,
) -> dict[str, list[Any]]:
    """slug -> up to `limit` stories from other issues, best first (deterministic).

    Scores accumulate over the posting lists of each story's rare features (shared by at most
    `max_df` stories): the cost grows with the archive, not with its square. Features more
    common than that weigh little anyway and are left out.

    The work runs on numpy arrays, with one row per story, other story and shared rare
    feature. Each pair's score is the same float64 sum, added in the same order, as the plain
    per-story loop gives, so the result is that loop's exactly
    (tests/site/test_related_fast.py keeps the loop and compares).
    """
    if not stories:
        return {}
    rows = _shared_features([features(s) for s in stories], max_df, _issue_ids(stories))
    story, other, score = _scored_pairs(rows, len(stories), min_score)
    story, other = _best_first(stories, story, other, score, limit)
    linked: list[list[Any]] = [[] for _ in stories]
    for index, partner in zip(story.tolist(), other.tolist(), strict=True):
        linked[index].append(stories[partner])
    # In story order, so a repeated slug keeps its last story's list, as before.
    return {s.slug: related for s, related in zip(stories, linked, strict=True)}


class _Rows(NamedTuple):
    """One row per story, other story and rare feature of the story that the other shares."""

    story: np.ndarray
    other: np.ndarray
    weight: np.ndarray
    beyond_column: np.ndarray  # sharing a column alone is not a relation


def _issue_ids(stories: Sequence[Any]) -> np.ndarray:
    """Equal numbers for the stories of one issue; a story without an issue matches none."""
    numbers: dict[Any, int] = {}
    ids = []
    for index, story in enumerate(stories):
        issue = getattr(story, "issue", None)
        ids.append(numbers.setdefault(issue, len(numbers)) if issue else -1 - index)
    return np.array(ids, dtype=np.int64)


def _shared_features(feats: list[set[tuple[str, str]]], max_df: int, issue: np.ndarray) -> _Rows:
    """Each story paired with every other story in the postings of its rare features.

    Rows come in the order of a plain loop over the stories, then over each story's features in
    its set's iteration order, then over the posting: summing a pair's rows in row order adds
    its weights in the same order as that loop does, so scores are bit for bit the same.
    """
    owners, feature_ids, names = _numbered(feats)
    df = np.bincount(feature_ids, minlength=len(names))
    rare = (df > 1) & (df <= max_df)
    weight, column = _weights(names, df, rare, len(feats))
    keep = rare[feature_ids]
    owners, feature_ids = owners[keep], feature_ids[keep]
    # Postings: each rare feature's stories, in story order, one feature after another.
    posting = owners[np.argsort(feature_ids, kind="stable")]
    posting_start = np.concatenate(([0], np.cumsum(np.where(rare, df, 0))))
    # Every (story, feature) row repeats once for each story of the feature's posting.
    sizes = df[feature_ids]
    row = np.repeat(np.arange(len(owners)), sizes)
    within = np.arange(len(row)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    story = owners[row]
    other = posting[posting_start[feature_ids[row]] + within]
    feature_ids = feature_ids[row]
    # Filters that do not need the score go first (a mask keeps the row order).
    keep = (story != other) & (issue[story] != issue[other])
    feature_ids = feature_ids[keep]
    return _Rows(story[keep], other[keep], weight[feature_ids], ~column[feature_ids])


def _numbered(
    feats: list[set[tuple[str, str]]],
) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    """(story, feature number) for each feature of each story in iteration order; the names."""
    number: dict[tuple[str, str], int] = {}
    feature = [
        number.setdefault(feat, len(number)) for story_feats in feats for feat in story_feats
    ]
    owners = np.repeat(np.arange(len(feats)), [len(own) for own in feats])
    return owners, np.array(feature, dtype=np.int64), list(number)


def _weights(
    names: list[tuple[str, str]], df: np.ndarray, rare: np.ndarray, total: int
) -> tuple[np.ndarray, np.ndarray]:
    """Weight of each rare feature (0 for the others) and whether it is the column."""
    weight = np.zeros(len(names))
    column = np.zeros(len(names), dtype=bool)
    for feat_id in np.flatnonzero(rare).tolist():
        kind = names[feat_id][0]
        # Python's math.log on Python floats, as before (np.log may differ in the last bit).
        weight[feat_id] = KIND_WEIGHT[kind] * math.log(1 + total / int(df[feat_id]))
        column[feat_id] = kind == "column"
    return weight, column


def _scored_pairs(
    rows: _Rows, total: int, min_score: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Related pairs (story, other, score): beyond the column and scoring at least min_score."""
    key = rows.story * total + rows.other
    order = np.argsort(key, kind="stable")  # groups each pair's rows, still in row order
    starts = np.diff(key[order], prepend=-1) != 0
    first, pair_of_row = np.flatnonzero(starts), np.cumsum(starts) - 1
    # np.bincount is a plain loop, `out[pair] += weight` from 0.0, in row order: the same
    # float64 additions in the same order as the old `score[other] += w`, hence equal sums.
    score = np.bincount(pair_of_row, weights=rows.weight[order], minlength=len(first))
    beyond = np.zeros(len(first), dtype=bool)
    beyond[pair_of_row[rows.beyond_column[order]]] = True
    keep = beyond & (score >= min_score)  # one common word (重庆, 工会) is no relation
    return rows.story[order][first][keep], rows.other[order][first][keep], score[keep]


def _best_first(
    stories: Sequence[Any], story: np.ndarray, other: np.ndarray, score: np.ndarray, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """The first `limit` pairs of each story by (-round(score, 9), day distance, slug, index)."""
    values = np.unique(score)
    # Python's round (correctly rounded), not np.round, which scales by 1e9 and may differ.
    # It is monotonic, so ranking the rounded values ranks the scores as the old key did.
    better = _dense_rank(-np.array([round(v, 9) for v in values.tolist()]))
    order = _lexicographic_order(
        [
            story,
            better[np.searchsorted(values, score)],
            _dense_rank(_day_distance(stories, story, other)),
            _slug_rank(stories)[other],
        ]
    )
    story, other = story[order], other[order]
    keep = _leading(story, limit)
    return story[keep], other[keep]


def _dense_rank(values: np.ndarray) -> np.ndarray:
    """0 for the smallest value, 1 for the next distinct one, and so on."""
    return np.searchsorted(np.unique(values), values)


def _lexicographic_order(keys: list[np.ndarray]) -> np.ndarray:
    """Indices sorting by keys[0], then keys[1]...; small non-negative ints packed in one int64."""
    widths = [int(key.max(initial=0)) + 1 for key in keys]
    if math.prod(widths) >= 2**63:
        return np.lexsort(keys[::-1])
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    for key, width in zip(keys, widths, strict=True):
        packed = packed * width + key
    return np.argsort(packed, kind="stable")


def _leading(story: np.ndarray, limit: int) -> np.ndarray:
    """Mask of the first `limit` entries (as in a slice [:limit]) of each run of equal stories."""
    first = np.flatnonzero(np.diff(story, prepend=-1))
    sizes = np.diff(first, append=len(story))
    kept = np.minimum(sizes, limit) if limit >= 0 else np.maximum(sizes + limit, 0)
    return np.arange(len(story)) - np.repeat(first, sizes) < np.repeat(kept, sizes)


def _slug_rank(stories: Sequence[Any]) -> np.ndarray:
    """Each story's place in slug order; equal slugs in index order (the sort is stable)."""
    rank = np.empty(len(stories), dtype=np.int64)
    rank[sorted(range(len(stories)), key=lambda index: stories[index].slug)] = range(len(stories))
    return rank


def _day_distance(stories: Sequence[Any], story: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Days between the issues of each pair; 10**6 when either date is missing."""
    days = [story_issue_date(s) for s in stories]
    ordinal = np.array([day.toordinal() if day else 0 for day in days], dtype=np.int64)
    dated = (ordinal[story] > 0) & (ordinal[other] > 0)
    return np.where(dated, np.abs(ordinal[story] - ordinal[other]), 10**6)
