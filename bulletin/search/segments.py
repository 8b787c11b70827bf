"""Which articles go into which segment: a size-tiered merge policy, replayed over the archive.

An edition's index is a few immutable segments, each the articles of consecutive issues in
publication order (articles are numbered by date, so a segment is a range of numbers). A weekly
issue becomes a new small segment; segments already published are never rewritten. A merge
writes one new segment in place of several small ones, as Lucene's and Tantivy's tiered merge
policies do, so a query reads a handful of segments however many issues there are.

The layout is a function of the archive alone, never of the history of builds: ``plan`` replays
the policy issue by issue from the first, as if every issue had been added in its own week. A
fresh build of an archive and a build after any sequence of weekly additions therefore arrive at
the same segments, byte for byte. Replaying costs a loop over the issues' sizes, nothing more.

The policy (constants below): a new issue is a segment of its own; whenever the newest segments
hold ``MERGE_COUNT`` of one tier and none of a higher tier since the oldest of those, they are
merged into one, and again while that holds. A tier is a size in articles on a scale of
``TIER_FACTOR`` (with 2: 1 article tier 0, 2–3 tier 1, 4–7 tier 2, 8–15 tier 3 …); a smaller
issue among full ones is merged with them, so it does not hold a tier back. Merges happen at
the tail and rewrite the small, recent segments most often; the archive's bulk, in its few large
segments, is rewritten only when a tier fills (with issues of one size, every ``MERGE_COUNT **
k`` issues for tier k), so an article is rewritten about once per tier in its life: with 2 and
2 the segments of issues of one size are the binary digits of the number of issues.
"""

from __future__ import annotations

from collections.abc import Sequence

# Segments of one tier merged into one when there are this many: the query cost (each segment is
# one request per query term and trigram) against the bytes a merge rewrites. Replayed over 500
# ten-article issues (5,000 articles), 2 and 2 keep 4.4 segments on average (at most 9) and
# rewrite 46 articles a week on average (at most 160 in 95 % of weeks; the largest merge, once
# in 256 weeks, rewrites the 2,560 oldest); 4 and 4 kept 6.4 (at most 12) for 36 a week. A first
# query at 5,000 articles (工会驿站, 6,000-byte shards) fetched 173 KB from 4 and 4's nine
# segments, 143 KB from these seven.
MERGE_COUNT = 2
# A tier holds segments up to this factor apart in size.
TIER_FACTOR = 2


def tier(size: int) -> int:
    """The tier of a segment of ``size`` articles: floor(log_TIER_FACTOR(size))."""
    level = 0
    while size >= TIER_FACTOR:
        size //= TIER_FACTOR
        level += 1
    return level


def plan(issue_sizes: Sequence[int]) -> list[int]:
    """Articles per segment, in publication order, for issues of these sizes (oldest first)."""
    segments: list[int] = []
    for size in issue_sizes:
        if size <= 0:
            continue
        segments.append(size)
        start = merge_start(segments)
        while start is not None:
            segments[start:] = [sum(segments[start:])]
            start = merge_start(segments)
    return segments


def merge_start(segments: Sequence[int]) -> int | None:
    """Where the newest segments to merge start, or None: the shortest run of the newest that
    holds ``MERGE_COUNT`` segments of its oldest one's tier and none of a higher tier."""
    highest, count = -1, 0
    for start in range(len(segments) - 1, -1, -1):
        level = tier(segments[start])
        if level > highest:
            highest, count = level, 0
        if level == highest:
            count += 1
            if count >= MERGE_COUNT:
                return start
    return None


def issue_sizes(dates: Sequence[str]) -> list[int]:
    """Sizes of the runs of equal dates in ``dates`` (sorted): one run per issue."""
    sizes: list[int] = []
    previous = None
    for date in dates:
        if date != previous:
            sizes.append(0)
            previous = date
        sizes[-1] += 1
    return sizes


def ranges(dates: Sequence[str]) -> list[tuple[int, int]]:
    """(first article, end) of each segment of articles with these sorted dates."""
    bounds, start = [], 0
    for size in plan(issue_sizes(dates)):
        bounds.append((start, start + size))
        start += size
    return bounds
