"""Parsed issues kept between runs (bulletin/ingest/parsed_cache.py): same result, less work."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

import bulletin.ingest.run as ingest_module
from bulletin.ingest.run import ingest

from .helpers import allow_duplicates

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Names of the seeds the ingest really parsed."""
    names: list[str] = []
    real = ingest_module.process_seed
    monkeypatch.setattr(
        ingest_module,
        "process_seed",
        lambda path, *args: names.append(path.name) or real(path, *args),
    )
    return names


def _articles(content: Path) -> dict[str, bytes]:
    return {str(p.relative_to(content)): p.read_bytes() for p in content.rglob("*.md")}


def test_unchanged_seeds_are_not_parsed_again_and_give_the_same_articles(seeds, tmp_path, parsed):
    first = ingest(seeds, tmp_path / "a", cache_dir=tmp_path / "cache")
    # Each seed is parsed once; 001, whose text gives a year and no day, is dated again
    # between the issues around it once they are known.
    names = sorted(p.name for p in seeds.glob("*.txt"))
    assert sorted(parsed) == sorted([*names, "001_72ab9001c2915723.txt"])
    parsed.clear()
    second = ingest(seeds, tmp_path / "b", cache_dir=tmp_path / "cache")
    assert parsed == []
    assert _articles(tmp_path / "a") == _articles(tmp_path / "b")
    assert [w.message for w in first.warnings] == [w.message for w in second.warnings]


def test_a_cached_issue_reports_without_loading_its_stories(seeds, tmp_path):
    """The report of a weekly build lists every cached issue's articles from their rows; the
    stories (most of what the cache holds) are unpickled only when someone asks for them."""
    from bulletin.ingest.report import report_markdown

    first = ingest(seeds, tmp_path / "a", cache_dir=tmp_path / "cache")
    second = ingest(seeds, tmp_path / "b", cache_dir=tmp_path / "cache")
    assert report_markdown(second) == report_markdown(first)
    assert [len(issue.articles) for issue in second.issues] == [5, 5, 2, 8, 1]
    assert all(issue.articles._items is None for issue in second.issues)  # still one blob
    assert "| 1 | 渝工暖心 | 重庆市总工会 启动2024年送温暖活动 |" in report_markdown(second)
    assert second.articles == first.articles  # and loaded on demand, the same
    assert [a.story.title for a in second.issues[0].articles] == [
        a.story.title for a in first.issues[0].articles
    ]


def test_an_edited_seed_or_sidecar_is_parsed_again(seeds, tmp_path, parsed):
    ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    parsed.clear()
    seed = sorted(seeds.glob("*.txt"))[1]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seed.with_suffix(".toml").write_text('date = "2024-05-06"\n', encoding="utf-8")
    ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    assert parsed[0] == seed.name


def test_an_unreadable_cache_is_ignored_with_a_warning(seeds, tmp_path, parsed, caplog):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "ingest.pickle").write_bytes(b"\x80\x05 not a pickle")
    with caplog.at_level(logging.WARNING):
        report = ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    assert "ignoring the cache" in caplog.text
    assert len(set(parsed)) == 5 and len(report.articles) == 21


def test_the_ingest_leaves_each_body_rendered_for_the_sites_readers(seeds, tmp_path):
    from bulletin.pickle_cache import PickleCache
    from bulletin.render import markdown_to_html, rendered_file, rendered_key, split_header

    ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    rendered = PickleCache(rendered_file(tmp_path / "cache")).old
    bodies = [
        split_header(p.read_text(encoding="utf-8"))[1] for p in (tmp_path / "content").rglob("*.md")
    ]
    assert len(bodies) == 21 and len(rendered) == 21
    assert all(rendered[rendered_key(body)] == markdown_to_html(body) for body in bodies)


def test_body_work_is_done_in_the_parsing_processes_for_new_issues_only(
    seeds, tmp_path, monkeypatch
):
    import os

    from bulletin.render import rendered_key, split_header

    monkeypatch.setattr(ingest_module, "PARALLEL_FROM", 2)  # five seeds: the forked workers
    for day, seed in enumerate(sorted(seeds.glob("*.txt")), start=1):
        # dated issues: an undated one is dated again, in order, in this process
        seed.with_suffix(".toml").write_text(f"date = 2024-10-{day:02d}\n", encoding="utf-8")
    work = {"size": lambda bodies: [f"{os.getpid()} {len(body)}" for body, _people in bodies]}
    report = ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache", body_work=work)
    bodies = [
        split_header(p.read_text(encoding="utf-8"))[1] for p in (tmp_path / "content").rglob("*.md")
    ]
    done = report.worked["size"]
    assert len(done) == 21
    pids = set()
    for body in bodies:
        pid, size = done[rendered_key(body)].split()
        assert int(size) == len(ingest_module.markdown_to_html(body))
        pids.add(int(pid))
    assert os.getpid() not in pids or (os.cpu_count() or 1) < 2
    assert ingest_module._body_work == {}  # nothing left for a later ingest in this process
    # Cached issues are not worked on again, and the cache never kept the results.
    again = ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache", body_work=work)
    assert again.worked == {} and all(issue.worked == {} for issue in again.issues)


def test_entries_handed_over_join_the_cache_when_it_is_next_saved(tmp_path, caplog):
    from bulletin.pickle_cache import PickleCache, hand_over, handed_over

    path = tmp_path / "cache" / "things.pickle"
    first = PickleCache(path)
    first.put("old", "kept")
    first.save()
    hand_over(path, {"new": "from the ingest"})
    hand_over(path, {"newer": "from another ingest"})
    cache = PickleCache(path)
    assert cache.get("old") == "kept" and cache.get("new") == "from the ingest"
    assert cache.get("newer") == "from another ingest"
    cache.save()
    assert not handed_over(path).exists()
    assert PickleCache(path).old == {
        "old": "kept",
        "new": "from the ingest",
        "newer": "from another ingest",
    }
    handed_over(path).write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        assert PickleCache(path).get("old") == "kept"
    assert "ignoring the cache" in caplog.text


