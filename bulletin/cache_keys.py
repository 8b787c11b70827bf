"""The keys of the caches kept between builds, made one way: a cache entry is found again only
when every part of its key is the same, and a change to the code that computed it is a part.

`text_key(*parts)` is the key of any entry: pass the code's fingerprint (`code_fingerprint()`
for work done by the parsing packages), the settings that change the result, and the input.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The packages that parse, render or convert text, whose results the caches keep; the core's
# own top-level modules (render, sections, gazetteer …) count too. The site's pages (site/),
# the search index (search/) and the preview (preview/) never do, and changing them must not
# make a build parse every issue again. tests/ingest/test_ingest_cache.py checks that parsing,
# rendering and converting import nothing else.
PARSING_PACKAGES = frozenset({"ingest", "hant", "text"})
CODE_SUFFIXES = frozenset({".py", ".toml", ".txt", ".json"})


def is_parsing_code(relative: Path) -> bool:
    """Whether a file of the package (its path relative to the package) is parsing code."""
    return len(relative.parts) == 1 or relative.parts[0] in PARSING_PACKAGES


@cache
def code_fingerprint() -> bytes:
    """The parsing packages' code and data: a change to any of it re-parses everything."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if path.suffix in CODE_SUFFIXES and is_parsing_code(relative):
            digest.update(str(relative).encode() + b"\0" + path.read_bytes())
    return digest.digest()


def text_key(*parts: object) -> str:
    """A key (hex) from parts: text and bytes as they are, anything else (numbers, lists,
    dicts of them) as canonical JSON. Each part is framed by its length and kind, so
    ("ab", "c") and ("a", "bc") differ, and so do "1" and 1."""
    digest = hashlib.sha256()
    for part in parts:
        kind = 0
        if isinstance(part, str):
            data = part.encode()
        elif isinstance(part, bytes):
            data = part
        else:
            text = json.dumps(part, sort_keys=True, ensure_ascii=False, default=str)
            data, kind = text.encode(), _JSON
        digest.update((len(data) | kind).to_bytes(8, "little") + data)
    return digest.hexdigest()


_JSON = 1 << 63  # the frame of a part given as a value, not as text
