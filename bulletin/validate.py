"""What editors write in content/articles/*.md, checked before anything is rendered.

Pelican reads a header it cannot use (a date such as 2024-13-45) by logging "Could not
process" and leaving the story out of every page, feed and index: the build still succeeds.
Every header field is therefore checked here first, against the table below; a problem names
the file, the line, the field, the value and what was expected. A field the table does not
know is a problem too (a misspelt `Catgory:` would otherwise be silently ignored), and so is
a slug another article already has (one page would overwrite the other).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# A check returns None when the value is fine, else what was expected instead.
Check = Callable[[str], str | None]
_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*:")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")
_NAME_SEPARATORS = re.compile(r"[,，、;；]")
# XML 1.0 (the feeds, the sitemap) cannot carry these; a pasted one stopped the whole build
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: str) -> str | None:
    return None if value.strip() else "some text"


def _date(value: str) -> str | None:
    expected = "a date YYYY-MM-DD (optionally HH:MM) that exists in the calendar"
    found = _DATE.fullmatch(value.strip())
    if not found:
        return expected
    try:
        numbers = [int(part) for part in found.groups() if part is not None]
        dt.datetime(*numbers)
    except ValueError:
        return expected
    return None


def _names(value: str) -> str | None:
    names = _NAME_SEPARATORS.split(value)
    if any(not name.strip() for name in names):
        return "names separated by commas, none of them empty"
    return None


def _slug(value: str) -> str | None:
    if _SLUG.fullmatch(value.strip()):
        return None
    return "lower-case ASCII letters, digits and single hyphens (it is the page's URL)"


def _order(value: str) -> str | None:
    text = value.strip()
    return None if text.isascii() and text.isdigit() and int(text) > 0 else "a whole number ≥ 1"


def _estimate(value: str) -> str | None:
    """How far an estimated date can be trusted: the site shows that much of it (日期待核)."""
    return None if value.strip() in ("month", "year") else "month or year (or leave the field out)"


# Every field an article may have (header names are case-insensitive, as Pelican reads them):
# what the ingest writes (bulletin/ingest/article_file.py) and what an editor may add.
FIELDS: dict[str, Check] = {
    "title": _text,
    "kicker": _text,
    "subtitle": _text,
    "date": _date,
    "date_estimated": _estimate,
    "category": _text,
    "tags": _names,
    "partners": _names,
    "authors": _names,
    "photographers": _names,
    "summary": _text,
    "slug": _slug,
    "order": _order,
    "issue": _slug,
    "issue_date": _date,
    "issue_date_estimated": _estimate,
    "issue_number": _text,
    "issue_title": _text,
    "source": _text,
    "review": _text,
}
# What the ingest always writes; a story without one of these cannot be placed on the site.
REQUIRED = ("title", "date", "category", "slug", "order", "issue", "issue_date")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one article file."""

    path: str  # as shown to the editor, e.g. content/articles/004-…/004-…-01.md
    line: int | None
    field: str  # as written in the file ("" when the problem is not one field's)
    value: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if not self.field:
            return f"{where}: {self.expected}"
        return f"{where}: {self.field}: {self.value!r} is not valid; expected {self.expected}"


@dataclass(frozen=True)
class Checked:
    """One article file as checked: its slug and title when it has them, and its problems."""

    path: str
    slug: str
    title: str
    problems: tuple[Problem, ...]


def check_article(path: str, text: str) -> Checked:
    """Check one article's header. `path` is how the file is named in messages."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    values: dict[str, str] = {}
    for line, raw in _header_lines(text):
        if not _HEADER_LINE.match(raw.strip()):
            expected = "a 'Field: value' line (the header ends at the first blank line)"
            problems.append(Problem(path, line, "", raw, f"{raw[:40]!r}: expected {expected}"))
            continue
        name, _colon, value = raw.partition(":")
        name, value, key = name.strip(), value.strip(), name.strip().lower()
        if key in seen:
            problems.append(
                Problem(path, line, name, value, f"one {name} (also on line {seen[key]})")
            )
            continue
        seen[key] = line
        values[key] = value
        check = FIELDS.get(key)
        if (control := _CONTROL.search(value)) is not None:
            at = f"U+{ord(control.group()):04X} at character {control.start() + 1}"
            expected = f"text without control characters ({at})"
            problems.append(Problem(path, line, name, value, expected))
            continue
        if check is None:
            known = ", ".join(field.capitalize() for field in FIELDS)
            problems.append(Problem(path, line, name, value, f"a known field: {known}"))
            continue
        expected = check(value)
        if expected is not None:
            problems.append(Problem(path, line, name, value, expected))
    for key in REQUIRED:
        if key not in values:
            problems.append(Problem(path, None, "", "", f"the field {key.capitalize()} is missing"))
    return Checked(path, values.get("slug", ""), values.get("title", ""), tuple(problems))


def _header_lines(text: str) -> list[tuple[int, str]]:
    """Every line of the header block (up to the first blank line) with its number, 1-based."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not raw.strip():
            break
        lines.append((number, raw))
    return lines


def check_articles(files: Iterable[tuple[str, bytes]]) -> list[Checked]:
    """Check every article, (name, bytes) each, and their slugs against each other: the
    second file (in the order given) that takes a slug is the one in error."""
    checked: list[Checked] = []
    owners: dict[str, str] = {}
    for path, data in files:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            problem = Problem(path, None, "", "", f"the file is not UTF-8 ({error.reason})")
            checked.append(Checked(path, "", "", (problem,)))
            continue
        one = check_article(path, text)
        if one.slug and one.slug in owners:
            line = next((n for n, raw in _header_lines(text) if _is_slug_line(raw)), None)
            taken = f"a slug no other article has ({owners[one.slug]} has it)"
            one = Checked(
                path,
                one.slug,
                one.title,
                (*one.problems, Problem(path, line, "Slug", one.slug, taken)),
            )
        elif one.slug:
            owners[one.slug] = path
        checked.append(one)
    return checked


def _is_slug_line(raw: str) -> bool:
    return raw.partition(":")[0].strip().lower() == "slug"


def article_files(content: Path, folder: str = "articles") -> list[Path]:
    """The article files Pelican reads (ARTICLE_PATHS), in a stable order."""
    return sorted((Path(content) / folder).rglob("*.md"))


def check_content(content: Path, shown_as: str = "content") -> list[Checked]:
    """Every article under `content`/articles, named in messages as `shown_as`/articles/…."""
    files = article_files(content)
    return check_articles(
        (f"{shown_as}/{path.relative_to(content).as_posix()}", path.read_bytes()) for path in files
    )
