"""Pelican plugin: a weekly build renders only the pages the new issue changed.

Pelican renders every page on every build; for twenty years of bulletins that is tens of
thousands of pages to say the same thing again. This plugin's writer gives each page a key
(bulletin/site/memo.py) and carries over, instead of rendering, every page whose key and file
are as the last build left them:
- a page the plugin that owns it describes (the `page_inputs` signal, plugin_signals.py:
  site_archive's stories with their neighbours, issues, months): what it says it shows;
- the pages of a list (every template in PAGINATED_TEMPLATES: columns, districts, partner
  places): its stories and links (with the stable pagination of
  bulletin/site/pagination.py, older pages keep the same stories for ever), and on the
  newest page how many stories the list has;
- a feed (the archive's, a column's, a district's): its newest stories;
plus, for every key, the theme, the code (bulletin/, plugins/), the glossary, the library
versions and the run's settings (bulletin/build/fingerprint.py). Every other page (home,
indexes, overview) is rendered every time; they are few.

Templates are compiled once and kept in `<CACHE_PATH>/jinja/<fingerprint>` (Jinja's bytecode
cache). Lists are always paginated from the oldest (the theme expects it).

What this plugin needs of Pelican beyond its plugin API is in plugins/pelican_internals.py.

Settings: SITE_INCREMENTAL (default True; False renders every page), SITE_PREVIOUS_OUTPUT (the
published site a staged build carries pages over from; set by `invoke build`; without it the
build writes in place and unchanged pages are left alone). The memo is
`<CACHE_PATH>/pages-<edition>.json`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Content, Page
from pelican.writers import Writer
from pelican_internals import (
    content_context,
    jinja_environment,
    set_content_context,
    update_generator_context,
)
from plugin_signals import enabled as plugin_enabled
from plugin_signals import page_inputs

from bulletin.build.fingerprint import site_fingerprint
from bulletin.site.memo import PageMemo, page_key
from bulletin.site.pagination import stable_pages

from . import journal, stamps

log = logging.getLogger(__name__)
PLUGIN_NAME = "site_incremental"
_writers: list[MemoWriter] = []


enabled = partial(plugin_enabled, plugin=PLUGIN_NAME)  # plugins/plugin_signals.py


def run_fingerprint(settings) -> str:
    """What every page of this run depends on besides its stories (computed when the run
    starts, see _check_content_cache)."""
    return settings.get("SITE_FINGERPRINT") or site_fingerprint(settings)


def described(name: str, kwargs: dict, listed: bool = False):
    """What the plugin owning the page `name` says it shows (`page_inputs`), or None."""
    for _receiver, inputs in page_inputs.send(name, kwargs=kwargs, listed=listed):
        if inputs is not None:
            return inputs
    return None


class MemoWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.fingerprint = run_fingerprint(settings)
        site_output = settings.get("SITE_OUTPUT_PATH") or output_path
        previous_site = settings.get("SITE_PREVIOUS_OUTPUT") or site_output
        previous = Path(previous_site) / os.path.relpath(output_path, site_output)
        code = settings.get("EDITION_CODE") or settings.get("DEFAULT_LANG") or "site"
        memo_file = Path(settings["CACHE_PATH"]) / f"pages-{code}.json"
        self.memo = (
            PageMemo(memo_file, previous, Path(output_path))
            if settings.get("SITE_INCREMENTAL", True)
            else None
        )
        self._digests: dict[str, str] = {}

    # -- keys --------------------------------------------------------------------------

    def digest(self, content) -> str:
        """A story's own input: its Markdown file (title, metadata, body, issue fields)."""
        path = content.source_path
        found = self._digests.get(path)
        if found is None:
            # Pelican's caches hashed every file this run (stamps.py): no second read.
            method = str(self.settings.get("CHECK_MODIFIED_METHOD"))
            found = stamps.content_hash(path, method)
            if found is None:
                with open(path, "rb") as handle:
                    found = hashlib.sha256(handle.read()).hexdigest()
            self._digests[path] = found
        return found

    def stories(self, articles) -> list[str]:
        return [self.digest(article) for article in articles]

    def key_for(self, name: str, template, kwargs) -> str | None:
        """The page's key from what its owner says it shows; None when nobody says."""
        inputs = described(name, kwargs)
        if inputs is None:
            return None
        return self._key(name, template, self._digested(inputs))

    def _digested(self, inputs):
        """`inputs` with every story (a content object) replaced by its source's hash."""
        if isinstance(inputs, Content):
            return self.digest(inputs)
        if isinstance(inputs, list | tuple):
            return [self._digested(part) for part in inputs]
        return inputs

    def _key(self, name: str, template, *parts: object) -> str:
        return page_key(self.fingerprint, name, template.name, *parts)

    # -- writing -----------------------------------------------------------------------

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        if not name:
            return None
        if template_name in self.settings["PAGINATED_TEMPLATES"] and "articles" in kwargs:
            return self._write_list(name, template, context, relative_urls, url, kwargs)
        key = self.key_for(name, template, kwargs)
        if key is not None and self._carried(name, context, relative_urls, kwargs, key):
            return None
        super().write_file(name, template, context, relative_urls, paginated, template_name,
                           override_output, url, **kwargs)  # fmt: skip
        self._record(name, key)
        return None

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):  # fmt: skip
        """A feed is carried over like a page when its items (the newest FEED_MAX_ITEMS
        stories, each its own file) are the same: a weekly issue touches a few columns' and
        districts' feeds, and Pelican wrote all 53 an edition every build. A carried-over
        feed is announced with `feed_written` and `feed=None` (it was not made again)."""
        key = None
        if path and self.memo is not None:
            items = elements[: self.settings["FEED_MAX_ITEMS"]]
            key = page_key(self.fingerprint, path, feed_type, url or "", feed_title or "",
                           self.stories(items))  # fmt: skip
            if self.memo.carry_over(path, key):
                full_path = os.path.join(self.output_path, path)
                signals.feed_written.send(full_path, context=context, feed=None)
                return None
        feed = super().write_feed(elements, context, path, url, feed_type, override_output,
                                  feed_title)  # fmt: skip
        if path:
            self._record(path, key)
        return feed

    def _write_list(self, name, template, context, relative_urls, url, kwargs) -> None:
        per_page = self.settings["PAGINATED_TEMPLATES"].get(template.name.split(".")[0]) or (
            self.settings["DEFAULT_PAGINATION"] or len(kwargs["articles"]) or 1
        )
        owner = kwargs.get("category") or kwargs.get("tag")  # Pelican's own lists
        owner_id = (
            [owner.name, owner.slug]
            if owner is not None
            else described(name, kwargs, listed=True) or []
        )
        stories = kwargs["articles"]
        for page in stable_pages(stories, url or name, name, per_page):
            local = dict(kwargs, articles_page=page)
            links = [p.url if p else "" for p in (page.newer, page.older, page.newest)]
            # The newest page also says how many stories the list has; a weekly issue changes
            # the lists of its own columns and districts only.
            count = len(stories) if page.is_newest else None
            key = self._key(page.save_as, template, owner_id, links,
                            self.stories(page.object_list), count)  # fmt: skip
            if self._carried(page.save_as, context, relative_urls, local, key):
                continue
            Writer.write_file(self, page.save_as, template, context, relative_urls, **local)
            self._record(page.save_as, key)

    def _record(self, name: str, key: str | None) -> None:
        if key is not None and self.memo is not None:
            self.memo.record(name, key)

    def _carried(self, name, context, relative_urls, kwargs, key) -> bool:
        if self.memo is None or not self.memo.carry_over(name, key):
            return False
        # Plugins that list written pages (sitemap, progress) still hear about it.
        local = dict(context, output_file=name, **kwargs)
        signals.content_written.send(os.path.join(self.output_path, name), context=local)
        return True


