"""Pelican reader plugin: Markdown rendered by markdown-it-py instead of Python-Markdown.

Rendered bodies are kept in `<CACHE_PATH>/markdown.pickle` by the hash of the Markdown, the
renderer's code and markdown-it-py's version, so a weekly build renders only the new stories.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from pelican import signals
from pelican.readers import BaseReader

from bulletin.cache import PickleCache, text_key
from bulletin.ingest_cache import code_fingerprint
from bulletin.render import BULLETIN_FIELDS, bulletin_field, render_markdown, split_header

_caches: dict[str, PickleCache] = {}
MARKDOWN_IT = version("markdown-it-py")


def _rendered_cache(settings) -> PickleCache:
    folder = settings.get("CACHE_PATH")
    path = str(Path(folder) / "markdown.pickle") if folder else ""
    if path not in _caches:
        _caches[path] = PickleCache(Path(path) if path else None)
    return _caches[path]


def _render(body: str, settings) -> str:
    key = text_key(code_fingerprint(), MARKDOWN_IT, body)
    return _rendered_cache(settings).remember(key, lambda: render_markdown(body))


class MarkdownItReader(BaseReader):
    enabled = True
    file_extensions = ("md", "markdown")

    def read(self, filename: str):
        with open(filename, encoding="utf-8-sig") as handle:
            header, body = split_header(handle.read())
        metadata = {
            key: bulletin_field(key, value)
            if key in BULLETIN_FIELDS
            else self.process_metadata(key, value)
            for key, value in header
        }
        return _render(body, self.settings), metadata


def _add_reader(readers) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def _forget_disabled_markdown(generator) -> None:
    # Pelican lists its own MarkdownReader as "disabled" when Python-Markdown is absent and
    # warns on every .md file, although ours reads them.
    for extension in MarkdownItReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)


def _save_cache(_pelican) -> None:
    while _caches:
        _caches.popitem()[1].save()


def register() -> None:
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_forget_disabled_markdown)
    signals.finalized.connect(_save_cache)