def test_a_few_new_entries_go_beside_the_cache_until_they_are_many(tmp_path):
    from bulletin.pickle_cache import PickleCache, journal

    path = tmp_path / "cache" / "issues.pickle"
    first = PickleCache(path)
    for number in range(80):
        first.put(f"issue {number}", number)
    first.save()
    main_bytes = path.read_bytes()

    for week in range(11):  # one new issue a week: the main file is not written again
        cache = PickleCache(path)
        assert all(cache.get(f"issue {n}") == n for n in range(80 + week))
        cache.put(f"issue {80 + week}", 80 + week)
        cache.save()
        if week < 10:
            assert path.read_bytes() == main_bytes
            assert PickleCache._load(journal(path)) == {
                f"issue {n}": n for n in range(80, 81 + week)
            }
    # Eleven new entries are more than an eighth of the 80: everything in one file again.
    assert path.read_bytes() != main_bytes and not journal(path).exists()
    assert PickleCache(path).old == {f"issue {n}": n for n in range(91)}

    # One new entry beside the cache, then an entry not used any more: written whole at
    # once, without it.
    cache = PickleCache(path)
    for n in range(91):
        cache.get(f"issue {n}")
    cache.put("issue 91", 91)
    cache.save()
    assert journal(path).exists()
    cache = PickleCache(path)
    for n in range(1, 92):
        cache.get(f"issue {n}")
    cache.save()
    assert not journal(path).exists()
    assert set(PickleCache(path).old) == {f"issue {n}" for n in range(1, 92)}


def test_the_cache_key_covers_every_module_that_parses_renders_or_converts(root):
    """code_fingerprint covers the parsing packages and the core's top-level modules: they
    must be every module the ingest, the renderer and the editions' conversion import."""
    import subprocess
    import sys

    from bulletin.cache_keys import PACKAGE, PARSING_PACKAGES, is_parsing_code

    code = (
        "import sys, bulletin.ingest.run, bulletin.render, bulletin.text.edition_text;"
        "print(' '.join(sorted(m.__file__ for n, m in list(sys.modules.items())"
        " if n.startswith('bulletin.') and getattr(m, '__file__', None))))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
    ).stdout.split()
    imported = [Path(f).resolve().relative_to(PACKAGE) for f in found]
    # the guard is looking at something: each parsing package and top-level modules
    assert {p.parts[0] for p in imported if len(p.parts) > 1} == PARSING_PACKAGES
    assert any(len(p.parts) == 1 for p in imported)
    outside = [p for p in imported if not is_parsing_code(p)]
    assert not outside, outside
    # and the site's pages, the search index and the preview are left out
    for other in ("site/issues.py", "search/index.py", "preview/server.py"):
        assert (PACKAGE / other).is_file() and not is_parsing_code(Path(other))


def test_the_terminal_shows_the_warnings_of_the_issues_parsed_in_this_run(
    seeds, tmp_path, monkeypatch
):
    """A weekly build: the new issue's warnings are printed, the unchanged issues' counted."""
    from rich.console import Console

    from bulletin.ingest.report import print_report

    def printed(report) -> str:
        console = Console(record=True, width=300)
        print_report(report, console, tmp_path / "ingest.md")
        return console.export_text()

    def lines(report, sources) -> list[str]:
        return [
            f"{w.where()}: {w.message}"
            for w in report.warnings
            if w.source in sources and w.code != "missing-date"
        ]

    first = ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    old = lines(first, {i.source for i in first.issues})
    assert len(old) == 7  # all from the scrambled issue 003
    assert all(line in printed(first) for line in old)  # a first run: every issue is new
    # Next week's issue, with troubles of its own (003 again, under a new name; that it is a
    # duplicate does not matter here: tests/ingest/test_duplicates.py)
    allow_duplicates(monkeypatch)
    shutil.copy(seeds / "003_960ec6b5d8572fdb.txt", seeds / "005_next_week.txt")
    second = ingest(seeds, tmp_path / "content", cache_dir=tmp_path / "cache")
    assert second.parsed == {"seeds/005_next_week.txt"}
    text = printed(second)
    new = lines(second, {"seeds/005_next_week.txt"})
    assert len(new) == 7
    assert all(line in text for line in new)
    assert not any(line in text for line in old)
    assert (
        f"7 warnings of issues unchanged since an earlier run: not repeated here, all are in "
        f"{tmp_path / 'ingest.md'}" in text
    )


def test_a_cache_key_tells_its_parts_apart():
    """bulletin.cache_keys.text_key, the key of every cache: parts are framed (never run
    together), values are canonical JSON (a dict's order does not matter), and text and bytes
    keep the keys they always had."""
    import hashlib

    from bulletin.cache_keys import text_key

    assert text_key("ab", "c") != text_key("a", "bc")
    assert text_key("渝工") == text_key("渝工".encode())
    assert text_key({"b": 1, "a": [2, 3]}) == text_key({"a": [2, 3], "b": 1})
    assert text_key({"a": 1}) != text_key({"a": 2})
    assert text_key(1) != text_key("1") and text_key([]) != text_key("[]")
    framed = len(b"ab").to_bytes(8, "little") + b"ab"
    assert text_key("ab") == hashlib.sha256(framed).hexdigest()  # the ingest cache stays valid
