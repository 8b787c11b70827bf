"""A weekly build renders only what changed (plugins/site_incremental, bulletin/site/memo.py),
and what it carries over is exactly what a build from scratch would have written."""

from __future__ import annotations

import json
import logging
import re
import shutil
import sys
from pathlib import Path

import pytest

from bulletin.site.memo import PageMemo

STORY = "articles/001-72ab9001c2915723-01.html"


@pytest.fixture(scope="module")
def build_site(kit):
    sys.path.insert(0, str(kit.ROOT / "plugins"))
    from site_build.runner import build_site

    return build_site


@pytest.fixture
def archive(kit, build_site, tmp_path):
    """A copy of the committed content/ and a function building it (staged, like `invoke build`)."""
    from pelican.settings import read_settings

    content = tmp_path / "content"
    shutil.copytree(kit.ROOT / "content", content)
    plugins = read_settings(str(kit.ROOT / "pelicanconf.py"))["PLUGINS"]

    def build(output: str = "output", cache: str = "cache", **overrides) -> Path:
        build_site(
            kit.ROOT / "pelicanconf.py",
            tmp_path / output,
            progress=False,
            overrides={
                "PLUGINS": [p for p in plugins if p != "bulletin_ingest"],
                "PATH": str(content),
                "CACHE_PATH": str(tmp_path / cache),
                "BULLETIN_REVIEW_PATH": str(tmp_path / "review-{edition}.md"),
                **overrides,
            },
        )
        return tmp_path / output

    build.content = content
    return build


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def inodes(root: Path, pattern: str = "*.html") -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_ino for p in root.rglob(pattern)}


def story_source(content: Path, page: str) -> Path:
    slug = Path(page).stem
    (found,) = content.glob(f"articles/*/{slug}.md")
    return found


def build_again(archive, tmp_path) -> Path:
    """A build that runs although nothing changed (a build that finds the last one's record
    does nothing: test_nothing_to_do.py)."""
    (tmp_path / "cache" / "last-build.json").unlink()
    return archive()


def test_unchanged_pages_are_carried_over_and_equal_a_build_from_scratch(archive, tmp_path):
    first_root = archive()
    first, first_index = inodes(first_root), inodes(first_root, "*.json")
    second_root = build_again(archive, tmp_path)
    second = inodes(second_root)
    carried = [name for name in second if second[name] == first.get(name)]
    stories = [name for name in second if "articles/" in name]
    assert set(stories) <= set(carried), "every story page is carried over"
    index = inodes(second_root, "*.json")  # the search index files, carried over too
    assert len(index) > 20 and all(index[n] == first_index.get(n) for n in index)
    assert "index.html" not in carried  # the home page is rendered every time
    scratch = archive(output="scratch", cache="scratch-cache", SITE_INCREMENTAL=False)
    assert files(second_root) == files(scratch)


def test_an_edited_story_is_rendered_again_and_nothing_else_goes_stale(archive):
    before = inodes(archive())
    source = story_source(archive.content, STORY)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\n编辑补记：本文已更正。\n", encoding="utf-8")
    root = archive()
    after = inodes(root)
    assert "编辑补记" in (root / STORY).read_text(encoding="utf-8")
    assert "編輯補記" in (root / "zh-hant" / STORY).read_text(encoding="utf-8")
    assert after[STORY] != before[STORY]
    untouched = [n for n in after if "articles/004-" in n]  # another issue, not related
    assert untouched and all(after[n] == before[n] for n in untouched)
    scratch = archive(output="scratch", cache="scratch-cache", SITE_INCREMENTAL=False)
    assert files(root) == files(scratch)


def test_only_the_feeds_listing_an_edited_story_are_written_again(archive):
    before = inodes(archive(), "*.atom.xml")
    source = story_source(archive.content, STORY)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\n编辑补记：本文已更正。\n", encoding="utf-8")
    root = archive()
    after = inodes(root, "*.atom.xml")
    assert len(after) > 40 and set(after) == set(before)  # both editions' feeds
    for name, inode in after.items():
        lists_it = "编辑补记" in (root / name).read_text(encoding="utf-8") or "編輯補記" in (
            root / name
        ).read_text(encoding="utf-8")
        assert (inode != before[name]) == lists_it, name
    written = [name for name in after if after[name] != before[name]]
    assert "feeds/all.atom.xml" in written and "zh-hant/feeds/all.atom.xml" in written
    assert len(written) < len(after) / 2
    scratch = archive(output="scratch", cache="scratch-cache", SITE_INCREMENTAL=False)
    assert files(root) == files(scratch)


def test_only_the_lists_showing_an_edited_story_are_rendered_again(archive):
    """Column, district and partner lists, the newest page of each included: a list the
    story is not on is carried over (its newest page counts the list, which did not grow)."""
    lists = ("columns/", "districts/", "partners/")

    def is_list(name: str) -> bool:
        return name.removeprefix("zh-hant/").startswith(lists)

    before = {n: i for n, i in inodes(archive()).items() if is_list(n)}
    source = story_source(archive.content, STORY)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\n编辑补记：本文已更正。\n", encoding="utf-8")
    root = archive()
    after = {n: i for n, i in inodes(root).items() if is_list(n)}
    assert set(after) == set(before) and len(after) > 30
    for name, inode in after.items():
        if name.endswith("index.html"):
            continue  # the indexes are rendered every time
        shows_it = Path(STORY).stem in (root / name).read_text(encoding="utf-8")
        assert (inode != before[name]) == shows_it, name
    scratch = archive(output="scratch", cache="scratch-cache", SITE_INCREMENTAL=False)
    assert files(root) == files(scratch)


