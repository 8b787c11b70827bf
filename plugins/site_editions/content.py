"""Each article and page as its edition prints it, right after Pelican has read it.

The master only loses the braces of `{{name}}` marks in plain-text fields (the Markdown body
renders them as `<span translate="no">`). An edition converts the text of the body HTML and of
every field a reader sees; slugs, URLs, dates and the issue key stay as they are. Converted
names remember their master (EditionText), so slugs and the order of columns, districts and
partner places are still looked up by the Simplified names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pelican.contents import Article, Page
from pelican_internals import body_html, set_body_html, set_summary

from bulletin.cache_keys import code_fingerprint, text_key
from bulletin.hant import converter_for, credited_names
from bulletin.pickle_cache import PickleCache, hand_over
from bulletin.render import rendered_key, split_header
from bulletin.site.edition_runs import SiteEdition, edition_cache_path
from bulletin.text.edition_text import EditionText, html_converter, master_text, text_converter

from .run_edition import editions_of, enabled, use_conversion_options

TEXT_FIELDS = ("title", "kicker", "subtitle", "issue_title")
# Names Pelican wraps (Category, Tag, Author); only those read from the file: the site's AUTHOR
# is already the edition's (edition_overrides).
NAME_FIELDS = ("category", "tags", "authors", "author")
# People the article credits: their surnames stay surnames wherever they are shown.
PEOPLE_FIELDS = ("authors", "author")
# Credits the site reads as plain text ("余敏, 范丽"), if the articles have them.
CREDIT_FIELDS = ("photographers",)


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
            kept = _kept_text(edition, name, value)
            _set(content, name, printed(value) if kept is None else _edition_text(kept, value))
    people = _people(content.metadata)
    named = _named(edition, printed)
    person = _named(edition, _person_printer(edition), kind="person")
    for name in NAME_FIELDS:
        if name not in content.metadata:
            continue
        value = content.metadata[name]
        for wrapper in value if isinstance(value, list) else [value]:
            # `author` is `authors[0]`: one object, converted once.
            if hasattr(wrapper, "name") and not isinstance(wrapper.name, EditionText):
                wrapper.name = (person if name in PEOPLE_FIELDS else named)(wrapper.name)
    for name in CREDIT_FIELDS:
        value = content.metadata.get(name)
        if isinstance(value, str) and value:
            _set(content, name, EditionText(", ".join(map(person, credited_names(value))), value))
        elif isinstance(value, list):
            _set(content, name, [person(str(getattr(item, "name", item))) for item in value])
    partners = getattr(content, "partners", None)
    if isinstance(partners, list):
        _set(content, "partners", [named(name) for name in partners])
    summary = content.metadata.get("summary")
    if isinstance(summary, str) and summary:
        # Escaped by the reader: HTML text. Marks are honoured as in a title.
        kept = _kept_text(edition, "summary", summary)
        if kept is None:
            kept = (
                printed(summary)
                if edition.is_master
                else convert_html(summary, keep_marks=True, names=people)
            )
        set_summary(content, kept)
    body = body_html(content)
    if not edition.is_master and body:
        set_body_html(content, _converted_body(edition, body, convert_html, people))


def _people(metadata) -> tuple[str, ...]:
    """The names the article credits (Authors, Photographers), as the ingest wrote them."""
    names: list[str] = []
    for field in ("authors", *CREDIT_FIELDS):
        if metadata.get(field):
            names += credited_names(metadata[field])
    return tuple(dict.fromkeys(names))


def _person_printer(edition: SiteEdition) -> Callable[[str], str]:
    if edition.is_master:
        return text_converter(edition)
    convert = converter_for(edition.edition).convert_name
    return lambda name: EditionText(convert(master_text(name)), master_text(name))


def _edition_text(converted: str, value: str) -> EditionText:
    return EditionText(converted, master_text(value))


def _kept_text(edition: SiteEdition, field: str, value: str) -> str | None:
    """A header text the ingest converted for this edition (offer_text_conversion), if any."""
    cache = _body_caches.get(edition.code)
    return None if cache is None else cache.get(_text_key(edition, field, value))


def _named(
    edition: SiteEdition, printed: Callable[[str], str], kind: str = "name"
) -> Callable[[str], str]:
    """Column, district, partner and author names: a few hundred, each on thousands of
    stories, converted once a run."""
    names = _names_of_run.setdefault(f"{edition.code} {kind}", {})

    def named(name: str) -> str:
        if name not in names:
            names[name] = printed(name)
        return names[name]

    return named


def _converted_body(
    edition: SiteEdition, html: str, convert_html: Callable[..., str], people: tuple[str, ...]
) -> str:
    """Bodies are kept converted between builds (`<CACHE_PATH>/converted-<edition>.pickle`),
    by the hash of the HTML, the code, the OpenCC config (its name follows the glossary), the
    conversion options and the credited names the body shows."""
    shown = _shown(html, people)
    cache = _body_caches.get(edition.code)
    if cache is None:
        return convert_html(html, names=shown)
    return cache.remember(_body_key(edition, html, shown), lambda: convert_html(html, names=shown))


def _shown(html: str, people: tuple[str, ...]) -> tuple[str, ...]:
    """Credited names that can change a body are those in it."""
    return tuple(name for name in people if name in html)


def _body_key(edition: SiteEdition, html: str, people: tuple[str, ...] = ()) -> str:
    if people:
        return text_key(code_fingerprint(), _config_name(edition), html, *people)
    return text_key(code_fingerprint(), _config_name(edition), html)


def _text_key(edition: SiteEdition, field: str, value: str) -> str:
    """Apart from the bodies' keys (a title could read like a body)."""
    return text_key(code_fingerprint(), _config_name(edition), field, value)


