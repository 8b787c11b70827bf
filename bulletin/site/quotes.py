"""Quotation marks as Traditional Chinese readers write them: 「…」 and 『…』.

Taiwan and Hong Kong print corner brackets where Simplified text prints “…” and ‘…’; OpenCC
converts characters, not punctuation, and in Traditional fonts the curly quotes are narrow
Latin glyphs that look foreign in Chinese text. A curly quote between two Latin letters or
digits is an apostrophe or English quoting (Children’s) and stays as it is.
"""

from __future__ import annotations

import re

CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
_QUOTE = re.compile(r"[“”‘’]")
_LATIN = re.compile(r"[A-Za-z0-9]")


def corner_quotes(text: str) -> str:
    if not _QUOTE.search(text):
        return text
    chars = list(text)
    for match in _QUOTE.finditer(text):
        index = match.start()
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not (_LATIN.match(before) and _LATIN.match(after)):
            chars[index] = chars[index].translate(CORNER)
    return "".join(chars)
