"""One raw issue: decode, classify, repair, group. ``parse_text`` is the whole pure pipeline."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
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


_AT = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def read_sidecar(seed: Path) -> tuple[IssueInfo, list[Warning]]:
    """What `seeds/<name>.toml` states. Every problem in it is an error (code "bad-sidecar"),
    with the line and column where it is: an issue whose sidecar cannot be read as written
    is not ingested at all (its date must not fall back to a guess)."""
    info = IssueInfo(key=issue_key(seed))
    sidecar = seed.with_suffix(".toml")
    if not sidecar.exists():
        return info, []
    where = str(sidecar)
    try:
        text = sidecar.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = sidecar.read_bytes()[: error.start].count(b"\n") + 1
        return info, [_sidecar_error(where, line, None, "not UTF-8 text; save it as UTF-8")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        reason = str(error)
        found = _AT.search(reason)
        line, column = _end_of(text)
        if found and found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
        reason = reason[: found.start()] if found else reason
        return info, [_sidecar_error(where, line, column, f"not valid TOML: {reason}")]
    warnings: list[Warning] = []
    for name, value in data.items():
        line, column = _setting_at(text, name)
        if name == "date":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                info.date = value
            else:
                try:
                    info.date = dt.date.fromisoformat(str(value))
                except ValueError:
                    message = f"date {value!r} is not a date; expected date = YYYY-MM-DD"
                    warnings.append(_sidecar_error(where, line, column, message))
                    continue
        elif name in ("number", "title", "section") and isinstance(value, str | int):
            setattr(info, name, str(value))
        elif name == "key" and isinstance(value, str):
            info.key = _KEY_CHARS.sub("-", str(value).lower()).strip("-") or info.key
        else:
            known = ("date", "number", "title", "section", "key")
            expected = "text" if name in known else f"one of: {', '.join(known)}"
            message = f"{name} = {value!r}: expected {expected}"
            warnings.append(_sidecar_error(where, line, column, message))
            continue
        info.stated.add(name)
    return info, warnings


SIDECAR_ERROR = "bad-sidecar"


def sidecar_errors(warnings: Iterable[Warning]) -> list[Warning]:
    """The errors among an ingest's warnings: sidecars that could not be read as written."""
    return [warning for warning in warnings if warning.code == SIDECAR_ERROR]


def _sidecar_error(where: str, line: int, column: int | None, message: str) -> Warning:
    at = f"column {column}: " if column else ""
    return Warning(where, line, SIDECAR_ERROR, f"{at}{message}")


def _end_of(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _setting_at(text: str, name: str) -> tuple[int, int | None]:
    """Line and column of a top-level setting's value (where an editor looks for it)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=\s*", re.MULTILINE)
    found = pattern.search(text)
    if not found:
        return 1, None
    line_start = text.rfind("\n", 0, found.start()) + 1
    return text.count("\n", 0, found.start()) + 1, found.end() - line_start + 1


def parse_text(text: str, source: str, default_section: str | None = None) -> ParsedIssue:
    """Raw issue text -> stories in printed order, with dropped lines and warnings."""
    elements = classify(split_lines(text))
    elements, warnings = repair(elements, source)
    stories, dropped, more, headline = group_stories(elements, source, default_section)
    warnings.extend(more)
    stories, dropped, warnings = regroup(stories, headline, dropped, warnings, source)
    warnings.sort(key=lambda w: (w.line or 0, w.code))
    return ParsedIssue(source, stories, dropped, warnings, headline)
