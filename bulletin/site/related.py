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
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from .editions import master_text
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
    """
    feats = [features(s) for s in stories]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, story_feats in enumerate(feats):
        for feat in story_feats:
            postings[feat].append(index)
    total = len(stories)
    weight = {
        feat: KIND_WEIGHT[feat[0]] * math.log(1 + total / len(posting))
        for feat, posting in postings.items()
        if 1 < len(posting) <= max_df
    }
    issues = [getattr(s, "issue", None) for s in stories]
    days = [story_issue_date(s) for s in stories]
    result: dict[str, list[Any]] = {}
    for index, story in enumerate(stories):
        score: dict[int, float] = defaultdict(float)
        beyond_column: set[int] = set()  # sharing a column alone is not a relation
        for feat in feats[index]:
            w = weight.get(feat)
            if w is None:
                continue
            for other in postings[feat]:
                score[other] += w
                if feat[0] != "column":
                    beyond_column.add(other)
        ranked = []
        for other in beyond_column:
            if other == index or (issues[index] and issues[other] == issues[index]):
                continue
            if score[other] < min_score:
                continue  # one common word (重庆, 工会) is no relation
            day, other_day = days[index], days[other]
            distance = abs((day - other_day).days) if day and other_day else 10**6
            ranked.append((-round(score[other], 9), distance, stories[other].slug, other))
        ranked.sort()
        result[story.slug] = [stories[entry[3]] for entry in ranked[:limit]]
    return result
