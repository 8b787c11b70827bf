"""A held-out corpus of raw bulletins, each with the answers an editor would give.

tests/ingest/corpus/<NN>_<name>.txt is a raw issue (with an optional <stem>.toml sidecar, as in
seeds/); <stem>.expect.toml says, story by story in printed order, what its articles must read:
title, kicker, subtitle, column, districts, writers, photographers, how the body starts, what it
must and must not contain, and the issue's date. The corpus is ingested once as one archive, in
file-name order (the order the date estimate of an undated issue uses).

The expectations were written from the raw text, never from the parser's output. Conventions:
wrapped title lines are joined with one space; a subtitle is given without its leading ——, a
kicker without a trailing ：; full-width letters and digits read half-width; a Traditional
submission reads in Simplified characters with “” quotes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from bulletin.ingest.issue import issue_key
from bulletin.ingest.run import ingest
from bulletin.render import split_header

CORPUS = Path(__file__).resolve().parent / "corpus"
BULLETINS = sorted(CORPUS.glob("*.txt"))
ESTIMATES = {"month", "year"}
# Leading markup that is not body text: a list item's "- ", a heading's "#", a bullet mark.
_LEADING_MARKS = re.compile(r"^(?:[-*]\s+|#+\s*|[◎◆■●▲]\s*)+")


@dataclass(frozen=True)
class Story:
    header: dict[str, str]
    body: str

    def text(self, field: str) -> str:
        return self.header.get(field.lower(), "")

    def names(self, field: str) -> set[str]:
        return {n.strip() for n in self.text(field).split(",") if n.strip()}

    @property
    def order(self) -> int:
        return int(self.text("Order") or 0)

    def opening(self) -> str:
        """The body without ::: container lines, from its first line of text, markup stripped."""
        lines = [
            line.strip()
            for line in self.body.splitlines()
            if line.strip() and not line.strip().startswith(":::")
        ]
        return _LEADING_MARKS.sub("", lines[0]) if lines else ""


def _sidecar_files() -> list[Path]:
    return [p for p in CORPUS.glob("*.toml") if not p.name.endswith(".expect.toml")]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Story]]:
    """Ingest the whole corpus once; issue key -> its stories in Order."""
    root = tmp_path_factory.mktemp("corpus")
    seeds, content = root / "seeds", root / "content"
    seeds.mkdir()
    for path in [*BULLETINS, *_sidecar_files()]:
        shutil.copy(path, seeds / path.name)
    ingest(seeds, content)
    issues: dict[str, list[Story]] = {}
    for folder in sorted((content / "articles").iterdir()):
        stories = []
        for md in folder.glob("*.md"):
            header, body = split_header(md.read_text(encoding="utf-8"))
            stories.append(Story(dict(header), body))
        issues[folder.name] = sorted(stories, key=lambda s: s.order)
    return issues


def _expected(path: Path) -> dict:
    return tomllib.loads(path.with_suffix(".expect.toml").read_text(encoding="utf-8"))


def _listing(actual: list[Story], expected: list[dict]) -> str:
    def row(title: str, kicker: str, subtitle: str, section: str) -> str:
        extra = "".join(
            f" | {name} {value}" for name, value in (("kicker", kicker), ("sub", subtitle)) if value
        )
        return f"[{section}] {title}{extra}"

    lines = ["actual stories:"]
    lines += [
        f"  {s.order}. "
        + row(s.text("Title"), s.text("Kicker"), s.text("Subtitle"), s.text("Category"))
        for s in actual
    ]
    lines.append("expected stories:")
    lines += [
        f"  {i}. "
        + row(e["title"], e.get("kicker", ""), e.get("subtitle", ""), e.get("section", ""))
        for i, e in enumerate(expected, 1)
    ]
    return "\n".join(lines)


def _story_problems(n: int, story: Story, want: dict) -> list[str]:
    problems = []
    for field, header in (("title", "Title"), ("kicker", "Kicker"), ("subtitle", "Subtitle")):
        if story.text(header) != want.get(field, ""):
            problems.append(f"{field}: {story.text(header)!r} != {want.get(field, '')!r}")
    if "section" in want and story.text("Category") != want["section"]:
        problems.append(f"section: {story.text('Category')!r} != {want['section']!r}")
    for field, header in (
        ("districts", "Tags"),
        ("authors", "Authors"),
        ("photographers", "Photographers"),
    ):
        if field in want and story.names(header) != set(want[field]):
            problems.append(f"{field}: {sorted(story.names(header))} != {sorted(want[field])}")
    if "starts" in want and not story.opening().startswith(want["starts"]):
        problems.append(f"body starts {story.opening()[:30]!r}, not {want['starts']!r}")
    flat = "".join(story.body.split())  # a snippet may span a soft line break
    problems += [
        f"body lacks {s!r}" for s in want.get("contains", []) if "".join(s.split()) not in flat
    ]
    problems += [f"body has {s!r}" for s in want.get("excludes", []) if s in story.body]
    return [f"story {n} ({want['title']}): {p}" for p in problems]


def _issue_problems(stories: list[Story], want: dict) -> list[str]:
    dates = {s.text("Issue_date") for s in stories}
    if len(dates) != 1:
        return [f"the stories carry different issue dates: {sorted(dates)}"]
    (stated,) = dates
    estimated = {s.text("Issue_date_estimated") for s in stories}
    problems = []
    if "date" in want:
        if stated != want["date"]:
            problems.append(f"Issue_date {stated!r} != {want['date']!r}")
        if estimated != {want.get("estimated", "")}:
            problems.append(f"Issue_date_estimated {sorted(estimated)} != {want.get('estimated')}")
    else:
        low, high = (dt.date.fromisoformat(d) for d in want["date_between"])
        try:
            inside = low <= dt.date.fromisoformat(stated) <= high
        except ValueError:
            inside = False
        if not inside:
            problems.append(f"Issue_date {stated!r} not within {low}..{high}")
        if len(estimated) != 1 or not estimated <= ESTIMATES:
            problems.append(f"Issue_date_estimated {sorted(estimated)} is not one of {ESTIMATES}")
    if "number" in want and {s.text("Issue_number") for s in stories} != {want["number"]}:
        numbers = sorted({s.text("Issue_number") for s in stories})
        problems.append(f"Issue_number {numbers} != {want['number']!r}")
    return problems


def test_every_bulletin_has_its_answers() -> None:
    assert len(BULLETINS) >= 12
    for path in BULLETINS:
        expected = _expected(path)
        assert expected["story"], path.name
        assert ("date" in expected["issue"]) != ("date_between" in expected["issue"]), path.name


@pytest.mark.parametrize("path", BULLETINS, ids=[p.stem for p in BULLETINS])
def test_bulletin_reads_as_an_editor_would(path: Path, archive: dict[str, list[Story]]) -> None:
    expected = _expected(path)
    stories = archive.get(issue_key(path), [])
    wanted = expected["story"]
    problems: list[str] = []
    if len(stories) != len(wanted):
        problems.append(f"{len(stories)} stories, expected {len(wanted)}")
    else:
        for n, (story, want) in enumerate(zip(stories, wanted, strict=True), 1):
            problems += _story_problems(n, story, want)
    if stories:
        problems += _issue_problems(stories, expected["issue"])
    assert not problems, "\n".join([*problems, _listing(stories, wanted)])


def test_no_story_body_is_empty(archive: dict[str, list[Story]]) -> None:
    empty = [
        f"{key}: {s.text('Title')}"
        for key, stories in archive.items()
        for s in stories
        if not s.opening()
    ]
    assert not empty, empty