def test_a_new_issue_rewrites_the_term_shards_and_carries_the_old_records_over(archive):
    """The weekly case: the new issue's articles go into a new index segment (with a merged
    one, if the policy merges); published segment files are carried over, never rewritten;
    the old stories' records are carried over; the site equals a build from scratch."""
    first_root = archive()
    before = inodes(first_root, "*.json")
    source = story_source(archive.content, STORY)
    issue = archive.content / "articles" / "zz-next"
    issue.mkdir()
    story = source.read_text(encoding="utf-8").replace(source.stem, "zz-next-01")
    story = re.sub(r"^Issue: .*$", "Issue: zz-next", story, flags=re.M)
    story = re.sub(r"^(Issue_date|Date): .*$", r"\1: 2025-01-03", story, flags=re.M)
    (issue / "zz-next-01.md").write_text(story, encoding="utf-8")
    root = archive()
    after = inodes(root, "*.json")
    for edition in ("search/zh-hans", "zh-hant/search/zh-hant"):
        segments = [n for n in after if n.startswith(f"{edition}/s/")]
        kept = [n for n in segments if n in before]
        records = [n for n in after if n.startswith(f"{edition}/d/")]
        assert kept and all(after[n] == before[n] for n in kept)
        assert [n for n in segments if n not in before]  # the new issue's segment
        assert len(records) == 22 and sum(after[n] == before.get(n) for n in records) == 21
    scratch = archive(output="scratch", cache="scratch-cache", SITE_INCREMENTAL=False)
    assert files(root) == files(scratch)


def test_templates_compiled_for_other_jinja_settings_are_not_reused(archive, kit):
    """Jinja's bytecode cache knows a template's name and source, not the environment it was
    compiled for: with other whitespace settings a kept template would print the old way."""
    from pelican.settings import read_settings

    jinja = dict(read_settings(str(kit.ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"])
    assert jinja["trim_blocks"] and jinja["lstrip_blocks"]
    first = (archive() / STORY).read_bytes()
    loose = dict(jinja, trim_blocks=False, lstrip_blocks=False)
    again = archive(JINJA_ENVIRONMENT=loose)
    scratch = archive(output="scratch", cache="scratch-cache", JINJA_ENVIRONMENT=loose)
    assert (scratch / STORY).read_bytes() != first  # the settings do change the page
    assert files(again) == files(scratch)
    compiled = [p for p in (archive.content.parent / "cache" / "jinja").iterdir()]
    assert len(compiled) == 1, "templates of the settings before are removed"


def test_a_page_changed_behind_the_builds_back_is_rendered_again(archive, tmp_path):
    root = archive()
    good = (root / STORY).read_bytes()
    (root / STORY).write_text("tampered", encoding="utf-8")
    root = build_again(archive, tmp_path)  # output/ is not looked into when nothing changed
    assert (root / STORY).read_bytes() == good


def test_an_unreadable_memo_is_ignored_with_a_warning(archive, tmp_path, caplog):
    archive()
    memo = tmp_path / "cache" / "pages-zh-hans.json"
    assert json.loads(memo.read_text(encoding="utf-8"))["pages"]
    memo.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        root = build_again(archive, tmp_path)
    assert "ignoring the page memo" in caplog.text
    assert (root / STORY).is_file()


def test_memo_carries_over_only_matching_files(tmp_path):
    previous, current = tmp_path / "previous", tmp_path / "current"
    (previous / "a").mkdir(parents=True)
    (previous / "a" / "page.html").write_text("old page", encoding="utf-8")
    (current / "a").mkdir(parents=True)
    (current / "a" / "page.html").write_text("old page", encoding="utf-8")
    memo_file = tmp_path / "memo.json"
    writing = PageMemo(memo_file, tmp_path / "nowhere", previous)
    writing.record("a/page.html", "key-1")
    writing.save()
    reading = PageMemo(memo_file, previous, tmp_path / "next")
    assert not reading.carry_over("a/page.html", "key-2")  # another key: render
    assert reading.carry_over("a/page.html", "key-1")
    assert (tmp_path / "next" / "a" / "page.html").read_text(encoding="utf-8") == "old page"
    (previous / "a" / "page.html").write_text("changed!", encoding="utf-8")
    again = PageMemo(memo_file, previous, tmp_path / "again")
    assert not again.carry_over("a/page.html", "key-1")  # the file is not what was recorded


def test_pelicans_reader_cache_is_used_only_when_nothing_but_content_changed(
    kit, build_site, tmp_path
):
    from types import SimpleNamespace

    import site_incremental
    from pelican.settings import read_settings

    settings = read_settings(
        str(kit.ROOT / "pelicanconf.py"), override={"CACHE_PATH": str(tmp_path)}
    )
    assert settings["LOAD_CONTENT_CACHE"] and settings["CHECK_MODIFIED_METHOD"] == "sha256"
    run = SimpleNamespace(settings=settings)
    site_incremental._check_content_cache(run)
    assert not settings["LOAD_CONTENT_CACHE"]  # no stamp yet: nothing to trust
    site_incremental._stamp_content_cache(run)
    # The next run (an edition's run inherits the master's decision; it must decide again).
    site_incremental._check_content_cache(run)
    assert settings["LOAD_CONTENT_CACHE"]
    other = dict(settings, SITESUBTITLE="另一个副标题", SITE_FINGERPRINT="")
    site_incremental._check_content_cache(SimpleNamespace(settings=other))
    assert not other["LOAD_CONTENT_CACHE"]  # settings changed: read every article again
