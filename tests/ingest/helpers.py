"""Parsing helpers shared by the ingest tests."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bulletin.ingest.decode import split_lines
from bulletin.ingest.issue import parse_text
from bulletin.ingest.model import ParsedIssue

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def parse_seed(prefix: str) -> ParsedIssue:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_text(path.read_text(encoding="utf-8"), f"seeds/{path.name}")


def accounting(text: str, parsed: ParsedIssue) -> tuple[set[int], set[int], list[int]]:
    """(non-blank lines nobody has, lines claimed that are blank, lines claimed twice)."""
    nonblank = {i for i, line in enumerate(split_lines(text), 1) if line.strip()}
    claimed = Counter(n for s in parsed.stories for n in s.lines())
    claimed.update(d.line for d in parsed.dropped)
    twice = sorted(n for n, c in claimed.items() if c > 1)
    return nonblank - set(claimed), set(claimed) - nonblank, twice


def body_text(story) -> str:
    return "\n".join(e.text for e in story.body)


def allow_duplicates(monkeypatch) -> None:
    """For a test that ingests one text under several names on purpose (encodings, warnings):
    no issue is set aside as a duplicate (that is tested in test_duplicates.py)."""
    import bulletin.ingest.run as run

    monkeypatch.setattr(run, "set_aside", lambda _seeds, files, *_args: (files, []))
