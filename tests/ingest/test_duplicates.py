"""An issue whose text is the same as, or nearly the same as, another's is published once
(bulletin/ingest/duplicates.py), on the real seed archive."""

from __future__ import annotations

import re
import shutil
from itertools import combinations
from pathlib import Path

from bulletin.ingest.decode import decode_bytes
from bulletin.ingest.duplicates import THRESHOLD, find_duplicates, shingles, similarity
from bulletin.ingest.run import ingest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _text(path: Path) -> str:
    return decode_bytes(path.read_bytes()).text


def test_different_issues_are_far_below_the_threshold() -> None:
    sets = [shingles(_text(path)) for path in SEEDS]
    worst = max(similarity(a, b) for a, b in combinations(sets, 2))
    assert worst < 0.05 < THRESHOLD
    assert find_duplicates([(p.name, s) for p, s in zip(SEEDS, sets, strict=True)]) == []


def test_a_copy_retyped_with_a_change_in_every_paragraph_is_still_found() -> None:
    text = _text(SEEDS[3])
    # every tenth line gets a word changed and spaces, width and punctuation are changed
    lines = text.splitlines()
    edited = [line.replace("的", "之", 1) if i % 10 == 0 else line for i, line in enumerate(lines)]
    retyped = re.sub(r"，", ", ", "\r\n".join(edited)).replace("2024", "２０２４")
    score = similarity(shingles(text), shingles(retyped))
    assert THRESHOLD <= score < 1.0
    found = find_duplicates([("a.txt", shingles(text)), ("b.txt", shingles(retyped))])
    assert [(d.name, d.original) for d in found] == [("b.txt", "a.txt")]


def test_the_published_one_is_kept_whatever_the_order() -> None:
    sampled = shingles(_text(SEEDS[0]))
    found = find_duplicates([("a.txt", sampled), ("z.txt", sampled)], published=["z.txt"])
    assert [(d.name, d.original, d.similarity) for d in found] == [("a.txt", "z.txt", 1.0)]


def test_the_same_issue_under_another_name_is_reported_and_published_once(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy2(seed, seeds / seed.name)
    content = tmp_path / "content"
    first = ingest(seeds, content, cache_dir=tmp_path / "cache")
    shutil.copy2(SEEDS[1], seeds / "000_again.txt")  # sorts first, the original stays
    report = ingest(seeds, content, cache_dir=tmp_path / "cache")
    assert report.article_count == first.article_count
    assert not (content / "articles" / "000-again").exists()
    (warning,) = [w for w in report.warnings if w.code == "duplicate-issue"]
    assert warning.source == "seeds/000_again.txt"
    assert f"the same issue as seeds/{SEEDS[1].name} (100%" in warning.message
