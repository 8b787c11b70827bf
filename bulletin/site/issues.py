"""Printed issues rebuilt from their stories: order inside an issue, neighbours, sort keys.

A story is any object with the article attributes the ingest writes (issue, issue_date,
issue_number, issue_title, order, date, slug); Pelican articles qualify, so do test doubles.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .date_format import to_date


@dataclass(eq=False)
class Issue:
    key: str
    date: dt.date | None
    number: str = ""
    title: str = ""
    estimate: str = ""  # "month" or "year" when the issue's date is an estimate (日期待核)
    stories: list[Any] = field(default_factory=list)
    newer: Issue | None = None
    older: Issue | None = None
    url: str = ""
    save_as: str = ""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def month(self) -> int | None:
        return self.date.month if self.date else None

    @property
    def lead(self) -> Any:
        return self.stories[0] if self.stories else None


def story_order(story: Any) -> int:
    try:
        return int(getattr(story, "order", 0) or 0)
    except (TypeError, ValueError):
        return 0


def story_issue_date(story: Any) -> dt.date | None:
    return to_date(getattr(story, "issue_date", None)) or to_date(getattr(story, "date", None))


def archive_sort_key(story: Any) -> tuple:
    """Newest issue first, then the printed order inside the issue; slug breaks any tie."""
    day = story_issue_date(story)
    ordinal = day.toordinal() if day else 0
    return (
        -ordinal,
        _descending(getattr(story, "issue", "") or ""),
        story_order(story),
        story.slug,
    )


def _descending(text: str) -> tuple[int, ...]:
    # Sort strings in reverse inside an ascending tuple key.
    return tuple(-ord(ch) for ch in text)


def group_issues(stories: Iterable[Any]) -> list[Issue]:
    """Issues newest first, each with its stories in printed order and links to its neighbours."""
    by_key: dict[str, Issue] = {}
    for story in stories:
        key = getattr(story, "issue", "") or ""
        if not key:
            continue
        issue = by_key.get(key)
        if issue is None:
            issue = by_key[key] = Issue(key=key, date=story_issue_date(story))
        issue.stories.append(story)
        issue.number = issue.number or (getattr(story, "issue_number", "") or "")
        issue.estimate = issue.estimate or (getattr(story, "issue_date_estimated", "") or "")
        issue.title = issue.title or (getattr(story, "issue_title", "") or "")
    issues = sorted(
        by_key.values(),
        key=lambda i: (i.date.toordinal() if i.date else 0, i.key),
        reverse=True,
    )
    for issue in issues:
        issue.stories.sort(key=lambda s: (story_order(s), s.slug))
    for newer, older in itertools.pairwise(issues):
        newer.older, older.newer = older, newer
    return issues


def neighbours(issue: Issue, story: Any) -> tuple[Any | None, Any | None]:
    """The stories printed just before and just after `story` in its issue."""
    stories = issue.stories
    index = next(i for i, s in enumerate(stories) if s is story)
    before = stories[index - 1] if index > 0 else None
    after = stories[index + 1] if index + 1 < len(stories) else None
    return before, after
