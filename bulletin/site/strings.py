"""The theme's words, one table per edition (theme/translations/<edition>.toml).

Templates read them as T.nav.home. A key missing from the table stops the build instead of
rendering an empty string, so an edition can never ship with a silent hole in it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any


class MissingStringError(LookupError):
    """A template asked for a word the edition's table does not have."""


class Strings(Mapping[str, Any]):
    def __init__(self, table: Mapping[str, Any], path: str = "") -> None:
        self._path = path
        # Nested tables are wrapped once here: templates look words up hundreds of thousands
        # of times in a large build.
        self._table = {
            key: Strings(value, f"{path}.{key}" if path else key)
            if isinstance(value, Mapping)
            else value
            for key, value in table.items()
        }

    def __getitem__(self, key: str) -> Any:
        try:
            return self._table[key]
        except KeyError:
            where = f"{self._path}.{key}" if self._path else key
            raise MissingStringError(f"theme string {where!r} is not in the table") from None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("__") or key.startswith("_"):
            raise AttributeError(key)  # keep copy/pickle/Jinja's own probes working
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def load_strings(path: Path) -> Strings:
    with path.open("rb") as handle:
        return Strings(tomllib.load(handle))


def flat_keys(table: Mapping[str, Any], prefix: str = "") -> set[str]:
    """Every dotted key of a nested table: {'nav.home', 'nav.search', ...}."""
    keys: set[str] = set()
    for key, value in table.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            keys |= flat_keys(value, dotted)
        else:
            keys.add(dotted)
    return keys
