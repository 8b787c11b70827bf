"""Each edition's own Pelican run: the site's editions as configuration (one Simplified master
and its converted twins) and the settings each run derives from them.

`pelicanconf.py` lists the editions as plain dicts (EDITIONS), the master first:

    {"code": "zh-hant", "hreflang": "zh-Hant", "path": "zh-hant/", "name": "繁體", "opencc": "s2tw"}

`code`, `hreflang`, `path`, `name` and `opencc` mean what they mean to the conversion core
(bulletin.hant.Edition). The site adds two optional keys: `og_locale` (Open Graph; derived from
the language tag when absent) and `settings` (extra Pelican settings for that edition's run).
Everything an edition's build needs that differs from the master's is computed here, without
Pelican, so it can be tested on its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin.hant import SIMPLIFIED, Edition, EditionError, editions_from_settings
from bulletin.text.edition_text import text_converter

SITE_KEYS = ("og_locale", "settings")
OG_LOCALES = {"zh-hans": "zh_CN", "zh-hant": "zh_TW", "zh-hant-tw": "zh_TW", "zh-hant-hk": "zh_HK"}
OG_LOCALES |= {"zh-hant-mo": "zh_MO", "zh-hans-sg": "zh_SG"}


@dataclass(frozen=True)
class SiteEdition:
    edition: Edition
    og_locale: str
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.edition.code

    @property
    def path(self) -> str:
        return self.edition.path_prefix

    @property
    def is_master(self) -> bool:
        return self.edition.is_master

    def link_entry(self) -> dict[str, str]:
        """What templates read for the switch and hreflang."""
        return {
            "code": self.code,
            "hreflang": self.edition.hreflang,
            "path": self.path,
            "name": self.edition.name,
        }


def site_editions(entries: Sequence[Mapping[str, Any]]) -> list[SiteEdition]:
    """EDITIONS -> SiteEdition list, master first; errors name the entry and the key."""
    if not entries:
        raise EditionError("EDITIONS is empty: list at least the Simplified master")
    master, *others = entries
    core_master = {k: v for k, v in master.items() if k not in SITE_KEYS}
    if core_master.get("opencc") or core_master.get("path", "") != "":
        raise EditionError("the first entry of EDITIONS is the master: no opencc, path ''")
    expected = {
        "code": SIMPLIFIED.code,
        "hreflang": SIMPLIFIED.hreflang,
        "path": SIMPLIFIED.path_prefix,
    }
    for key, value in expected.items():
        if core_master.get(key, value) != value:
            raise EditionError(f"the master edition's {key} must be {value!r}")
    for entry in others:
        if not entry.get("opencc"):
            raise EditionError(
                f"edition {entry.get('code', '?')}: name an OpenCC configuration (opencc)"
            )
    core = editions_from_settings(
        [{k: v for k, v in entry.items() if k not in SITE_KEYS} for entry in others]
    )
    core[0] = Edition(
        SIMPLIFIED.code, "", str(master.get("name", SIMPLIFIED.name)), SIMPLIFIED.hreflang
    )
    return [
        SiteEdition(
            edition,
            str(entry.get("og_locale") or og_locale(edition)),
            dict(entry.get("settings") or {}),
        )
        for entry, edition in zip(entries, core, strict=True)
    ]


def og_locale(edition: Edition) -> str:
    return OG_LOCALES.get(edition.code, edition.hreflang.replace("-", "_"))


def edition_by_code(editions: Sequence[SiteEdition], code: str | None) -> SiteEdition:
    if not code:
        return editions[0]
    for edition in editions:
        if edition.code == code:
            return edition
    raise EditionError(f"no edition {code!r} in EDITIONS ({[e.code for e in editions]})")


def strings_name(code: str, available: Callable[[str], bool]) -> str:
    """The theme table an edition uses: its own, else the nearest broader one.

    zh-hant-hk falls back to zh-hant (Hong Kong readers read Taiwan's wording well; the
    edition's OpenCC step is not applied to theme words, which are written by hand).
    """
    parts = code.split("-")
    while parts:
        name = "-".join(parts)
        if available(name):
            return name
        parts.pop()
    raise EditionError(f"no theme translation table for edition {code}")


def joined_url(base: str, path: str) -> str:
    """`base` (a URL or '') with an edition's folder under it, no trailing slash."""
    if not base:
        return base
    return f"{base.rstrip('/')}/{path.rstrip('/')}" if path else base.rstrip("/")


def edition_cache_path(settings: Mapping[str, Any], edition: SiteEdition) -> str:
    """An edition's run keeps its caches apart, inside the master's."""
    return os.path.join(settings.get("CACHE_PATH", "cache"), edition.code)


def edition_overrides(
    settings: Mapping[str, Any], edition: SiteEdition, site_output: str
) -> dict[str, Any]:
    """Pelican settings for `edition`'s own run, from the master run's settings."""
    convert = text_converter(edition)
    overrides: dict[str, Any] = {
        "EDITION_CODE": edition.code,
        "OUTPUT_PATH": os.path.join(site_output, edition.path) if edition.path else site_output,
        "SITE_OUTPUT_PATH": site_output,
        "SITEURL": joined_url(settings.get("SITEURL", ""), edition.path),
        "SITE_PUBLIC_URL": joined_url(settings.get("SITE_PUBLIC_URL", ""), edition.path),
        "FEED_DOMAIN": joined_url(settings.get("FEED_DOMAIN", ""), edition.path),  # feeds' self
        # Separate caches: a cached article is stored after conversion.
        "CACHE_PATH": edition_cache_path(settings, edition),
        "SITE_PROGRESS": False,
    }
    for name in ("SITENAME", "SITESUBTITLE", "AUTHOR"):
        if isinstance(settings.get(name), str):
            overrides[name] = convert(settings[name])
    overrides.update(edition.settings)
    return overrides


def run_settings(edition: SiteEdition, theme: str) -> dict[str, Any]:
    """Settings every run derives from its own edition, the master's included."""
    folder = Path(theme) / "translations"
    return {
        "EDITION_CODE": edition.code,
        "EDITION_PATH": edition.path,
        "HTML_LANG": edition.edition.hreflang,
        "DEFAULT_LANG": edition.code,
        "OG_LOCALE": edition.og_locale,
        "THEME_STRINGS": strings_name(edition.code, lambda n: (folder / f"{n}.toml").is_file()),
    }
