"""The search tokenizer, mirrored by js/tokenize.js (tests/search/token_vectors.json keeps both
sides identical).

Chinese has no spaces, so a run of CJK characters becomes overlapping bigrams (a run of one
character stays a single token); Latin letters and digits form words. Before that every code point
is folded, one code point to one code point: full-width ASCII to half-width, ASCII and Latin-1
capitals to lower case, and Traditional to Simplified through a small character map made at build
time (see foldmap.py), so that both scripts land on the same tokens. Everything else (punctuation,
spaces, symbols) separates tokens.

Python strings are sequences of code points; the JavaScript side walks code points explicitly,
because many CJK characters lie outside the Basic Multilingual Plane.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

FoldMap = Mapping[str, str]

# Ideographs of every extension, compatibility ideographs, 〇, kana and Hangul syllables.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
CJK_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last in CJK_RANGES)
# ASCII letters and digits and the Latin-1 lower-case letters (after folding): café, müller.
WORD_CLASS = "0-9a-z\u00df-\u00f6\u00f8-\u00ff"
TOKEN_RUNS = re.compile(f"([{CJK_CLASS}]+)|([{WORD_CLASS}]+)")
_CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
_QUERY_SPACE = re.compile("[\t\n\v\f\r \u00a0]+")


class Token(NamedTuple):
    """A token and the code-point span [start, end) of the text it came from."""

    text: str
    start: int
    end: int


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.fullmatch(char))


def _width_and_case_table() -> dict[int, int]:
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = 0x20  # ideographic space
    for code in [*range(0x41, 0x5B), *range(0xC0, 0xDF)]:
        if code != 0xD7:  # × is not a letter
            table[code] = code + 0x20
    for code, target in list(table.items()):
        if 0x41 <= target <= 0x5A:  # Ａ → A → a
            table[code] = target + 0x20
    return table


WIDTH_AND_CASE = _width_and_case_table()


class Tokenizer:
    """Tokenizes with one fold map; build once, use for every document and query."""

    def __init__(self, fold_map: FoldMap | None = None) -> None:
        table: dict[int, int | str] = dict(WIDTH_AND_CASE)
        for source, target in (fold_map or {}).items():
            table[ord(source)] = target
        self.table = table

    def fold(self, text: str) -> str:
        return text.translate(self.table)

    def spans(self, text: str) -> list[Token]:
        """Tokens with the code-point span each covers in ``text``."""
        tokens: list[Token] = []
        for match in TOKEN_RUNS.finditer(self.fold(text)):
            run, start = match.group(), match.start()
            if match.group(2) is not None or len(run) == 1:
                tokens.append(Token(run, start, match.end()))
            else:
                tokens.extend(
                    Token(run[i : i + 2], start + i, start + i + 2) for i in range(len(run) - 1)
                )
        return tokens

    def tokens(self, text: str) -> list[str]:
        """The token strings of ``text``, in order (the fast path for indexing)."""
        tokens: list[str] = []
        for cjk, word in TOKEN_RUNS.findall(self.fold(text)):
            if word:
                tokens.append(word)
            elif len(cjk) == 1:
                tokens.append(cjk)
            else:
                tokens.extend([cjk[i : i + 2] for i in range(len(cjk) - 1)])
        return tokens

    def trigrams(self, text: str) -> list[str]:
        """Every three CJK characters in a row, in order: the phrase test's keys.

        A story holds a phrase of three or more CJK characters when it holds each of the
        phrase's trigrams; the tokens alone (bigrams) cannot tell a phrase from scattered parts.
        """
        found: list[str] = []
        for cjk, _word in TOKEN_RUNS.findall(self.fold(text)):
            found.extend(cjk[i : i + 3] for i in range(len(cjk) - 2))
        return found

    def query_groups(self, query: str) -> list[list[str]]:
        """A reader's query as phrase groups: the tokens of each space-separated part.

        Every token is required; a story that also holds every trigram of the query is a
        whole-phrase match and ranks above stories where the same tokens are scattered.
        """
        groups = (self.tokens(part) for part in _QUERY_SPACE.split(self.fold(query)))
        return [group for group in groups if group]


def tokenize(text: str, fold_map: FoldMap | None = None) -> list[str]:
    """Convenience for one-off calls; build a Tokenizer to tokenize many texts."""
    return Tokenizer(fold_map).tokens(text)
