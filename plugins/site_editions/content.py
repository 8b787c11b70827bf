"""Each article and page as its edition prints it, right after Pelican has read it.

The master only loses the braces of `{{name}}` marks in plain-text fields (the Markdown body
renders them as `<span translate="no">`). An edition converts the text of the body HTML and of
every field a reader sees; slugs, URLs, dates and the issue key stay as they are. Converted
names remember their master (EditionText), so slugs and the order of columns, districts and
partner places are still looked up by the Simplified names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pelican.contents import Article, Page

from bulletin.site.editions import (
    EditionText,
    SiteEdition,
    html_converter,
    master_text,
    text_converter,
)

from .run import enabled

TEXT_FIELDS = ("title", "subtitle", "issue_title")
# Names Pelican wraps (Category, Tag, Author); only those read from the file: the site's AUTHOR
# is already the edition's (edition_overrides).
NAME_FIELDS = ("category", "tags", "authors", "author")


def convert_content(content) -> None:
    if not isinstance(content, Article | Page) or not enabled(content.settings):
        return
    edition: SiteEdition | None = content.settings.get("EDITION")
    if edition is None:
        return
    printed, convert_html = _converters(edition)
    for name in TEXT_FIELDS:
        value = getattr(content, name, None)
        if isinstance(value, str) and value:
            _set(content, name, printed(value))
    for name in NAME_FIELDS:
        if name not in content.metadata:
            continue
        value = content.metadata[name]
        for wrapper in value if isinstance(value, list) else [value]:
            # `author` is `authors[0]`: one object, converted once.
            if hasattr(wrapper, "name") and not isinstance(wrapper.name, EditionText):
                wrapper.name = printed(wrapper.name)
    partners = getattr(content, "partners", None)
    if isinstance(partners, list):
        _set(content, "partners", [printed(name) for name in partners])
    summary = content.metadata.get("summary")
    if isinstance(summary, str) and summary:
        # Escaped by the reader: HTML text. Marks are honoured as in a title.
        content.metadata["summary"] = content._summary = (
            printed(summary) if edition.is_master else convert_html(summary, keep_marks=True)
        )
    if not edition.is_master and content._content:
        content._content = convert_html(content._content)


# The run's converters, made once per run (a thousand articles would otherwise look the
# glossary's files up thousands of times); cleared when a run starts.
_converters_of_run: dict[str, tuple[Callable[[str], str], Callable[..., str] | None]] = {}


def reset_converters(_pelican=None) -> None:
    _converters_of_run.clear()


def _converters(edition: SiteEdition) -> tuple[Callable[[str], str], Callable[..., str] | None]:
    if edition.code not in _converters_of_run:
        convert = text_converter(edition)
        if edition.is_master:
            _converters_of_run[edition.code] = (convert, None)
        else:
            printed = lambda value: EditionText(convert(value), master_text(value))  # noqa: E731
            _converters_of_run[edition.code] = (printed, html_converter(edition))
    return _converters_of_run[edition.code]


def _set(content, name: str, value: Any) -> None:
    setattr(content, name, value)
    if name in content.metadata:
        content.metadata[name] = value
