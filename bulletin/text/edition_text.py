"""An edition's text as its readers see it: plain text and HTML converted from the Simplified
master, `{{name}}` marks honoured, other braces kept as text (bulletin.text.braces), 「」 quotes in
the Traditional editions (bulletin.text.quotes), and the master each converted name came from.

The ingest converts the bodies with these, so they are parsing code (bulletin.cache_keys); the
site's plugins convert titles and names with the same functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from bulletin.hant import Edition, converter_for, strip_no_convert_marks
from bulletin.text.braces import around_literal_braces, hide_braces, show_braces
from bulletin.text.quotes import corner_quotes


class EditionOfSite(Protocol):
    """What converting needs of an edition of the site (bulletin.site.edition_runs.SiteEdition):
    the conversion core's edition."""

    @property
    def edition(self) -> Edition: ...

    @property
    def is_master(self) -> bool: ...


def text_converter(edition: EditionOfSite) -> Callable[[str], str]:
    """Plain text (titles, names) as this edition prints it; `{{name}}` marks honoured, other
    braces kept as text; 「」 quotes in Traditional."""
    if edition.is_master:
        return around_literal_braces(strip_no_convert_marks)
    convert = around_literal_braces(converter_for(edition.edition).convert)
    return lambda text: corner_quotes(convert(text))


def html_converter(edition: EditionOfSite) -> Callable[[str], str]:
    """An edition's HTML (a body, an escaped summary): text and readable attributes converted.

    `keep_marks=False` for HTML the reader rendered (its marks are <span translate="no"> and
    braces left are text); True for escaped plain text that may still hold `{{name}}`.
    `names`: people the article credits (its Authors), protected in the text.
    """
    convert_html = converter_for(edition.edition).convert_html

    def convert(html: str, keep_marks: bool = False, names: Sequence[str] = ()) -> str:
        return corner_quotes(show_braces(convert_html(hide_braces(html, keep_marks), names)))

    return convert


class EditionText(str):
    """Text as an edition prints it, remembering the Simplified master it came from.

    Slugs, URLs and the order of columns and districts are looked up by the master's names
    (bulletin.sections, bulletin.gazetteer); templates and feeds print the edition's.
    """

    master: str

    def __new__(cls, text: str, master: str) -> EditionText:
        made = super().__new__(cls, text)
        made.master = master
        return made

    def __reduce__(self):
        return (EditionText, (str(self), self.master))


def master_text(value: Any) -> str:
    """The Simplified master of an edition's text, of a name or of a Pelican URLWrapper."""
    if hasattr(value, "name") and not isinstance(value, str):
        value = value.name
    return getattr(value, "master", None) or _master(str(value))


_master = around_literal_braces(strip_no_convert_marks)
