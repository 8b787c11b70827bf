"""The Traditional→Simplified character map that lets either script find the other.

Made at build time with OpenCC, one character at a time, and limited to what the archive can be
searched with: every character of every edition, plus the Traditional forms OpenCC would write
for them in Taiwan, Hong Kong or plain Traditional (a reader in Hong Kong types 着 where the
Taiwan edition prints 著). Tokenizing folds text and queries through this map on both sides, so
the map ships to the browser as JSON and stays small (the characters the archive uses, not all of
Unicode).

Per character, not per phrase: 發 and 髮 both fold to 发, so a query for 頭髮 finds 头发 and 頭發
alike. That is what search wants; phrase-level accuracy matters for reading, not for matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from bulletin.search.tokenize import is_cjk

# Tried in order; the first that changes a character wins. t2s knows plain Traditional forms,
# tw2s and hk2s add the regional variants (裡, 為, 着 ...) that t2s leaves alone.
TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")
TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")


@cache
def _converter(config: str):
    import opencc  # imported lazily: only the build needs OpenCC, never a query

    return opencc.OpenCC(config)


def simplify_char(char: str) -> str:
    for config in TO_SIMPLIFIED:
        converted = _converter(config).convert(char)
        if converted != char and len(converted) == 1:
            return converted
    return char


def _traditional_forms(char: str) -> set[str]:
    forms = set()
    for config in TO_TRADITIONAL:
        converted = _converter(config).convert(char)
        if len(converted) == 1:
            forms.add(converted)
    return forms


def build_fold_map(texts: Iterable[str]) -> dict[str, str]:
    """Map every CJK character the archive uses (and its Traditional forms) to Simplified.

    Only characters that change are listed; keys are sorted so the JSON is byte-identical
    from run to run.
    """
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    used = {char for char in chars if is_cjk(char)}
    candidates = set(used)
    for char in used:
        candidates |= _traditional_forms(char)
    fold_map = {}
    for char in sorted(candidates):
        simplified = simplify_char(char)
        if simplified != char:
            fold_map[char] = simplified
    # A chain (A→B while B→C) would make folding depend on how often it is applied.
    return {char: fold_map.get(target, target) for char, target in fold_map.items()}
