"""Was anything on a Traditional page left unconverted? Convert it again and see what changes.

Converting Traditional output a second time changes nothing, except where:
- a glossary entry or a marked name deliberately keeps a character OpenCC would convert
  (余先生, {{余敏}}); pass names shown without their marks (in titles) as `keep`;
- the character is one OpenCC itself may output for itself: 采 stays 采 in 风采 -> 風采, but a
  second pass no longer sees the Simplified phrase and converts 采 alone to 採.
Anything else that changes is Simplified text the build forgot to convert.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .converter import EditionConverter
from .markup import convert_slots
from .no_convert import kept_ranges
from .slots import scan
from .wheel import NativeToolMissing, dictionary_entries

CONTEXT = 8


@dataclass(frozen=True)
class Leftover:
    found: str  # the characters on the page
    again: str  # what converting them again gives
    context: str
    where: str  # "text" or the attribute's name


def find_unconverted(
    text: str, converter: EditionConverter, keep: Iterable[str] = ()
) -> list[Leftover]:
    """Leftovers in plain converted text (a title, a feed entry)."""
    plain, kept = kept_ranges(text)
    again = converter.convert_plain(plain)
    return _Judge(converter, keep).leftovers(plain, again, kept, "text")


def find_unconverted_html(
    html: str, converter: EditionConverter, keep: Iterable[str] = ()
) -> list[Leftover]:
    """Leftovers in a converted page: text and the attributes conversion covers."""
    judge = _Judge(converter, keep)
    slots = scan(html)
    agains = convert_slots(html, slots, converter.convert_many)
    found: list[Leftover] = []
    for slot, again in zip(slots, agains, strict=True):
        plain, kept = kept_ranges(html[slot.start : slot.end])
        found.extend(judge.leftovers(plain, again, kept, slot.attribute or "text"))
    return found


class _Judge:
    def __init__(self, converter: EditionConverter, keep: Iterable[str]) -> None:
        if not converter.length_preserving:
            raise ValueError(
                f"{converter.edition.opencc_config} changes the number of characters; "
                "the leftover check needs a config that converts character for character"
            )
        self.converter = converter
        outputs = {converter.convert_plain(key) for key in converter.glossary}
        self.protected = sorted({*outputs, *converter.glossary.values(), *keep}, key=len)[::-1]

    @cached_property
    def _candidates(self) -> dict[str, tuple[str, ...]]:
        try:
            return dictionary_entries("STCharacters", self.converter.cache_dir)
        except NativeToolMissing:
            return {}  # stricter: every changed character counts

    def _may_stay(self, char: str) -> bool:
        return char in self._candidates.get(char, ())

    def leftovers(
        self, plain: str, again: str, kept: list[tuple[int, int]], where: str
    ) -> list[Leftover]:
        if plain == again:
            return []
        shielded = set()
        for start, end in [*kept, *self._occurrences(plain)]:
            shielded.update(range(start, end))
        changed = [
            index
            for index, (before, after) in enumerate(zip(plain, again, strict=True))
            if before != after and index not in shielded and not self._may_stay(before)
        ]
        return [
            Leftover(
                plain[start:end],
                again[start:end],
                plain[max(0, start - CONTEXT) : end + CONTEXT],
                where,
            )
            for start, end in _runs(changed)
        ]

    def _occurrences(self, text: str) -> list[tuple[int, int]]:
        return [
            (match.start(), match.end())
            for phrase in self.protected
            if phrase in text
            for match in re.finditer(re.escape(phrase), text)
        ]


def _runs(indexes: list[int], gap: int = 2) -> list[tuple[int, int]]:
    """Changed positions as spans; spans a character or two apart are reported as one."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and index - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
