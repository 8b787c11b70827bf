"""Chinese punctuation repair: half-width marks between Chinese characters become full-width.

Numbers (1,000  18.6万元  8:30) and Latin text keep their ASCII punctuation.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Characters that count as "Chinese context" around a mark: ideographs, CJK punctuation,
# full-width forms and curly quotes.
_CTX = _CJK + r"\u3000-\u303f\uff01-\uff5e“”‘’《》【】…—"

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}

# A mark with Chinese on at least one side; a space after it is OCR noise and is dropped.
_MARK_AFTER_CJK = re.compile(rf"(?<=[{_CTX}])[ \t]*([,;:?!])[ \t]*")
_MARK_BEFORE_CJK = re.compile(rf"(?<![0-9A-Za-z])([,;:?!])[ \t]*(?=[{_CTX}])")
_HALF_WIDTH_MARK = re.compile(r"[,;:?!]")
_PAREN_PAIR = re.compile(r"\(([^()]*)\)")
_HAS_CJK = re.compile(rf"[{_CJK}]")


def _full_paren(match: re.Match[str]) -> str:
    inner = match.group(1)
    return f"（{inner}）" if _HAS_CJK.search(inner) else match.group(0)


def fix_punctuation(text: str) -> str:
    """Return text with half-width , ; : ? ! ( ) made full-width where Chinese surrounds them."""
    # Most lines have no half-width mark at all; _MARK_AFTER_CJK, which starts with a
    # lookbehind, would be tried at every position of them.
    if _HALF_WIDTH_MARK.search(text):
        text = _MARK_AFTER_CJK.sub(lambda m: _FULL[m.group(1)], text)
        text = _MARK_BEFORE_CJK.sub(lambda m: _FULL[m.group(1)], text)
    if "(" not in text:
        return text
    # Innermost pairs first so 市域(郊)铁路 inside an outer (...) is handled too.
    for _ in range(4):
        new = _PAREN_PAIR.sub(_full_paren, text)
        if new == text:
            break
        text = new
    return text
