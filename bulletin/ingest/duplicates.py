"""The same issue saved twice (under another file name, or re-typed with a few corrections)
is published once.

Issues are compared on their normalised text (NFKC, no spaces, no punctuation), cut into
overlapping 8-character shingles. Eight Chinese characters are a phrase: two different issues
of the bulletin share only their masthead, column labels and stock phrases, while a copy
shares nearly every shingle. Similarity is the Jaccard index of two issues' shingle sets;
from 0.85 up an issue is a duplicate. On the sample archive different issues score at most
0.01; a copy scores 1.0, and one with a changed sentence in every story still scores about
0.9 (tests/ingest/test_duplicates.py measures both).

Comparing every pair of issues would grow with the square of the archive, so only a sample
of each issue's shingles (those whose hash is 0 modulo 8) is indexed, and only issues sharing
sampled shingles are compared; a shingle found in many issues (boilerplate) proposes no pair.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..cache_keys import code_fingerprint, text_key
from ..pickle_cache import PickleCache
from .decode import decode_bytes

SHINGLE = 8  # characters
THRESHOLD = 0.85  # Jaccard index from which two issues are one
SAMPLE = 8  # one shingle in SAMPLE (by hash) is indexed
SMALL = 64 * SAMPLE  # below this many shingles an issue is compared on all of them
COMMON = 20  # a shingle in more issues than this is boilerplate: it proposes no pair
_NOT_TEXT = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Only letters and digits, width and compatibility forms folded, lower case."""
    return _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text)).lower()


def shingles(text: str) -> frozenset[int]:
    """The shingles of a text, each as a 32-bit hash: one in SAMPLE of them, or all of them
    for a text too short for a sample to measure it (fewer than SMALL shingles)."""
    plain = normalise(text)
    count = max(len(plain) - SHINGLE + 1, 1 if plain else 0)
    if count < SMALL:
        return frozenset(zlib.crc32(plain[i : i + SHINGLE].encode()) for i in range(count))
    # Sample first by the shingle's first and last characters (the same shingle is always
    # sampled the same way) and hash only the one in SAMPLE kept: hashing every shingle
    # was most of the ingest of a short archive.
    last = SHINGLE - 1
    return frozenset(
        zlib.crc32(plain[i : i + SHINGLE].encode())
        for i in range(count)
        if (ord(plain[i]) + ord(plain[i + last])) % SAMPLE == 0
    )


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class Duplicate:
    name: str  # the issue left out
    original: str  # the issue it repeats, which is published
    similarity: float


def find_duplicates(
    issues: Sequence[tuple[str, frozenset[int]]], published: Iterable[str] = ()
) -> list[Duplicate]:
    """Which of `issues` (name, shingles(text)), in order, repeat another. Of two alike, the
    one already `published` is kept, else the first; the other is the duplicate."""
    published = set(published)
    order = {name: (name not in published, index) for index, (name, _s) in enumerate(issues)}
    owners: dict[int, list[str]] = {}
    for name, sampled in issues:
        for value in sampled:
            owners.setdefault(value, []).append(name)
    shared: Counter[tuple[str, str]] = Counter()
    for names in owners.values():
        if len(names) <= COMMON:
            shared.update(combinations(sorted(names, key=order.__getitem__), 2))
    sets = dict(issues)
    duplicates: dict[str, Duplicate] = {}
    for (first, second), count in sorted(shared.items(), key=lambda item: order[item[0][1]]):
        smaller = min(len(sets[first]), len(sets[second]))
        if count < THRESHOLD * smaller or second in duplicates or first in duplicates:
            continue
        score = similarity(sets[first], sets[second])
        if score >= THRESHOLD:
            duplicates[second] = Duplicate(second, first, score)
    return sorted(duplicates.values(), key=lambda d: order[d.name])


CACHE_FILE = "duplicates.pickle"  # each seed's shingles, by its bytes


def set_aside(
    seeds_dir: Path, files: list[Path], published: Iterable[str], cache_dir: Path | None
) -> tuple[list[Path], list[tuple[Path, Duplicate]]]:
    """`files` without the duplicates, and each duplicate left out with what it repeats.
    Issues are named as the ingest names its sources (`seeds/<file>`); `published`: the
    sources that already have articles in content/."""
    cache = PickleCache(Path(cache_dir) / CACHE_FILE if cache_dir else None)
    named: list[tuple[str, frozenset[int]]] = []
    by_name: dict[str, Path] = {}
    for path in files:
        data = path.read_bytes()
        sampled = cache.remember(
            text_key(code_fingerprint(), data),
            lambda data=data: shingles(decode_bytes(data).text or ""),
        )
        name = f"{seeds_dir.name}/{path.name}"
        named.append((name, sampled))
        by_name[name] = path
    cache.save()
    found = find_duplicates(named, published)
    left_out = {by_name[d.name] for d in found}
    return [p for p in files if p not in left_out], [(by_name[d.name], d) for d in found]
