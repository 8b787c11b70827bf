"""What plugins/pelican_internals.py relies on in the installed Pelican, beyond its plugin API.

A Pelican upgrade that renames, removes or changes one of these fails here, with a message
naming the attribute or method and what the project uses it for, rather than as a wrong or
slow build somewhere else.
"""

from __future__ import annotations

import datetime
import hashlib
import pickle
import sys
from pathlib import Path

import pytest
from pelican.cache import FileDataCacher, FileStampDataCacher
from pelican.contents import Article
from pelican.generators import Generator
from pelican.settings import read_settings
from pelican.writers import Writer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))
import pelican_internals as internals  # noqa: E402


def _changed(thing: str, used_for: str, expected: object, found: object) -> str:
    return (
        f"Pelican changed {thing}, which plugins/pelican_internals.py relies on ({used_for}): "
        f"expected {expected!r}, found {found!r}"
    )


@pytest.mark.parametrize(
    ("thing", "function", "expected", "used_for"),
    [
        (
            "pelican.cache.FileDataCacher.__init__",
            internals.PELICANS_CACHER_INIT,
            internals.CACHER_INIT_PARAMETERS,
            "the cache journal wraps it",
        ),
        (
            "pelican.cache.FileStampDataCacher._get_file_stamp",
            internals.PELICANS_FILE_STAMP,
            internals.FILE_STAMP_PARAMETERS,
            "one stamp per file and run replaces it",
        ),
        (
            "pelican.generators.Generator._update_context",
            Generator._update_context,
            internals.UPDATE_CONTEXT_PARAMETERS,
            "the tag and category lists are published again",
        ),
        (
            "pelican.writers.Writer.write_file",
            Writer.write_file,
            internals.WRITE_FILE_PARAMETERS,
            "the page memo's writer overrides it",
        ),
        (
            "pelican.writers.Writer.write_feed",
            Writer.write_feed,
            internals.WRITE_FEED_PARAMETERS,
            "the page memo's writer overrides it",
        ),
    ],
)
def test_the_methods_used_keep_their_signatures(thing, function, expected, used_for):
    found = internals.parameters(function)
    assert found == expected, _changed(thing, used_for, expected, found)


def _cache_settings(tmp_path: Path) -> dict:
    return {"CACHE_PATH": str(tmp_path), "GZIP_CACHE": False, "CHECK_MODIFIED_METHOD": "sha256"}


def test_a_content_cache_keeps_its_entries_file_and_policy_where_the_journal_reads_them(
    tmp_path,
):
    cacher = FileDataCacher(_cache_settings(tmp_path), "contract", True, True)
    for name in internals.CACHER_ATTRIBUTES:
        assert hasattr(cacher, name), _changed(
            f"FileDataCacher.{name}", "the cache journal", "an attribute", "none"
        )
    assert internals.caches_data(cacher) is True
    cacher.cache_data("story.md", {"title": "一"})
    entries = internals.cache_entries(cacher)
    assert entries == {"story.md": {"title": "一"}}, _changed(
        "FileDataCacher._cache", "the cache journal's entries", "{name: entry}", entries
    )
    internals.PELICANS_CACHER_SAVE(cacher)
    saved = Path(internals.cache_file(cacher))
    assert saved.is_file(), _changed("FileDataCacher._cache_path", "the journal's place", 1, 0)
    with saved.open("rb") as handle:
        assert pickle.load(handle) == entries, _changed(
            "FileDataCacher.save_cache", "the journal merges by it", "the entries pickled", "?"
        )
    again = FileDataCacher(_cache_settings(tmp_path), "contract", True, True)
    assert internals.cache_entries(again) == entries  # loaded by __init__


def test_a_file_stamp_is_the_sha256_of_its_bytes(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("Title: 一", encoding="utf-8")
    cacher = FileStampDataCacher(_cache_settings(tmp_path), "stamps", False, False)
    found = internals.PELICANS_FILE_STAMP(cacher, str(story))
    expected = hashlib.sha256(story.read_bytes()).digest()
    assert found == expected, _changed(
        "FileStampDataCacher._get_file_stamp", "the page memo reuses the hash", expected, found
    )


def test_a_content_objects_body_summary_and_context_are_where_the_plugins_set_them():
    settings = read_settings(None, override={"SITEURL": ""})
    context = {"generated_content": {}, "static_content": {}, "static_links": set()}
    article = Article(
        "<p>正文</p>",
        metadata={"title": "一", "summary": "<p>摘要</p>", "date": datetime.datetime(2024, 6, 14)},
        settings=settings,
        context=context,
    )
    for name in internals.CONTENT_ATTRIBUTES:
        assert hasattr(article, name), _changed(
            f"Content.{name}", "site_editions and site_incremental", "an attribute", "none"
        )
    assert internals.content_context(article) is context
    internals.set_content_context(article, {**context, "marker": 1})
    assert internals.content_context(article)["marker"] == 1
    assert internals.body_html(article) == "<p>正文</p>"
    internals.set_body_html(article, "<p>正文（繁）</p>")
    assert article.content == "<p>正文（繁）</p>", _changed(
        "Content._content", "the Traditional body", "<p>正文（繁）</p>", article.content
    )
    internals.set_summary(article, "<p>摘要（繁）</p>")
    assert article.summary == "<p>摘要（繁）</p>", _changed(
        "Content._summary", "the Traditional summary", "<p>摘要（繁）</p>", article.summary
    )


def test_a_generator_publishes_its_attributes_and_has_a_jinja_environment(tmp_path):
    settings = read_settings(None, override={"CACHE_PATH": str(tmp_path / "cache")})
    generator = Generator(
        context={}, settings=settings, path=str(tmp_path), theme=settings["THEME"],
        output_path=str(tmp_path / "out"),
    )  # fmt: skip
    generator.tags = {"tag": []}
    internals.update_generator_context(generator, ("tags",))
    found = generator.context.get("tags")
    assert found == [("tag", [])], _changed(
        "Generator._update_context", "tag and category lists", [("tag", [])], found
    )
    env = internals.jinja_environment(generator)
    assert env is not None and hasattr(env, "bytecode_cache"), _changed(
        "Generator.env", "the compiled templates' cache", "a Jinja environment", env
    )


def test_pelicans_closing_line_can_be_silenced_and_is_restored():
    import pelican

    assert hasattr(pelican, "console"), _changed(
        "pelican.console", "Pelican's 'Done: Processed' line", "a rich Console", None
    )
    loud = pelican.console
    with internals.console_silenced():
        assert pelican.console is not loud and pelican.console.quiet
    assert pelican.console is loud
