"""Word boundaries for OpenCC: no phrase may reach into a word the segmenter is sure of.

OpenCC cuts text by longest match over its phrase list, blind to words: 研发了解决方案 is cut
研发|了解|决方案 (了解 -> 瞭解) and 大家系好安全带 大家|家系… The segmenter (jieba-rs, through
rjieba) says 研发|了|解决方案 and 大家|系好|安全带.
A boundary is sure when a word of two or more characters from the segmenter's dictionary
(not one it guessed) starts or ends there; an
OpenCC phrase that covers whole words (据了解 = 据|了解, 一只) is fine, one that covers part of a
word is not.

Segmenting costs about as much as OpenCC, so most sentences are never segmented: phrases and
words can only disagree where an ambiguous phrase occurs, one whose conversion is not its
characters' one by one (了解 -> 瞭解; most phrases, 工会 -> 工會, convert as their characters
do). Those phrases are found with an Aho-Corasick automaton; only the sentences holding one are
segmented and converted word by word (one OpenCC call, a separator between words), and
compared with OpenCC's text. The few that differ are cut again, here, by the same longest
match OpenCC uses, skipping phrases that would cross a sure boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import ahocorasick_rs
import rjieba

from ..files import atomic_write
from .wheel import dictionary_entries

SEPARATOR = "\x01"  # OpenCC passes it through; no phrase contains it (NUL would end a C string)
# Newlines belong to no sentence: a segment never holds one (they separate segments).
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


def words(text: str) -> list[str]:
    """The segmenter's words: its dictionary's, and its guesses for unknown ones (系好)."""
    return rjieba.cut(text, True)


def tagged_words(text: str) -> list[tuple[str, str]]:
    """The segmenter's words with their parts of speech ("nr": a person's name)."""
    return rjieba.tag(text, True)


def is_word(text: str) -> bool:
    return rjieba.has_word(text)


def sentences(text: str) -> Iterable[tuple[int, int]]:
    for match in _SENTENCE.finditer(text):
        yield match.start(), match.end()


class AmbiguousPhrases:
    """Where the phrases of OpenCC's segmentation dictionary can change a conversion: the
    phrases whose conversion is not their characters' converted one by one. Text holding
    none converts the same however it is cut."""

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = sorted(phrases)
        self._automaton = ahocorasick_rs.AhoCorasick(phrases) if phrases else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping occurrences; every occurrence overlaps one of them."""
        if self._automaton is None:
            return []
        return [(start, end) for _, start, end in self._automaton.find_matches_as_indexes(text)]

    def occur_in(self, text: str) -> bool:
        return bool(self.spans(text))


def ambiguous_phrases(phrases: Iterable[str], convert: Callable[[str], str]) -> list[str]:
    """The phrases `convert` turns into something else than their characters one by one
    (two OpenCC calls for the whole dictionary)."""
    phrases = [p for p in phrases if len(p) > 1 and "\n" not in p and SEPARATOR not in p]
    whole = convert("\n".join(phrases)).split("\n")
    alone = convert("\n".join(map(SEPARATOR.join, phrases))).replace(SEPARATOR, "").split("\n")
    if len(whole) != len(phrases) or len(alone) != len(phrases):
        return phrases  # cannot line them up: every phrase may matter
    return [p for p, w, a in zip(phrases, whole, alone, strict=True) if w != a]


def load_ambiguous_phrases(
    path: Path, phrases: Callable[[], Iterable[str]], convert: Callable[[str], str]
) -> AmbiguousPhrases:
    """AmbiguousPhrases from `path`, found and written there first if it is missing (`path`
    names the edition's config, glossary inside, so it changes with it)."""
    if path.exists():
        found = path.read_text(encoding="utf-8").split("\n")
    else:
        found = ambiguous_phrases(phrases(), convert)
        atomic_write(path, "\n".join(found))
    return AmbiguousPhrases(p for p in found if p)


