"""Write the OpenCC config of one edition: the built-in config with the glossary inside it.

Three things must hold for an override to win (each checked in tests/hant/test_glossary.py):
- the config points at the built-in dictionaries by absolute path (see wheel.builtin_config);
- the glossary is in the segmentation dictionary, or a built-in phrase such as 被发 cuts
  被发放 into 被发|放 before the conversion chain ever sees the whole override;
- the glossary is first in the first conversion stage, in a short-circuit group, so it beats
  the built-in phrases for the same text (余先生 is not in OpenCC at all; 余 alone -> 餘).
A built-in phrase that starts earlier still wins (县志|愿者 swallows 志愿), which no config can
change: such compounds need their own glossary line, and the review list points them out.
Later stages (Taiwan or Hong Kong variants) still run over glossary output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..cache_keys import text_key
from ..files import atomic_write
from .wheel import VERSION, builtin_config, writable_dir


def edition_config(base: str, glossary: Mapping[str, str]) -> dict:
    """The JSON of `base` (e.g. 's2tw') with the glossary added to segmentation and chain."""
    config = builtin_config(base)
    if not glossary:
        return config
    overrides = {"type": "inline", "entries": dict(sorted(glossary.items()))}
    chain = config["conversion_chain"]
    first_stage = chain[0]["dict"]
    segmentation = config.get("segmentation") or {"type": "mmseg", "dict": first_stage}
    config["segmentation"] = {
        "type": "mmseg",
        "dict": {
            "type": "group",
            "match_policy": "union",
            "dicts": [overrides, segmentation["dict"]],
        },
    }
    chain[0] = {
        "dict": {
            "type": "group",
            "match_policy": "short_circuit",
            "dicts": [overrides, first_stage],
        }
    }
    config["name"] = f"{config.get('name', base)} + bulletin glossary"
    return config


def write_config(name: str, config: dict, cache_dir: Path) -> Path:
    """Write once under a name that changes with the content, so runs never clash."""
    text = json.dumps(config, ensure_ascii=False, indent=1, sort_keys=True)
    digest = text_key(VERSION, text)[:12]
    path = writable_dir(cache_dir) / f"{name}-{digest}.json"
    if not path.exists():
        atomic_write(path, text)
    return path


def characters_only(base: str) -> dict:
    """The JSON of `base` without its phrase dictionaries and segmentation, for text converted
    one character at a time (a newline after each, so no phrase can match): the same result
    for every CJK character (tests/search/test_tokenize.py checks all of them), loaded much
    faster than the phrase dictionaries."""
    config = builtin_config(base)
    config.pop("segmentation", None)
    chain = [_without_phrases(stage["dict"]) for stage in config["conversion_chain"]]
    config["conversion_chain"] = [{"dict": stage} for stage in chain if stage is not None]
    config["name"] = f"{config.get('name', base)}, characters only"
    return config


def _without_phrases(node: dict) -> dict | None:
    if node.get("type") != "group":
        return None if "Phrases" in Path(node.get("file", "")).name else node
    kept = [d for d in map(_without_phrases, node["dicts"]) if d is not None]
    if not kept:
        return None
    return dict(node, dicts=kept) if len(kept) > 1 else kept[0]
