"""Pelican plugin: the archive's editions (Simplified at /, Traditional at /zh-hant/ ...).

Every edition is its own Pelican run with its own settings, so templates, feeds, the sitemap
and any other plugin work per edition without knowing about the others:
- the master run (the one Pelican was started with) reads EDITIONS, runs the ingest once (the
  bulletin_ingest plugin, on `initialized`), then forks one process per other edition when its
  generators are created, and waits for them before it finishes (`finalized`);
- an edition run converts each article and page right after reading (content_object_init):
  body HTML, title, subtitle, summary, column, district, partner and author names - never slugs
  or URLs - and renders the theme with its own word table; it writes the editors' review list.

Settings: EDITIONS (see pelicanconf.py), BULLETIN_REVIEW_PATH ("reports/review-{edition}.md"),
BULLETIN_REVIEW (write it at all). Each run gets EDITION (a SiteEdition), EDITION_CODE,
EDITION_PATH, EDITION_LINKS (for the switch), HTML_LANG, DEFAULT_LANG, OG_LOCALE,
THEME_STRINGS and SITE_OUTPUT_PATH (the folder of the whole site).

Other plugins reach the other editions through the master's Pelican object:
`pelican.bulletin_editions.wait()` returns each edition run's result (EditionResult) once all
have finished, with whatever that run's plugins left in `pelican.edition_exports`.
"""

from __future__ import annotations

from pelican import signals
from plugin_signals import body_work, ingested, text_work

from .builds import launch_editions, wait_for_editions
from .content import (
    convert_content,
    keep_conversions,
    offer_conversion,
    offer_text_conversion,
    reset_converters,
    save_converted,
)
from .review_report import finish_reviews, forget_reviews, write_review
from .run_edition import configure_run


def register() -> None:
    body_work.connect(offer_conversion)
    text_work.connect(offer_text_conversion)
    ingested.connect(keep_conversions)
    signals.initialized.connect(configure_run)
    signals.initialized.connect(reset_converters)
    signals.initialized.connect(forget_reviews)
    signals.get_generators.connect(launch_editions)
    signals.content_object_init.connect(convert_content)
    signals.article_generator_finalized.connect(write_review)
    signals.finalized.connect(finish_reviews)
    signals.finalized.connect(save_converted)
    signals.finalized.connect(wait_for_editions)
