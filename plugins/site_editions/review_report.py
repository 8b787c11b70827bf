"""The editors' review list: per issue, the phrases whose conversion OpenCC had to guess.

Written by each edition's run to BULLETIN_REVIEW_PATH (reports/review-<edition>.md), newest
issue first. What is reviewed is what readers see converted: each article's title, subtitle,
summary and body, from its Markdown file (so `{{name}}` marks are honoured). Glossary entries
are never listed (bulletin.hant.review_list). OpenCC's review is a native program that loads its
dictionaries on every call, so all issues that changed go in one call, and each issue's result
is cached by the hash of its text and the edition's configuration: a weekly build reviews only
the new issue. The call starts when the articles are read and is waited for when the run
finishes (`finish_reviews`, on `finalized`): the pages are rendered meanwhile.

The list covers the newest BULLETIN_REVIEW_ISSUES issues (12, a quarter of weekly issues; 0 for
all): the editors need the phrases of each *new* issue, and reviewing twenty years of back
issues with the native tool's ambiguity mode would sit on the critical path of a fresh build.
`invoke review` writes the list for the
whole archive.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bulletin.cache_keys import text_key
from bulletin.files import atomic_write_text
from bulletin.hant import converter_for, format_review, start_review, strip_no_convert_marks
from bulletin.render import split_header
from bulletin.site.date_format import iso_date

from .run_edition import enabled, this_edition

SEPARATOR = "\n" * 12  # no phrase spans a newline; the context around a phrase stops here
FIELDS = ("title", "subtitle", "summary")
DEFAULT_ISSUES = 12
_unfinished: list[Callable[[], None]] = []  # this process's reviews still running


def write_review(generator) -> None:
    settings = generator.settings
    if not enabled(settings) or not settings.get("BULLETIN_REVIEW", True):
        return
    edition = this_edition(settings)
    if edition.is_master:
        return
    pattern = settings.get("BULLETIN_REVIEW_PATH", "reports/review-{edition}.md")
    converter = converter_for(edition.edition)
    cache_file = Path(settings.get("CACHE_PATH", "cache")) / "review.json"
    limit = int(settings.get("BULLETIN_REVIEW_ISSUES", DEFAULT_ISSUES) or 0)
    issues = _issue_texts(generator.articles, limit)
    sections = review_sections_later(issues, converter, cache_file, limit)
    heading = f"# Conversion review: {edition.edition.name} ({edition.code}, "
    heading += f"OpenCC {edition.edition.opencc_config})\n\n"
    intro = (
        "Phrases whose conversion OpenCC had to guess, per issue, newest first. Where a choice "
        "is wrong, add a line to glossary/phrases.txt (or mark a name `{{name}}` in the "
        "article) and build again.\n\n"
    )
    path = Path(pattern.format(edition=edition.code))
    _unfinished.append(lambda: atomic_write_text(path, heading + intro + "\n".join(sections())))


def finish_reviews(_pelican=None) -> None:
    """Wait for the reviews this process started and write them (a run ends only then)."""
    while _unfinished:
        _unfinished.pop(0)()


def forget_reviews(_pelican=None) -> None:
    """A run starts with no review of its own: one a failed run left is never written."""
    _unfinished.clear()


def review_sections_later(
    issues: dict[str, tuple[str, str]], converter, cache_file: Path, limit: int
) -> Callable[[], list[str]]:
    """The sections of the newest `limit` issues (0: all), and a line about the others, with
    OpenCC started now: call the result to wait for them."""
    left_out = len(issues) - limit if 0 < limit < len(issues) else 0
    if not left_out:
        return _reviewed_later(issues, converter, cache_file)
    sections = _reviewed_later(dict(list(issues.items())[:limit]), converter, cache_file)
    note = (
        f"## Older issues\n\n{left_out} older issues are not in this list (it covers the "
        f"newest {limit}); `invoke review` lists the whole archive.\n"
    )
    return lambda: [*sections(), note]


def _issue_texts(articles, limit: int = 0) -> dict[str, tuple[str, str]]:
    """issue key -> (heading, text to review), newest issue first as the archive sorts.

    Only the newest `limit` issues' articles are read (0: all); the others, which the review
    leaves out, map to their heading and no text (reading them would slow the Traditional run
    for nothing)."""
    by_issue: dict[str, list[str]] = defaultdict(list)
    headings: dict[str, str] = {}
    for article in articles:
        key = getattr(article, "issue", "") or "(no issue)"
        headings.setdefault(key, f"{key} · {iso_date(getattr(article, 'issue_date', None))}")
        by_issue[key].append(article.source_path)
    reviewed = list(by_issue)[:limit] if limit > 0 else list(by_issue)
    texts = {key: "\n\n".join(_article_text(path) for path in by_issue[key]) for key in reviewed}
    return {key: (headings[key], texts.get(key, "")) for key in by_issue}


def _article_text(path: str) -> str:
    with open(path, encoding="utf-8-sig") as handle:
        header, body = split_header(handle.read())
    fields = dict(header)
    return "\n".join([*(fields[name] for name in FIELDS if fields.get(name)), body])


def _reviewed_later(
    issues: dict[str, tuple[str, str]], converter, cache_file: Path
) -> Callable[[], list[str]]:
    cache = _load(cache_file)
    config = Path(converter.config_path).name  # changes with the glossary and OpenCC
    digests = {key: text_key(config, text) for key, (_heading, text) in issues.items()}
    stale = [key for key in issues if cache.get(key, {}).get("hash") != digests[key]]
    running = _review_together_later([issues[k] for k in stale], converter)

    def finish() -> list[str]:
        for key, section in zip(stale, running(), strict=True):
            cache[key] = {"hash": digests[key], "section": section}
        kept = {key: cache[key] for key in issues}
        if kept != cache or stale:
            _save(cache_file, kept)
        return [kept[key]["section"] for key in issues]

    return finish


def _review_together_later(issues: list[tuple[str, str]], converter) -> Callable[[], list[str]]:
    """One OpenCC call for every issue, started now; the sections, split back by where each
    issue starts, when the returned function is called."""
    if not issues:
        return list
    starts, position = [], 0
    for _heading, text in issues:
        starts.append(position)
        position += len(strip_no_convert_marks(text)) + len(SEPARATOR)
    pending = start_review(SEPARATOR.join(text for _heading, text in issues), converter)

    def finish() -> list[str]:
        grouped: list[list] = [[] for _ in issues]
        index = 0
        for item in pending.result():  # in text order
            while index + 1 < len(starts) and item.start >= starts[index + 1]:
                index += 1
            grouped[index].append(item)
        return [
            format_review(group, heading=heading)
            for group, (heading, _text) in zip(grouped, issues, strict=True)
        ]

    return finish


def _load(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save(path: Path, data: dict) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True))
