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

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path

import numpy as np

from bulletin.files import atomic_write
from bulletin.search.postings import CJK_CLASS, CLASSES, TABLE_SIZE

# Tried in order; the first that changes a character wins. t2s knows plain Traditional forms,
# tw2s and hk2s add the regional variants (裡, 為, 着 ...) that t2s leaves alone.
TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")
TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")
FOLD_RULES = 2  # change it when the rules below change: cached maps are then made again


@cache
def _light_config(config: str) -> dict:
    # Characters only: the phrase dictionaries never match a lone character, and loading
    # them for the six configs took 0.1-0.3 s of every edition's cold build.
    from bulletin.hant.config import characters_only

    return characters_only(config)


@cache
def _converter(config: str):
    # Imported lazily: only the build needs OpenCC, never a query.
    import opencc

    from bulletin.hant.config import write_config
    from bulletin.hant.converter import DEFAULT_CACHE_DIR

    path = write_config(f"{config}-characters", _light_config(config), DEFAULT_CACHE_DIR)
    return opencc.OpenCC(str(path))


def convert_each(chars: list[str], config: str) -> list[str]:
    """Convert characters one by one, in a single OpenCC call: a newline ends every phrase."""
    converted = _converter(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; then one call per character
        converted = [_converter(config).convert(char) for char in chars]
    return converted


def simplify_chars(chars: list[str]) -> list[str]:
    """Each character's Simplified form: the first conversion that changes it to one character."""
    result = list(chars)
    for config in TO_SIMPLIFIED:
        for i, (char, converted) in enumerate(zip(chars, convert_each(chars, config), strict=True)):
            if result[i] == char and converted != char and len(converted) == 1:
                result[i] = converted
    return result


def simplify_char(char: str) -> str:
    return simplify_chars([char])[0]


def used_cjk(texts: Iterable[str], batch: int = 1 << 22) -> list[int]:
    """Code points of the CJK characters in ``texts``, ascending (numpy: a set of every
    character of 20,000 articles took seconds)."""
    seen = np.zeros(TABLE_SIZE, dtype=bool)
    pending: list[str] = []
    size = 0

    def mark() -> None:
        codes = np.frombuffer("".join(pending).encode("utf-32-le"), dtype=np.uint32)
        seen[codes[codes < TABLE_SIZE]] = True
        pending.clear()

    for text in texts:
        pending.append(text)
        size += len(text)
        if size >= batch:
            mark()
            size = 0
    mark()
    return np.flatnonzero(seen & (CLASSES == CJK_CLASS)).tolist()


def build_fold_map(texts: Iterable[str], cache_file: Path | None = None) -> dict[str, str]:
    """Map every CJK character the archive uses (and its Traditional forms) to Simplified.

    Only characters that change are listed; keys are sorted so the JSON is byte-identical
    from run to run. With `cache_file`, a map made for the same characters by the same OpenCC
    is read back instead: a rebuild seldom brings a new character, and making the map loads
    six OpenCC configurations (0.1 s an edition and build).
    """
    codes = used_cjk(texts)
    key = _fold_key(codes)
    kept = _kept_map(cache_file, key) if cache_file is not None else None
    if kept is not None:
        return kept
    fold_map = _fold_map([chr(code) for code in codes])
    if cache_file is not None:
        data = json.dumps({"key": key, "map": fold_map}, ensure_ascii=False).encode("utf-8")
        atomic_write(cache_file, data)  # both editions' runs may write it at once
    return fold_map


def _fold_key(codes: list[int]) -> str:
    """What a fold map follows from: the characters, OpenCC's version and the configurations
    as loaded, this module's rules."""
    configs = json.dumps([_light_config(c) for c in (*TO_SIMPLIFIED, *TO_TRADITIONAL)])
    recipe = f"{FOLD_RULES}\n{version('opencc')}\n{configs}\n"
    return hashlib.sha256(recipe.encode() + np.array(codes, dtype=np.uint32).tobytes()).hexdigest()


def _kept_map(cache_file: Path, key: str) -> dict[str, str] | None:
    try:
        kept = json.loads(cache_file.read_bytes())
    except (OSError, ValueError):
        return None
    return kept["map"] if isinstance(kept, dict) and kept.get("key") == key else None


def _fold_map(used: list[str]) -> dict[str, str]:
    candidates = set(used)
    for config in TO_TRADITIONAL:
        candidates.update(form for form in convert_each(used, config) if len(form) == 1)
    ordered = sorted(candidates)
    fold_map = {
        char: simplified
        for char, simplified in zip(ordered, simplify_chars(ordered), strict=True)
        if simplified != char
    }
    # A chain (A→B while B→C) would make folding depend on how often it is applied.
    return {char: fold_map.get(target, target) for char, target in fold_map.items()}
