"""Pelican plugin: check every article before anything is rendered; no story vanishes.

On `initialized` (after the ingest: this plugin comes after bulletin_ingest in PLUGINS) every
file in content/articles is checked (bulletin/validate.py). A problem stops the build before
any page is written, unless BULLETIN_KEEP_GOING (`invoke build --keep-going`) is set: then a
broken article that an earlier build published is read from its last good copy
(bulletin/published.py; the mdit_reader reads BULLETIN_SUBSTITUTES), and one never published
is left out. When the articles have been read, the stories the last build published are
compared with those read now: one whose file is still there but was not read stops the build.

The master run leaves its `Outcome` on the Pelican object as `content_outcome`; the runner
records what was published (PublishedRecord.remember) once the new site has replaced the old.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from plugin_signals import enabled, ingested

from bulletin.ingest.issue import sidecar_errors
from bulletin.published import ContentErrors, Outcome, PublishedRecord, Story
from bulletin.validate import Problem, check_content

PLUGIN_NAME = "content_checks"


def _shown(folder: Path) -> str:
    try:
        return Path(folder).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(folder)


def _check(pelican) -> None:
    settings = pelican.settings
    # Signals are process-wide and an edition's run starts from the master's settings.
    if not enabled(settings, PLUGIN_NAME) or settings.get("BULLETIN_CHECKED_BY"):
        return
    settings["BULLETIN_CHECKED_BY"] = os.getpid()
    content = Path(settings["PATH"])
    shown = _shown(content)
    record = PublishedRecord(Path(settings["CACHE_PATH"]))
    outcome = Outcome()
    for error in getattr(pelican, "sidecar_errors", ()):
        outcome.problems.append(Problem(error.source, error.line, "", "", error.message))
        outcome.not_ingested.append(error.source.removesuffix(".toml") + ".txt")
    substitutes: dict[str, str] = {}
    ignored: list[str] = []
    for checked in check_content(content, shown):
        if not checked.problems:
            continue
        outcome.problems.extend(checked.problems)
        relative = checked.path[len(shown) + 1 :]
        story = Story(relative, checked.slug, checked.title)
        last_good = record.last_good(relative)
        if last_good is not None:
            before = record.stories().get(relative, {})
            story = Story(
                relative, before.get("slug", story.slug), before.get("title", story.title)
            )
            outcome.kept.append(story)
            outcome.vanishing.append((story, "its header has errors (listed above)"))
            substitutes[os.path.abspath(content / relative)] = str(last_good)
        else:
            outcome.left_out.append(story)
            ignored.append(Path(relative).name)
    pelican.content_outcome = settings["BULLETIN_OUTCOME"] = outcome
    settings["BULLETIN_PUBLISHED_BEFORE"] = record.stories()
    if outcome.problems and not settings.get("BULLETIN_KEEP_GOING"):
        outcome.left_out += outcome.kept
        outcome.kept = []
        raise ContentErrors(outcome)
    settings["BULLETIN_SUBSTITUTES"] = substitutes
    settings["IGNORE_FILES"] = [*settings.get("IGNORE_FILES", []), *ignored]


def _note_sidecar_errors(pelican, report=None, **_kwargs) -> None:
    """The ingest ran (before the checks): sidecars it could not read are errors."""
    if report is not None:
        pelican.sidecar_errors = sidecar_errors(report.warnings)


def _compare(generator) -> None:
    """After the master has read the articles: a story published last time that was not read
    although its file is there would vanish."""
    settings = generator.settings
    if settings.get("BULLETIN_CHECKED_BY") != os.getpid():
        return
    content = Path(generator.path)
    read = {a.get_relative_source_path(): a for a in generator.articles}
    outcome: Outcome = settings["BULLETIN_OUTCOME"]
    known = {story.path for story in (*outcome.kept, *outcome.left_out)}
    for path, before in settings.get("BULLETIN_PUBLISHED_BEFORE", {}).items():
        if path in read or path in known or not (content / path).exists():
            continue
        story = Story(path, before.get("slug", ""), before.get("title", ""))
        outcome.vanishing.append((story, "Pelican did not read it (see its messages above)"))
        outcome.left_out.append(story)
    outcome.published = [
        Story(path, article.slug, article.title) for path, article in sorted(read.items())
    ]
    if outcome.vanishing and not settings.get("BULLETIN_KEEP_GOING"):
        raise ContentErrors(outcome)


def register() -> None:
    ingested.connect(_note_sidecar_errors)
    signals.initialized.connect(_check)
    signals.article_generator_finalized.connect(_compare)