def _writer_class(pelican):
    if not enabled(pelican.settings):
        return None
    return _RecordingWriter


class _RecordingWriter(MemoWriter):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        _writers.append(self)


def _save(pelican) -> None:
    while _writers:
        writer = _writers.pop()
        if writer.memo is None:
            continue
        writer.memo.save()
        log.info(
            "Pages: %d rendered, %d carried over from the last build",
            writer.memo.rendered,
            writer.memo.carried,
        )


def _check_content_cache(pelican) -> None:
    """Pelican's reader cache knows when an article changed, not when the code reading it or
    the settings did: a build whose fingerprint differs from the last one's reads afresh."""
    settings = pelican.settings
    if not enabled(settings):
        return
    # An edition's run starts from the master's settings: recompute, and decide from what the
    # settings file asked for, not from what the master's run decided for itself.
    settings["SITE_FINGERPRINT"] = fingerprint = site_fingerprint(settings)
    wanted = settings.setdefault("SITE_LOAD_CONTENT_CACHE", settings.get("LOAD_CONTENT_CACHE"))
    stamp = Path(settings["CACHE_PATH"]) / "fingerprint"
    try:
        same = stamp.read_text(encoding="utf-8") == fingerprint
    except OSError:
        same = False
    settings["LOAD_CONTENT_CACHE"] = bool(wanted) and same


