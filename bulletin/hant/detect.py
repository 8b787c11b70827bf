"""Is a bulletin already in Traditional characters (a partner's submission)? Make it Simplified.

The archive's master is Simplified and every edition is converted from it, so a Traditional
submission is converted to Simplified before the ingest reads it (its column labels, districts
and dates are matched in Simplified). Call `simplified_master(text)` on the decoded text.

Detection counts characters each direction would change: Traditional text is full of
characters t2s rewrites (們, 會, 發) and has few s2t would rewrite, Simplified text the reverse.
A Simplified story quoting a Traditional name stays Simplified.

The conversion is t2s with two additions, because partners write Taiwan or Hong Kong forms,
not OpenCC's standard ones: plain t2s leaves 著 in 接著/著力 (Taiwan writes 著 for zhe; the
Simplified is 着) and 衞 in 衞生. Taiwan and Hong Kong variants are first mapped to OpenCC's
forms (as tw2s and hk2s do), then t2s runs. The tofu-risk dictionary of t2s (rare characters
mapped to forms many fonts lack) is left out: a master page must display everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import opencc

from ..files import atomic_write
from .config import write_config
from .converter import DEFAULT_CACHE_DIR
from .wheel import SHARE_DIR, VERSION, writable_dir

MIN_EVIDENCE = 8  # characters; below this a text is too short to call Traditional
TRADITIONAL_SHARE = 0.75  # of the characters either direction would change
# Han characters: unified, extension A, compatibility, the supplementary planes' extensions.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))


@dataclass(frozen=True)
class ScriptGuess:
    traditional_only: int  # characters t2s would change
    simplified_only: int  # characters s2t would change

    @property
    def is_traditional(self) -> bool:
        total = self.traditional_only + self.simplified_only
        return (
            self.traditional_only >= MIN_EVIDENCE
            and self.traditional_only >= TRADITIONAL_SHARE * total
        )


@dataclass(frozen=True)
class Master:
    text: str  # Simplified: the input itself, or its conversion
    converted: bool
    guess: ScriptGuess

    @property
    def note(self) -> str:
        """A sentence for the ingest report."""
        if not self.converted:
            return ""
        return (
            f"raw text is Traditional ({self.guess.traditional_only} Traditional-only against "
            f"{self.guess.simplified_only} Simplified-only characters); converted to Simplified"
        )


def guess_script(text: str) -> ScriptGuess:
    # Every issue is checked on ingest, and converting it twice was a sixth of the parsing.
    # Most are plainly Simplified: too few characters t2s would change even one by one.
    quick = _character_guess(text)
    if quick.traditional_only < MIN_EVIDENCE:
        return quick
    to_simplified, to_traditional = _standard("t2s"), _standard("s2t")
    return ScriptGuess(
        traditional_only=_changed(text, to_simplified.convert(text)),
        simplified_only=_changed(text, to_traditional.convert(text)),
    )


def simplified_master(text: str, cache_dir: Path = DEFAULT_CACHE_DIR) -> Master:
    """The text the ingest should read: unchanged if Simplified, converted if Traditional."""
    guess = guess_script(text)
    if not guess.is_traditional:
        return Master(text, False, guess)
    return Master(to_simplified(text, cache_dir), True, guess)


def to_simplified(text: str, cache_dir: Path = DEFAULT_CACHE_DIR) -> str:
    """Traditional (OpenCC, Taiwan or Hong Kong forms) -> Simplified, vocabulary untouched."""
    return _partner_converter(Path(cache_dir)).convert(text)


def _changed(before: str, after: str) -> int:
    if len(before) != len(after):  # cannot happen with these configs; count the difference
        return abs(len(before) - len(after))
    # Every issue is checked on ingest: compare code points in bulk, not one by one in Python.
    codes = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    return int(np.count_nonzero(codes != np.frombuffer(after.encode("utf-32-le"), np.uint32)))


def _character_guess(text: str) -> ScriptGuess:
    """The counts of characters t2s and s2t change on their own, out of any phrase."""
    t2s, s2t = _changed_alone("t2s"), _changed_alone("s2t")
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    codes = codes[codes < len(t2s)]
    return ScriptGuess(int(np.count_nonzero(t2s[codes])), int(np.count_nonzero(s2t[codes])))


@lru_cache(maxsize=2)
def _changed_alone(name: str) -> np.ndarray:
    """For each code point up to the last CJK one: does this conversion change it alone?"""
    codes = np.array([c for first, last in HAN_RANGES for c in range(first, last + 1)])
    table = np.zeros(int(codes.max()) + 1, dtype=bool)
    changed = _changed_alone_codes(name, codes)
    table[changed if changed is not None else codes] = True
    return table


def _changed_alone_codes(name: str, codes: np.ndarray) -> np.ndarray | None:
    """The code points `name` changes on their own; None when that cannot be told.

    Converting every CJK code point is too slow to repeat in each parsing process of every
    ingest, so the answer is kept per OpenCC version in the converters' cache folder."""
    kept = writable_dir(DEFAULT_CACHE_DIR) / f"changed-alone-{name}-{VERSION}.txt"
    try:
        count, characters = kept.read_text(encoding="utf-8").split("\n", 1)
        if int(count) == len(characters):  # else a damaged file: computed again
            return np.array([ord(char) for char in characters], dtype=np.int64)
    except (OSError, UnicodeDecodeError, ValueError):
        pass
    text = "\n".join(map(chr, codes))  # one call; no dictionary key holds a newline
    converted = np.frombuffer(_standard(name).convert(text).encode("utf-32-le"), np.uint32)
    original = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    if len(converted) != len(original):  # not with the standard configs
        return None  # cannot tell: every CJK character counts, the full check decides
    changed = original[converted != original].astype(np.int64)
    atomic_write(kept, f"{len(changed)}\n" + "".join(map(chr, changed.tolist())))
    return changed


@lru_cache(maxsize=2)
def _standard(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(name)


def _ocd2(name: str) -> dict:
    return {"type": "ocd2", "file": str(SHARE_DIR / f"{name}.ocd2")}


def _first_of(*names: str) -> dict:
    return {
        "dict": {
            "type": "group",
            "match_policy": "short_circuit",
            "dicts": [_ocd2(name) for name in names],
        }
    }


PARTNER_TO_SIMPLIFIED = {
    "name": "Traditional (OpenCC, Taiwan or Hong Kong forms) to Simplified, without tofu risk",
    "normalization": [{"dict": _ocd2("CJK_Compatibility_Ideographs")}],
    "segmentation": {
        "type": "mmseg",
        "dict": {
            "type": "group",
            "match_policy": "union",
            "dicts": [
                _ocd2("TSPhrases"),
                _ocd2("TWVariantsRevPhrases"),
                _ocd2("HKVariantsRevPhrases"),
            ],
        },
    },
    "conversion_chain": [
        _first_of("TWVariantsRevPhrases", "TWVariantsRev"),
        _first_of("HKVariantsRevPhrases", "HKVariantsRev"),
        _first_of("TSPhrases", "TSCharacters"),
    ],
}


@lru_cache(maxsize=2)
def _partner_converter(cache_dir: Path) -> opencc.OpenCC:
    return opencc.OpenCC(str(write_config("partner2s", PARTNER_TO_SIMPLIFIED, cache_dir)))
