"""Pelican plugin: the bulletin archive's page types on top of Pelican's articles.

- explicit column and district slugs (Unidecode would merge homophones);
- printed issues rebuilt from Issue/Order metadata, previous/next story in an issue, related
  stories, browse by year and month, partner places, an overview with SVG charts, a 404 page;
- the theme's Jinja helpers and its per-edition translation table (T);
- what each of its pages shows, for site_incremental's page keys (page_contents.py).

Settings (defaults in settings.py): ISSUE_URL, ISSUES_URL, ARCHIVES_URL, ARCHIVE_YEAR_URL,
ARCHIVE_MONTH_URL, PARTNER_URL, OVERVIEW_URL (each with a matching *_SAVE_AS), THEME_STRINGS,
SITE_PUBLIC_URL, RELATED_STORIES.
"""

from __future__ import annotations

from pelican import signals
from plugin_signals import page_inputs

from .context import build_archive
from .feeds import restore_titles
from .generator import ArchiveGenerator
from .jinja import install_jinja
from .page_contents import page_inputs as describe_page
from .taxonomy import assign_slugs


def _generators(_pelican):
    return ArchiveGenerator


def register() -> None:
    signals.generator_init.connect(install_jinja)
    signals.article_generator_pretaxonomy.connect(assign_slugs)
    signals.article_generator_finalized.connect(build_archive)
    signals.get_generators.connect(_generators)
    signals.feed_generated.connect(restore_titles)
    page_inputs.connect(describe_page)
