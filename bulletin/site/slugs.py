"""Explicit ASCII slugs for columns and places.

Pelican's own slugs come from Unidecode, which ignores context and merges homophones (工会 and
公会 both become gong-hui). Known names take their slug from bulletin.sections and
bulletin.gazetteer; a name not listed there gets a transliteration plus a short hash of the
name, so two unknown homophones still land on two different URLs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from bulletin.gazetteer import DISTRICTS, PARTNERS
from bulletin.sections import SECTIONS, ascii_slug

COLUMN_SLUGS: dict[str, str] = {s.name: s.slug for s in SECTIONS}
DISTRICT_SLUGS: dict[str, str] = {p.name: p.slug for p in DISTRICTS}
PARTNER_SLUGS: dict[str, str] = {p.name: p.slug for p in PARTNERS}


class SlugCollisionError(ValueError):
    """Two different names would be written to the same URL."""


def fallback_slug(name: str, prefix: str) -> str:
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    words = ascii_slug(name, max_words=6)
    return f"{words or prefix}-{digest}"


def column_slug(name: str) -> str:
    return COLUMN_SLUGS.get(name) or fallback_slug(name, "column")


def district_slug(name: str) -> str:
    return DISTRICT_SLUGS.get(name) or fallback_slug(name, "district")


def partner_slug(name: str) -> str:
    return PARTNER_SLUGS.get(name) or fallback_slug(name, "partner")


def check_unique(kind: str, pairs: Iterable[tuple[str, str]]) -> None:
    """Raise when two different names share one slug (their pages would overwrite each other)."""
    owner: dict[str, str] = {}
    for name, slug in pairs:
        if not slug:
            raise SlugCollisionError(f"{kind} {name!r} has an empty slug")
        previous = owner.setdefault(slug, name)
        if previous != name:
            raise SlugCollisionError(f"{kind} {previous!r} and {name!r} share the slug {slug!r}")
