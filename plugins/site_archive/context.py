"""After Pelican has read the articles: issues, neighbours, related stories, the indexes of
columns, districts and partner places, and the numbers behind the overview charts.

Everything is put in the shared context under bulletin_* names and on the articles themselves
(article.bulletin_issue, .prev_in_issue, .next_in_issue, .related, .description, .partner_places).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bulletin.gazetteer import DISTRICTS, PARTNERS
from bulletin.sections import SECTIONS
from bulletin.site.archive import group_by_year
from bulletin.site.issues import group_issues, neighbours
from bulletin.site.related import related_stories
from bulletin.site.seo import clip, plain_text, whole_headline
from bulletin.site.slugs import check_unique, partner_slug
from bulletin.text.edition_text import master_text, text_converter

from .settings import DEFAULTS, enabled, setting


@dataclass(eq=False)
class Entry:
    """One column, district or partner place and its stories (newest first)."""

    name: str
    slug: str
    url: str = ""
    save_as: str = ""
    kind: str = ""
    articles: list[Any] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def latest(self) -> Any:
        return self.articles[0] if self.articles else None


def _issue_urls(issues, settings) -> None:
    for issue in issues:
        issue.url = setting(settings, "ISSUE_URL").format(key=issue.key)
        issue.save_as = setting(settings, "ISSUE_SAVE_AS").format(key=issue.key)


def _year_urls(years, settings) -> None:
    for year in years:
        year.url = setting(settings, "ARCHIVE_YEAR_URL").format(year=year.year)
        year.save_as = setting(settings, "ARCHIVE_YEAR_SAVE_AS").format(year=year.year)
        for month in year.months:
            month.url = setting(settings, "ARCHIVE_MONTH_URL").format(
                year=month.year, month=month.month
            )
            month.save_as = setting(settings, "ARCHIVE_MONTH_SAVE_AS").format(
                year=month.year, month=month.month
            )


def column_index(categories) -> list[Entry]:
    """Every column with stories, in the order of bulletin.sections (unknown ones last).

    Names are looked up by their Simplified master; entries carry the edition's name.
    """
    order = {s.name: i for i, s in enumerate(SECTIONS)}
    kinds = {s.name: s.kind for s in SECTIONS}
    entries = [
        Entry(
            cat.name,
            cat.slug,
            cat.url,
            cat.save_as,
            kinds.get(master_text(cat), "column"),
            list(arts),
        )
        for cat, arts in categories
    ]
    masters = {id(e): master_text(e.name) for e in entries}
    return sorted(entries, key=lambda e: (order.get(masters[id(e)], len(order)), masters[id(e)]))


def district_index(tags, printed=str) -> list[Entry]:
    """All 41 district units in official order, with or without stories; unknown tags last.

    `printed` gives a district without stories (no tag to take a name from) its edition's name.
    """
    by_name = {master_text(tag): (tag, arts) for tag, arts in tags.items()}
    entries = []
    for place in DISTRICTS:
        tag, arts = by_name.pop(place.name, (None, []))
        url, save_as = (tag.url, tag.save_as) if tag else ("", "")
        name = tag.name if tag else printed(place.name)
        entries.append(Entry(name, place.slug, url, save_as, "district", list(arts)))
    for _master, (tag, arts) in sorted(by_name.items()):
        entries.append(Entry(tag.name, tag.slug, tag.url, tag.save_as, "district", list(arts)))
    return entries


def partner_index(articles, settings) -> list[Entry]:
    stories: dict[str, list[Any]] = defaultdict(list)
    printed: dict[str, str] = {}
    for article in articles:
        for name in getattr(article, "partners", None) or []:
            stories[master_text(name)].append(article)
            printed.setdefault(master_text(name), name)
    known = [p.name for p in PARTNERS]
    names = [n for n in known if n in stories] + sorted(n for n in stories if n not in known)
    entries = []
    for name in names:
        slug = partner_slug(name)
        entries.append(
            Entry(
                printed[name],
                slug,
                setting(settings, "PARTNER_URL").format(slug=slug),
                setting(settings, "PARTNER_SAVE_AS").format(slug=slug),
                "partner",
                stories[name],
            )
        )
    check_unique("partner", [(master_text(e.name), e.slug) for e in entries])
    return entries


def month_series(issues) -> list[tuple[dt.date, int]]:
    """Stories per month from the first issue's month to the last, empty months included."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for issue in issues:
        if issue.date:
            counts[(issue.year, issue.month)] += len(issue.stories)
    if not counts:
        return []
    (year, month), last = min(counts), max(counts)
    series = []
    while (year, month) <= last:
        series.append((dt.date(year, month, 1), counts.get((year, month), 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def _describe(article) -> str:
    summary = plain_text(article.metadata.get("summary", "")) or plain_text(article.content)
    return clip(summary, 120)


def build_archive(generator) -> None:
    settings = generator.settings
    if not enabled(settings):
        return
    articles = generator.articles
    issues = group_issues(articles)
    _issue_urls(issues, settings)
    years = group_by_year(issues)
    _year_urls(years, settings)
    partners = partner_index(articles, settings)
    partner_by_name = {master_text(p.name): p for p in partners}
    related = related_stories(articles, limit=int(setting(settings, "RELATED_STORIES")))

    issue_of = {id(story): issue for issue in issues for story in issue.stories}
    for article in articles:
        # Slugs are final (assign_slugs ran before the taxonomy): fix the URL once. Pelican
        # formats Content.url from its settings on every access otherwise, and the theme reads
        # each story's URL on many pages. `override_*` is Pelican's own way to set one.
        article.override_url, article.override_save_as = article.url, article.save_as
        issue = issue_of.get(id(article))
        article.bulletin_issue = issue
        before, after = neighbours(issue, article) if issue else (None, None)
        article.prev_in_issue, article.next_in_issue = before, after
        article.related = related.get(article.slug, [])
        article.description = _describe(article)
        article.partner_places = [
            partner_by_name[master_text(name)] for name in getattr(article, "partners", None) or []
        ]

    for key, value in DEFAULTS.items():  # templates read these settings too
        generator.context.setdefault(key, value)
    columns = column_index(generator.categories)
    edition = settings.get("EDITION")  # set by the site_editions plugin
    districts = district_index(generator.tags, text_converter(edition) if edition else str)
    generator.context.update(
        bulletin_issues=issues,
        bulletin_latest_issue=issues[0] if issues else None,
        bulletin_years=years,
        bulletin_columns=columns,
        bulletin_districts=districts,
        bulletin_partners=partners,
        bulletin_months=month_series(issues),
        # For feed titles (feeds.py); Content.url is recomputed on every access, so once here.
        bulletin_titles_by_url={
            article.url: whole_headline(
                getattr(article, "kicker", ""), article.title, getattr(article, "subtitle", "")
            )
            for article in articles
        },
    )
