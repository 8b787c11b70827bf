"""Word boundaries for OpenCC: no phrase may reach into a word the segmenter is sure of.

OpenCC cuts text by longest match over its phrase list, blind to words: 研发了解决方案 is cut
研发|了解|决方案 (了解 -> 瞭解) and 大家系好安全带 大家|家系… The segmenter (jieba-rs, through
rjieba) says 研发|了|解决方案 and 大家|系好|安全带.
A boundary is sure when a word of two or more characters from the segmenter's dictionary
(not one it guessed) starts or ends there; an
OpenCC phrase that covers whole words (据了解 = 据|了解, 一只) is fine, one that covers part of a
word is not.

Segmenting costs about as much as OpenCC, so whole texts are only checked: converting word by
word (one OpenCC call, a separator between words) and comparing sentence by sentence shows the
few sentences where the phrases and the words disagree. Only those are cut again, here, by the
same longest match OpenCC uses, skipping phrases that would cross a sure boundary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import rjieba

from .wheel import dictionary_entries

SEPARATOR = "\x01"  # OpenCC passes it through; no phrase contains it (NUL would end a C string)
# Newlines belong to no sentence: a segment never holds one (they separate segments).
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")


def words(text: str) -> list[str]:
    """The segmenter's words: its dictionary's, and its guesses for unknown ones (系好)."""
    return rjieba.cut(text, True)


def is_word(text: str) -> bool:
    return rjieba.has_word(text)


def sentences(text: str) -> Iterable[tuple[int, int]]:
    for match in _SENTENCE.finditer(text):
        yield match.start(), match.end()


def disagreeing_sentences(
    text: str, converted: str, convert: Callable[[str], str]
) -> list[tuple[int, int]]:
    """The sentences where converting word by word gives other characters than OpenCC did
    (one segmenter call and one OpenCC call for the whole text)."""
    if SEPARATOR in text:
        return list(sentences(text))  # cannot tell cheaply: check every sentence
    by_words = convert(SEPARATOR.join(words(text))).replace(SEPARATOR, "")
    if by_words == converted or len(by_words) != len(text):
        return []
    return [(s, e) for s, e in sentences(text) if by_words[s:e] != converted[s:e]]


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

    @cached_property
    def _phrases(self) -> tuple[frozenset[str], int]:
        keys = frozenset(self._dictionary)
        return keys, max(map(len, keys), default=1)

    def cut(self, text: str, sure_words: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """`text` as OpenCC's segments would be with `sure_words` (spans) never cut into."""
        phrases, longest = self._phrases
        inside: dict[int, tuple[int, int]] = {}  # boundary strictly inside a word -> the word
        for start, end in sure_words:
            for position in range(start + 1, end):
                inside[position] = (start, end)
        segments = []
        position, length = 0, len(text)
        while position < length:
            end = position + 1
            for size in range(min(longest, length - position), 1, -1):
                stop = position + size
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
