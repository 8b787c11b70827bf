"""A few related stories per story, from other issues.

Stories are related when they share rare things: districts, partner places, the column and
the two-character words (bigrams) of their titles. Each shared feature weighs its inverse
document frequency, so 工匠学院 in two titles counts for much more than 工会. Candidates come only
from rare features' posting lists, which keeps the work near-linear for twenty years of issues.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from .issues import story_issue_date

_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# How much one shared feature of each kind weighs, before its rarity.
KIND_WEIGHT = {"district": 2.0, "partner": 1.5, "column": 0.5, "word": 1.0}


def title_bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text or ""):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def story_features(story: Any) -> set[tuple[str, str]]:
    features = {("district", str(t)) for t in getattr(story, "tags", None) or []}
    features |= {("partner", str(p)) for p in getattr(story, "partners", None) or []}
    column = getattr(story, "category", None)
    if column:
        features.add(("column", str(column)))
    title = f"{getattr(story, 'title', '')} {getattr(story, 'subtitle', '')}"
    features |= {("word", g) for g in title_bigrams(title)}
    return features


def related_stories(
    stories: Sequence[Any],
    limit: int = 4,
    features: Callable[[Any], set[tuple[str, str]]] = story_features,
    max_candidates_df: int = 200,
    min_score: float = 2.0,
) -> dict[str, list[Any]]:
    """slug -> up to `limit` stories from other issues, best first (deterministic)."""
    feats = [features(s) for s in stories]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, story_feats in enumerate(feats):
        for feat in story_feats:
            postings[feat].append(index)
    total = len(stories)
    weight = {
        feat: KIND_WEIGHT[feat[0]] * math.log(1 + total / len(posting))
        for feat, posting in postings.items()
    }
    result: dict[str, list[Any]] = {}
    for index, story in enumerate(stories):
        issue = getattr(story, "issue", None)
        candidates: set[int] = set()
        for feat in feats[index]:
            posting = postings[feat]
            if len(posting) <= max_candidates_df and len(posting) > 1:
                candidates.update(posting)
        day = story_issue_date(story)
        scored = []
        for other in candidates:
            if other == index or (issue and getattr(stories[other], "issue", None) == issue):
                continue
            shared = feats[index] & feats[other]
            if not any(kind != "column" for kind, _ in shared):
                continue  # sharing a column alone is not a relation
            score = sum(weight[f] for f in shared)
            if score < min_score:
                continue  # one common word (重庆, 工会) is no relation
            other_day = story_issue_date(stories[other])
            distance = abs((day - other_day).days) if day and other_day else 10**6
            scored.append((-round(score, 9), distance, stories[other].slug, other))
        scored.sort()
        result[story.slug] = [stories[entry[3]] for entry in scored[:limit]]
    return result