def _stamp_content_cache(pelican) -> None:
    settings = pelican.settings
    if enabled(settings) and settings.get("CACHE_CONTENT") and settings.get("SITE_FINGERPRINT"):
        stamp = Path(settings["CACHE_PATH"]) / "fingerprint"
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(settings["SITE_FINGERPRINT"], encoding="utf-8")


def _adopt_cached_content(generator) -> None:
    """Content from Pelican's generator-level cache holds no context (Content._context, used
    for links and the local SITEURL): give it this run's. Every article gets it as a view
    that Pelican's cache leaves out: the context holds the whole archive, which each save
    pickled again (most of Pelican's cache file; all of a journal, journal.py)."""
    if not enabled(generator.settings):
        return
    live = _LiveContext(generator.context)
    for name in (
        *("articles", "translations", "drafts", "hidden_articles"),
        *("pages", "hidden_pages", "draft_pages", "hidden_translations", "draft_translations"),
    ):
        for content in getattr(generator, name, None) or ():
            set_content_context(content, live)


class _LiveContext(Mapping):
    """The run's context as a page or article sees it, left out when Pelican pickles it.

    Pelican caches pages after the articles' context is built, so a page's context holds every
    story with its issue, neighbours and related stories: pickling that follows issue to older
    issue, one nested call each, and an archive of ten thousand issues overflowed the stack."""

    def __init__(self, context: Mapping) -> None:
        self._context = context

    def __getitem__(self, key):
        return self._context[key]

    def __iter__(self):
        return iter(self._context)

    def __len__(self) -> int:
        return len(self._context)

    def __reduce__(self):
        return (dict, ())  # _adopt_cached_content gives a cached page the run's context


def _page_context_left_out_of_cache(content) -> None:
    if isinstance(content, Page) and enabled(content.settings):
        set_content_context(content, _LiveContext(content_context(content)))


class _Members(list):
    """A column's or district's stories with `in` by identity in constant time. Pelican's
    tag and category pages filter every story of the archive with `story in stories` (a list
    scan): quadratic in the size of the archive."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def _fast_membership(generator) -> None:
    if not enabled(generator.settings):
        return
    for tag, stories in list(generator.tags.items()):
        generator.tags[tag] = _Members(stories)
    generator.categories = [(cat, _Members(stories)) for cat, stories in generator.categories]
    generator.authors = [(author, _Members(stories)) for author, stories in generator.authors]
    update_generator_context(generator, ("tags", "categories", "authors"))


def _compiled_templates(generator) -> None:
    """Every generator has its own Jinja environment and compiled each template anew on every
    build; Jinja's bytecode cache keys them by name and source checksum. Not by the
    environment they were compiled for (JINJA_ENVIRONMENT, the filters the code installs, the
    Jinja version): each run fingerprint compiles into a folder of its own, and the folders
    of fingerprints before are removed."""
    env = jinja_environment(generator)
    if not enabled(generator.settings) or env is None or env.bytecode_cache is not None:
        return
    compiled = Path(generator.settings["CACHE_PATH"]) / "jinja"
    folder = compiled / run_fingerprint(generator.settings)[:16]
    if not folder.is_dir():
        if compiled.is_dir():
            shutil.rmtree(compiled)  # a few dozen small files, never read again
        folder.mkdir(parents=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _stamp_each_file_once(pelican) -> None:
    stamps.start_run(enabled(pelican.settings))
    journal.start_run(enabled(pelican.settings))


def _forget_stamps(_sender) -> None:
    stamps.forget()


def _stop_stamping(_pelican) -> None:
    stamps.start_run(False)
    journal.start_run(False)


def register() -> None:
    signals.initialized.connect(_stamp_each_file_once)
    signals.generator_init.connect(_forget_stamps)
    signals.finalized.connect(_stop_stamping)
    signals.initialized.connect(_check_content_cache)
    signals.finalized.connect(_stamp_content_cache)
    signals.generator_init.connect(_compiled_templates)
    signals.article_generator_pretaxonomy.connect(_adopt_cached_content)
    signals.content_object_init.connect(_page_context_left_out_of_cache)
    signals.page_generator_finalized.connect(_adopt_cached_content)
    signals.article_generator_finalized.connect(_fast_membership)
    signals.get_writer.connect(_writer_class)
    signals.finalized.connect(_save)
