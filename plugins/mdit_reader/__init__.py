"""Pelican reader plugin: Markdown rendered by markdown-it-py instead of Python-Markdown.

Bodies come already rendered from the ingest where they can (`markdown.pickle` in the master's
CACHE_PATH, BULLETIN_SHARED_CACHE, written by the ingest's workers): each edition then renders
only what an editor changed since. What the reader returns is kept by Pelican's reader cache
between builds (CACHE_CONTENT in pelicanconf.py; site_incremental drops it when the code or
settings change).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from bulletin.pickle_cache import PickleCache
from bulletin.render import (
    BULLETIN_FIELDS,
    bulletin_field,
    markdown_to_html,
    rendered_file,
    rendered_key,
    split_header,
)

_rendered: dict[str, PickleCache] = {}  # shared cache folder -> bodies rendered by the ingest
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
log = logging.getLogger(__name__)


def _render(body: str, settings) -> str:
    folder = settings.get("BULLETIN_SHARED_CACHE") or settings.get("CACHE_PATH")
    if not folder:
        return markdown_to_html(body)
    if folder not in _rendered:  # read once per process, never written here
        _rendered[folder] = PickleCache(rendered_file(Path(folder)))
    found = _rendered[folder].get(rendered_key(body))
    return found if found is not None else markdown_to_html(body)


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, filename: str):
        # An article that failed its checks, read from its last good copy (content_checks)
        substitutes = self.settings.get("BULLETIN_SUBSTITUTES") or {}
        filename = substitutes.get(os.path.abspath(filename), filename)
        with open(filename, encoding="utf-8-sig") as handle:
            header, body = split_header(handle.read())
        metadata = {}
        for line, (key, value) in enumerate(header, start=1):  # the header opens the file
            try:
                metadata[key] = self._field(key, value)
            except Exception as error:
                # Pelican's own message names only the file ("Could not process"); the editor
                # (and the preview's error banner) needs the line and the reason too.
                place = f"{_shown(filename)}:{line}"
                log.error("%s: %s: %s: %s", place, key.capitalize(), value, error)
                raise
        return _render(body, self.settings), metadata

    def _field(self, key: str, value: str):
        if key in BULLETIN_FIELDS:
            return bulletin_field(key, value)
        if key == "date" and (day := _ISO_DAY.fullmatch(value)):
            # What Pelican's dateutil parse returns for the ingest's dates, at a tenth the cost.
            return SafeDatetime(*map(int, day.groups()))
        return self.process_metadata(key, value)


def _shown(filename: str) -> str:
    """The file's path relative to the working folder (the project's root) when inside it."""
    path = Path(filename).resolve()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def _add_reader(readers) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def _forget_disabled_markdown(generator) -> None:
    # Pelican lists its own MarkdownReader as "disabled" when Python-Markdown is absent and
    # warns on every .md file, although ours reads them.
    for extension in MarkdownItReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)


def _forget_rendered(_pelican) -> None:
    _rendered.clear()  # a later build in this process reads the ingest's new file


def register() -> None:
    signals.initialized.connect(_forget_rendered)
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_forget_disabled_markdown)
