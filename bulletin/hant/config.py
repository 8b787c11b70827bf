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

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from .wheel import VERSION, builtin_config, writable_dir, write_atomically


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
    digest = hashlib.sha256(f"{VERSION}\n{text}".encode()).hexdigest()[:12]
    path = writable_dir(cache_dir) / f"{name}-{digest}.json"
    if not path.exists():
        write_atomically(path, text)
    return path