def _config_name(edition: SiteEdition) -> str:
    config = _config_names.get(edition.code)
    if config is None:  # once a run: converter_for looks the glossary files up on every call
        config = _config_names[edition.code] = converter_for(edition.edition).key
    return config


def _body_cache_file(settings, edition: SiteEdition) -> Path:
    return Path(edition_cache_path(settings, edition)) / f"converted-{edition.code}.pickle"


BodiesWithPeople = list[tuple[str, tuple[str, ...]]]


def offer_conversion(pelican) -> dict[str, Callable[[BodiesWithPeople], list[str]]]:
    """The ingest converts every new body for each other edition as it renders it, in its
    parsing processes on every core: an edition's run, which converts alone on one core
    while the master writes, then finds them converted (with the names each credits)."""

    def work(edition: SiteEdition) -> Callable[[BodiesWithPeople], list[str]]:
        convert = html_converter(edition)
        return lambda bodies: [convert(body, names=_shown(body, people)) for body, people in bodies]

    return _offered(pelican, work)


def offer_text_conversion(pelican) -> dict[str, Callable[[list[tuple[str, str]]], list[str]]]:
    """The same for titles, subtitles, issue titles and summaries (bulletin.ingest.TextWork):
    converting them in the Traditional run's reading made the master wait for that run."""

    def work(edition: SiteEdition) -> Callable[[list[tuple[str, str]]], list[str]]:
        convert, convert_html = text_converter(edition), html_converter(edition)
        return lambda texts: [
            convert_html(text, True) if field == "summary" else convert(text)
            for field, text in texts
        ]

    return _offered(pelican, work)


def _offered(pelican, work_for: Callable[[SiteEdition], Callable]) -> dict[str, Callable]:
    """{edition code: its work} for every edition but the master; nothing without a cache to
    hand the results to."""
    settings = pelican.settings
    if not enabled(settings) or not settings.get("CACHE_PATH"):
        return {}
    use_conversion_options(settings)
    return {e.code: work_for(e) for e in editions_of(settings) if not e.is_master}


def keep_conversions(pelican, report) -> None:
    """Hand the ingest's conversions over to each edition's body cache."""
    settings = pelican.settings
    if not enabled(settings) or not settings.get("CACHE_PATH"):
        return
    use_conversion_options(settings)
    html_of = {key: html for issue in report.issues for key, html in issue.html.items()}
    people_of = _credited_people(report)
    for edition in editions_of(settings):
        if edition.is_master:
            continue
        converted = report.worked.get(edition.code) or {}
        # keyed as the edition's run looks a body up: with the credited names it shows
        entries = {
            _body_key(edition, html_of[key], _shown(html_of[key], people_of.get(key, ()))): body
            for key, body in converted.items()
        }
        texts = report.worked_texts.get(edition.code) or {}
        entries.update({_text_key(edition, *pair): text for pair, text in texts.items()})
        if entries:
            hand_over(_body_cache_file(settings, edition), entries)


def _credited_people(report) -> dict[str, tuple[str, ...]]:
    """{rendered-body key: the names its article's header credits}, for the issues parsed."""
    people: dict[str, tuple[str, ...]] = {}
    for issue in report.issues:
        for text in getattr(issue, "rendered", {}).values():
            header, body = split_header(text)
            names = _people({key.lower(): value for key, value in header})
            if names:
                people[rendered_key(body)] = names
    return people


# The run's converters, made once per run (a thousand articles would otherwise look the
# glossary's files up thousands of times); cleared when a run starts.
_converters_of_run: dict[str, tuple[Callable[[str], str], Callable[..., str] | None]] = {}


_body_caches: dict[str, PickleCache] = {}
_config_names: dict[str, str] = {}  # edition code -> its OpenCC config's file name, this run
_names_of_run: dict[str, dict[str, str]] = {}  # edition code -> {name: as printed}


def reset_converters(pelican=None) -> None:
    _converters_of_run.clear()
    _body_caches.clear()
    _config_names.clear()
    _names_of_run.clear()
    settings = getattr(pelican, "settings", None) or {}
    edition = settings.get("EDITION")
    if settings.get("CACHE_PATH") and edition is not None and not edition.is_master:
        # The edition's own CACHE_PATH (edition_overrides): the same file keep_conversions found.
        path = Path(settings["CACHE_PATH"]) / f"converted-{edition.code}.pickle"
        _body_caches[edition.code] = PickleCache(path)


def save_converted(_pelican=None) -> None:
    for cache in _body_caches.values():
        cache.save()


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
