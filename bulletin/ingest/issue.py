"""One raw issue: decode, classify, repair, group. ``parse_text`` is the whole pure pipeline."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .classify import classify
from .decode import split_lines
from .model import ParsedIssue, Warning
from .regroup import regroup
from .repair import repair
from .structure import group_stories


@dataclass
class IssueInfo:
    """What an editor states about an issue in ``seeds/<name>.toml`` (all optional)."""

    key: str
    date: dt.date | None = None
    number: str | None = None
    title: str | None = None
    section: str | None = None  # column for stories printed under no label
    stated: set[str] = field(default_factory=set)


_KEY_CHARS = re.compile(r"[^a-z0-9]+")


def issue_key(path: Path) -> str:
    """Stable ASCII key from the file name: it is part of every article URL of the issue."""
    return _KEY_CHARS.sub("-", path.stem.lower()).strip("-") or "issue"


def read_sidecar(seed: Path) -> tuple[IssueInfo, list[Warning]]:
    info = IssueInfo(key=issue_key(seed))
    sidecar = seed.with_suffix(".toml")
    if not sidecar.exists():
        return info, []
    where = str(sidecar)
    try:
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return info, [
            Warning(
                where,
                getattr(error, "lineno", None),
                "bad-sidecar",
                f"cannot read issue details: {error}",
            )
        ]
    warnings: list[Warning] = []
    for name, value in data.items():
        if name == "date":
            if isinstance(value, dt.date):
                info.date = value
            else:
                try:
                    info.date = dt.date.fromisoformat(str(value))
                except ValueError:
                    warnings.append(
                        Warning(where, None, "bad-sidecar", f"date '{value}' is not YYYY-MM-DD")
                    )
                    continue
        elif name in ("number", "title", "section"):
            setattr(info, name, str(value))
        elif name == "key":
            info.key = _KEY_CHARS.sub("-", str(value).lower()).strip("-") or info.key
        else:
            warnings.append(Warning(where, None, "bad-sidecar", f"unknown setting '{name}'"))
            continue
        info.stated.add(name)
    return info, warnings


def parse_text(text: str, source: str, default_section: str | None = None) -> ParsedIssue:
    """Raw issue text -> stories in printed order, with dropped lines and warnings."""
    elements = classify(split_lines(text))
    elements, warnings = repair(elements, source)
    stories, dropped, more, headline = group_stories(elements, source, default_section)
    warnings.extend(more)
    stories, dropped, warnings = regroup(stories, headline, dropped, warnings, source)
    warnings.sort(key=lambda w: (w.line or 0, w.code))
    return ParsedIssue(source, stories, dropped, warnings, headline)
