"""Columns (Pelican categories) and districts (Pelican tags) get explicit slugs before Pelican
groups articles by them, because URLWrapper equality and hashing go by slug. An edition's
names are converted; the slugs come from their Simplified masters, the same in every edition."""

from __future__ import annotations

from itertools import chain

from bulletin.site.slugs import check_unique, column_slug, district_slug
from bulletin.text.edition_text import master_text

from .settings import enabled


def assign_slugs(generator) -> None:
    if not enabled(generator.settings):
        return
    columns: list[tuple[str, str]] = []
    districts: list[tuple[str, str]] = []
    for article in chain(
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    ):
        category = getattr(article, "category", None)
        if category is not None:
            category.slug = column_slug(master_text(category))
            columns.append((category.name, category.slug))
        for tag in getattr(article, "tags", None) or []:
            tag.slug = district_slug(master_text(tag))
            districts.append((tag.name, tag.slug))
    check_unique("column", columns)
    check_unique("district", districts)