def disagreeing_sentences(
    text: str, converted: str, convert: Callable[[str], str], ambiguous: AmbiguousPhrases
) -> list[tuple[int, int]]:
    """The sentences where converting word by word gives other characters than OpenCC did.
    Only sentences holding an ambiguous phrase are segmented and converted again (one
    segmenter call and one OpenCC call for all of them)."""
    candidates = spans_holding(list(sentences(text)), ambiguous.spans(text))
    if not candidates:
        return []
    joined = "\n".join(text[start:end] for start, end in candidates)
    if SEPARATOR in joined:
        return candidates  # cannot tell cheaply: check each of them
    by_words = convert(SEPARATOR.join(words(joined))).replace(SEPARATOR, "")
    if len(by_words) != len(joined):
        return []
    disagreeing = []
    position = 0
    for start, end in candidates:
        stop = position + end - start
        if by_words[position:stop] != converted[start:end]:
            disagreeing.append((start, end))
        position = stop + 1  # the newline between sentences
    return disagreeing


def spans_holding(
    spans: list[tuple[int, int]], occurrences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The spans (in order) that overlap any of the occurrences (in order)."""
    held = []
    index = 0
    for start, end in spans:
        while index < len(occurrences) and occurrences[index][1] <= start:
            index += 1
        if index < len(occurrences) and occurrences[index][0] < end:
            held.append((start, end))
    return held


class PhraseCutter:
    """OpenCC's own segmentation (longest match over its segmentation dictionaries and the
    glossary), with phrases that cross a sure word boundary left out - except the glossary's:
    an editor's phrase is always taken whole."""

    def __init__(self, config: dict, cache_dir: Path, glossary: Iterable[str] = ()) -> None:
        self._config = config
        self._cache_dir = cache_dir
        self._glossary = frozenset(glossary)

    @cached_property
    def _dictionary(self) -> dict[str, str]:
        """Every phrase OpenCC segments by, with its first conversion."""
        entries: dict[str, str] = {}
        for node in _dictionaries(self._config.get("segmentation", {}).get("dict", {})):
            if node.get("type") == "inline":
                entries.update(node.get("entries", {}))
            elif node.get("file", "").endswith(".ocd2"):
                name = Path(node["file"]).name.removesuffix(".ocd2")
                for key, values in dictionary_entries(name, self._cache_dir).items():
                    entries.setdefault(key, values[0])
        return entries

    def phrases(self) -> Iterable[str]:
        """Every phrase OpenCC segments by, the glossary's included."""
        return self._dictionary.keys()

    @cached_property
    def _phrases(self) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
        """The phrases, and the lengths of those starting with each character, longest first
        (most characters start none, or two or three)."""
        keys = frozenset(self._dictionary)
        lengths: dict[str, set[int]] = {}
        for key in keys:
            if len(key) > 1:
                lengths.setdefault(key[0], set()).add(len(key))
        return keys, {char: tuple(sorted(sizes, reverse=True)) for char, sizes in lengths.items()}

    def cut(self, text: str, sure_words: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`text` as OpenCC's segments would be with `sure_words` (spans) never cut into."""
        phrases, lengths = self._phrases
        inside: dict[int, tuple[int, int]] = {}  # boundary strictly inside a word -> the word
        for start, end in sure_words:
            for position in range(start + 1, end):
                inside[position] = (start, end)
        segments = []
        position, length = 0, len(text)
        while position < length:
            end = position + 1
            for size in lengths.get(text[position], ()):
                stop = position + size
                if stop > length:
                    continue
                phrase = text[position:stop]
                if phrase in phrases and (
                    phrase in self._glossary or _fits(position, stop, inside)
                ):
                    end = stop
                    break
            segments.append((position, end))
            position = end
        return segments


def _fits(start: int, end: int, inside: dict[int, tuple[int, int]]) -> bool:
    """The phrase [start, end) neither starts nor ends inside a word it does not lie within."""
    word = inside.get(start)
    if word is not None and end > word[1]:
        return False
    word = inside.get(end)
    return word is None or start >= word[0]


def sure_words(text: str) -> list[tuple[int, int]]:
    """Spans of the dictionary words of two or more characters in `text`."""
    spans = []
    position = 0
    for word in words(text):
        end = position + len(word)
        if len(word) > 1 and is_word(word):
            spans.append((position, end))
        position = end
    return spans


def _dictionaries(node: dict) -> Iterable[dict]:
    if node.get("type") == "group":
        for child in node.get("dicts", []):
            yield from _dictionaries(child)
    elif node:
        yield node
