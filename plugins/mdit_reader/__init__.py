"""Pelican reader plugin: Markdown rendered by markdown-it-py instead of Python-Markdown.

What it returns is kept by Pelican's reader cache between builds (CACHE_CONTENT in
pelicanconf.py; site_incremental drops the cache when the code or settings change).
"""

from __future__ import annotations

from pelican import signals
from pelican.readers import BaseReader

from bulletin.render import BULLETIN_FIELDS, bulletin_field, render_markdown, split_header


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
        return render_markdown(body), metadata


def _add_reader(readers) -> None:
    for extension in MarkdownItReader.file_extensions:
        readers.reader_classes[extension] = MarkdownItReader


def _forget_disabled_markdown(generator) -> None:
    # Pelican lists its own MarkdownReader as "disabled" when Python-Markdown is absent and
    # warns on every .md file, although ours reads them.
    for extension in MarkdownItReader.file_extensions:
        generator.readers.disabled_readers.pop(extension, None)


def register() -> None:
    signals.readers_init.connect(_add_reader)
    signals.generator_init.connect(_forget_disabled_markdown)
