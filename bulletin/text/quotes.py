"""Quotation marks as Traditional Chinese readers write them: 「…」 and 『…』.

Taiwan and Hong Kong print corner brackets where Simplified text prints “…” and ‘…’; OpenCC
converts characters, not punctuation, and in Traditional fonts the curly quotes are narrow
Latin glyphs that look foreign in Chinese text. A curly quote between two Latin letters or
digits is an apostrophe or English quoting (Children’s) and stays as it is.
"""

from __future__ import annotations

import re

CORNER = {"“": "「", "”": "」", "‘": "『", "’": "』"}
_QUOTE = re.compile(r"[“”‘’]")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def corner_quotes(text: str) -> str:
    return _QUOTE.sub(_corner, text)


def _corner(quote: re.Match[str]) -> str:
    text, at = quote.string, quote.start()
    if text[at - 1 : at] in _LATIN and text[at + 1 : at + 2] in _LATIN:  # "" at either end
        return quote.group()  # between two Latin letters or digits: an apostrophe
    return CORNER[quote.group()]
