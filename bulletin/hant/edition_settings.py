"""Which editions the archive has: one Simplified master and any number of Traditional ones.

An edition is configuration, not code: `pelicanconf.py` lists plain dicts and
`editions_from_settings` turns them into `Edition` objects, so a Hong Kong edition is one more
dict. The Simplified master is never converted; every other edition names an OpenCC config.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import opencc

_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*")
_HREFLANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class EditionError(ValueError):
    """An edition entry in the settings is incomplete or inconsistent."""


@dataclass(frozen=True)
class Edition:
    code: str  # lower-case, also the glossary section name: "zh-hant"
    path_prefix: str  # where its pages live: "" for the master, "zh-hant/" for a twin
    name: str  # what the language switch says: "繁體"
    hreflang: str  # BCP 47 tag for <html lang> and hreflang: "zh-Hant"
    opencc_config: str | None = None  # built-in OpenCC config ("s2tw"); None = the master

    @property
    def is_master(self) -> bool:
        return self.opencc_config is None


SIMPLIFIED = Edition(code="zh-hans", path_prefix="", name="简体", hreflang="zh-Hans")
TRADITIONAL = Edition(
    code="zh-hant", path_prefix="zh-hant/", name="繁體", hreflang="zh-Hant", opencc_config="s2tw"
)
HONG_KONG = Edition(
    code="zh-hant-hk",
    path_prefix="zh-hant-hk/",
    name="繁體（香港）",
    hreflang="zh-Hant-HK",
    opencc_config="s2hk",
)

# The same three as settings entries: what pelicanconf.py would list.
TRADITIONAL_SETTINGS = {
    "code": "zh-hant",
    "path": "zh-hant/",
    "name": "繁體",
    "hreflang": "zh-Hant",
    "opencc": "s2tw",
}
HONG_KONG_SETTINGS = {
    "code": "zh-hant-hk",
    "path": "zh-hant-hk/",
    "name": "繁體（香港）",
    "hreflang": "zh-Hant-HK",
    "opencc": "s2hk",
}

_REQUIRED = ("code", "path", "name", "hreflang")
_KNOWN = {*_REQUIRED, "opencc"}
# Simplified-to-Traditional configs whose output has as many characters as the input; the
# review list and the leftover check line output up with input, so they need this.
LENGTH_PRESERVING_CONFIGS = frozenset({"s2t", "s2tw", "s2hk"})


def edition_from_settings(entry: Mapping[str, str | None]) -> Edition:
    """One settings dict -> Edition; says which key is wrong instead of failing later."""
    unknown = set(entry) - _KNOWN
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if unknown or missing:
        raise EditionError(
            f"edition {entry.get('code', '?')!r}: "
            + "; ".join(
                ([f"unknown keys {sorted(unknown)}"] if unknown else [])
                + ([f"missing {missing}"] if missing else [])
            )
        )
    code, path = str(entry["code"]), str(entry["path"])
    hreflang, config = str(entry["hreflang"]), entry.get("opencc")
    if not _CODE.fullmatch(code):
        raise EditionError(f"edition code {code!r} must be lower-case like 'zh-hant'")
    if path and (not path.endswith("/") or path.startswith("/")):
        raise EditionError(f"edition {code}: path {path!r} must look like 'zh-hant/' (or '')")
    if not _HREFLANG.fullmatch(hreflang):
        raise EditionError(f"edition {code}: hreflang {hreflang!r} is not a BCP 47 tag")
    if config is not None and config not in available_configs():
        raise EditionError(
            f"edition {code}: OpenCC config {config!r} is not built in "
            f"(have: {', '.join(sorted(available_configs()))})"
        )
    return Edition(code, path, str(entry["name"]), hreflang, config)


def editions_from_settings(entries: Iterable[Mapping[str, str | None]]) -> list[Edition]:
    """The Traditional editions from settings, master first; codes and paths must be unique."""
    editions = [SIMPLIFIED, *(edition_from_settings(entry) for entry in entries)]
    for attribute in ("code", "path_prefix", "hreflang"):
        values = [getattr(edition, attribute) for edition in editions]
        duplicates = sorted({value for value in values if values.count(value) > 1})
        if duplicates:
            raise EditionError(f"two editions share the {attribute} {duplicates}")
    return editions


def available_configs() -> set[str]:
    return {name.removesuffix(".json") for name in opencc.CONFIGS}
