"""What the last build published, and the last good source of every story it published.

A story must never leave the site by accident. After a build has replaced output/, it records
here every article it published (content path -> slug and title) and keeps a copy of each
article's source as it was then (`<cache>/published/sources/…`). The next build compares:
a story published last time whose article file is still there but will not be published now
(its header is invalid, Pelican could not read it) stops the build, naming the story and why.
`invoke build --keep-going` publishes anyway, with the copy kept here in place of the broken
file, so the story stays on the site as it last was.

A story whose article file is gone (an editor deleted it, or its seed was removed and the
ingest retired it) is meant to go and goes. The copies are sources, not pages, so a story
kept this way is in its issue page, the lists, the feeds and the search index like any other.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .files import atomic_write
from .validate import Problem

FOLDER = "published"  # in CACHE_PATH
RECORD = "record.json"
SOURCES = "sources"


@dataclass(frozen=True)
class Story:
    path: str  # relative to content/, e.g. articles/004-…/004-…-01.md
    slug: str
    title: str


@dataclass
class Outcome:
    """What a build found wrong with its content and what it did about it."""

    problems: list[Problem] = field(default_factory=list)
    kept: list[Story] = field(default_factory=list)  # published as last good, not as edited
    left_out: list[Story] = field(default_factory=list)  # not published at all
    vanishing: list[tuple[Story, str]] = field(default_factory=list)  # (story, why)
    published: list[Story] = field(default_factory=list)  # what the site holds
    not_ingested: list[str] = field(default_factory=list)  # seeds whose sidecar has errors

    def summary(self) -> str:
        """The last line an editor reads."""
        parts = []
        if self.kept:
            parts.append(f"{_stories(self.kept)} kept as last published: {_titles(self.kept)}")
        if self.left_out:
            parts.append(f"{_stories(self.left_out)} not published: {_titles(self.left_out)}")
        if self.not_ingested:
            seeds = ", ".join(dict.fromkeys(self.not_ingested))
            parts.append(f"not ingested (its stories as last ingested, if any): {seeds}")
        return "; ".join(parts) or "nothing left out"


class ContentErrors(RuntimeError):
    """The content has problems and the build was told not to go on: nothing was published."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        super().__init__(outcome.summary())

    def report(self) -> list[str]:
        """Every problem, then every story that would have vanished, one line each."""
        lines = [str(problem) for problem in self.outcome.problems]
        for story, why in self.outcome.vanishing:
            lines.append(f"{story.title or story.slug} ({story.path}) would vanish: {why}")
        return lines


class PublishedWithProblems(ContentErrors):
    """--keep-going: the site was published, but not every article as it is in content/."""


def _stories(stories: list[Story]) -> str:
    return f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"


def _titles(stories: list[Story]) -> str:
    return ", ".join(f"“{s.title or s.slug}” ({s.path})" for s in stories)


class PublishedRecord:
    """`<cache>/published/`: record.json and sources/."""

    def __init__(self, cache: Path) -> None:
        self.folder = Path(cache) / FOLDER
        self.record = self.folder / RECORD
        self.sources = self.folder / SOURCES

    def stories(self) -> dict[str, dict]:
        """content path -> {"slug", "title", "state"} of the last build; empty when none."""
        try:
            data = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        stories = data.get("stories") if isinstance(data, dict) else None
        return stories if isinstance(stories, dict) else {}

    def last_good(self, path: str) -> Path | None:
        copy = self.sources / path
        return copy if copy.is_file() else None

    def remember(self, content: Path, published: list[Story], kept: set[str]) -> None:
        """After the site was replaced: `published` is what it holds; the sources in `kept`
        were published from their last good copy, which stays as it is."""
        before = self.stories()
        stories: dict[str, dict] = {}
        for story in published:
            state = None
            if story.path not in kept:
                state = _state(Path(content) / story.path)
                if state is None:
                    continue  # removed meanwhile: the next build sees it gone
                if before.get(story.path, {}).get("state") != state or not self.last_good(
                    story.path
                ):
                    atomic_write(
                        self.sources / story.path, (Path(content) / story.path).read_bytes()
                    )
            elif story.path in before:
                state = before[story.path].get("state")
            stories[story.path] = {"slug": story.slug, "title": story.title, "state": state}
        for path in before.keys() - stories.keys():
            (self.sources / path).unlink(missing_ok=True)
        data = json.dumps({"stories": stories}, ensure_ascii=False, sort_keys=True, indent=0)
        atomic_write(self.record, data.encode("utf-8"))

    def forget(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _state(path: Path) -> list[int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]
