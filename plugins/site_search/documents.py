"""One edition run's articles as the search index's documents (bulletin/search/documents.py).

Everything is read from Pelican's article objects as this run prints them: in a Traditional run
the site_editions plugin has already converted title, subtitle, body, column and district names
(content_object_init), so the index holds what the reader sees. URLs stay relative, like every
link on the site: they are resolved against the search page at the edition's root.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bulletin.search import SearchDocument, text_from_html


def edition_folder_link(from_path: str, to_path: str) -> str:
    """Relative link from one edition's root folder to another's ("" is the site's root)."""
    depth = len([part for part in from_path.split("/") if part])
    return "../" * depth + to_path


def twin_folder(this_path: str, editions: Sequence[Mapping[str, Any]]) -> str | None:
    """Where the twin of an article lives, relative to this edition's root.

    The master's twin is the first other edition; every other edition's twin is the master.
    None for a site of one edition.
    """
    others = [entry for entry in editions if entry.get("path", "") != this_path]
    if not others:
        return None
    twin = others[0] if this_path == "" else next((e for e in others if not e["path"]), None)
    return None if twin is None else edition_folder_link(this_path, twin["path"])


def article_document(article, twin: str | None) -> SearchDocument:
    date = article.date.isoformat()[:10]  # Pelican's SafeDatetime.strftime: 7 us, this 0.5
    document = SearchDocument(
        id=str(article.slug),
        url=str(article.url),
        title=str(article.title),
        # the rest of the headline, kicker (引题) and subtitle (副题), is searched as one
        subtitle=" ".join(
            str(part)
            for part in (getattr(article, "kicker", ""), getattr(article, "subtitle", ""))
            if part
        ),
        body=text_from_html(article.content),
        column=str(article.category.name) if getattr(article, "category", None) else "",
        districts=[str(tag.name) for tag in getattr(article, "tags", None) or ()],
        date=date,
        year=int(date[:4]),
    )
    issue_date = getattr(article, "issue_date", None)
    if issue_date:
        document["issue_date"] = str(issue_date)[:10]
    if twin is not None:
        document["alternate_url"] = twin + str(article.url)
    return document


def edition_documents(articles: Iterable, settings: Mapping[str, Any]) -> list[SearchDocument]:
    twin = twin_folder(settings.get("EDITION_PATH", ""), settings.get("EDITION_LINKS") or ())
    return [article_document(article, twin) for article in articles]
