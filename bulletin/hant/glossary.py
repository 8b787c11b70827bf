"""The editors' glossary: phrase overrides for the Traditional editions, from plain text files.

Format (see glossary/phrases.txt for the commented original):

    [all]                # applies to every Traditional edition
    余先生 = 余先生        # a comment may follow
    [zh-hant-hk]         # only the edition with this code
    ...

A file or a folder of `*.txt` files is read; a phrase may appear once per section across all
files, and an edition's own section beats [all]. Both sides must have the same number of
characters: Simplified-to-Traditional conversion is character for character, and the review
list and the leftover check rely on output lining up with input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ALL_EDITIONS = "all"
_SECTION = re.compile(r"\[\s*([a-z0-9-]+)\s*\]")
_COMMENT = re.compile(r"(^|\s)#.*$")


class GlossaryError(ValueError):
    """A glossary line cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Glossary:
    # section name -> {simplified phrase: traditional phrase}
    sections: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def entries_for(self, edition_code: str) -> dict[str, str]:
        """The overrides one edition uses: [all] first, then its own section on top."""
        merged = dict(self.sections.get(ALL_EDITIONS, {}))
        merged.update(self.sections.get(edition_code, {}))
        return merged

    def unknown_sections(self, edition_codes: set[str]) -> list[str]:
        """Sections naming no configured edition (usually a typo in the code)."""
        return sorted(set(self.sections) - edition_codes - {ALL_EDITIONS})


def parse_glossary(text: str, source: str = "<glossary>") -> Glossary:
    sections: dict[str, dict[str, str]] = {}
    _parse_into(sections, text, source)
    return Glossary(sections)


def load_glossary(path: Path) -> Glossary:
    """Read one glossary file, or every *.txt file in a folder (in name order)."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    sections: dict[str, dict[str, str]] = {}
    for file in files:
        _parse_into(sections, file.read_text(encoding="utf-8-sig"), str(file))
    return Glossary(sections)


def _parse_into(sections: dict[str, dict[str, str]], text: str, source: str) -> None:
    section: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", raw).strip()
        if not line:
            continue
        where = f"{source}:{number}"
        heading = _SECTION.fullmatch(line)
        if heading:
            section = heading.group(1)
            sections.setdefault(section, {})
            continue
        if section is None:
            raise GlossaryError(f"{where}: put a section like [all] above the first entry")
        simplified, traditional = _entry(line, where)
        entries = sections[section]
        if simplified in entries:
            raise GlossaryError(f"{where}: {simplified} is already in [{section}]")
        entries[simplified] = traditional


def _entry(line: str, where: str) -> tuple[str, str]:
    left, sep, right = line.partition("=")
    simplified, traditional = left.strip(), right.strip()
    if not sep or not simplified or not traditional:
        raise GlossaryError(f"{where}: expected '简体 = 繁體', got {line!r}")
    if "=" in traditional or any(ch.isspace() for ch in simplified + traditional):
        raise GlossaryError(f"{where}: one phrase on each side of '=', no spaces: {line!r}")
    if len(simplified) != len(traditional):
        raise GlossaryError(
            f"{where}: {simplified} has {len(simplified)} characters but {traditional} has "
            f"{len(traditional)}; both sides must have the same number"
        )
    return simplified, traditional
