"""An editor's slip in content/articles never makes a story vanish silently: every header
field is checked before rendering (bulletin/validate.py), and a story the last build published
is never dropped without the build stopping (bulletin/published.py, plugins/content_checks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.validate import check_article, check_articles
from tests.pipeline.project import build, make_project, site_files

GOOD = """Title: 重庆45个站点入选
Kicker: 喜讯
Date: 2024-05-23
Date_estimated: month
Category: 渝工港湾
Tags: 北碚区, 渝中区
Authors: 陶永国, 潘锋
Photographers: 李明
Summary: 近日，全国总工会发布名单。
Slug: good-01
Order: 1
Issue: good
Issue_date: 2024-05-23
Issue_date_estimated: year
Source: seeds/good.txt:3-5

近日，全国总工会发布名单。
"""

# (what the editor did, the line to put in place of the good one, field, what is expected)
BAD_FIELDS = [
    ("impossible date", "Date: 2024-13-45", "Date", "YYYY-MM-DD"),
    ("day typed as words", "Date: May 23rd", "Date", "YYYY-MM-DD"),
    ("issue date typo", "Issue_date: 2024-02-30", "Issue_date", "YYYY-MM-DD"),
    ("order not a number", "Order: first", "Order", "whole number"),
    ("order zero", "Order: 0", "Order", "whole number"),
    ("slug with spaces", "Slug: good 01", "Slug", "lower-case ASCII"),
    ("slug in Chinese", "Slug: 重庆站点", "Slug", "lower-case ASCII"),
    ("empty title", "Title: ", "Title", "some text"),
    ("empty author name", "Authors: 陶永国,, 潘锋", "Authors", "none of them empty"),
    ("estimate not month or year", "Date_estimated: maybe", "Date_estimated", "month or year"),
    ("control character pasted", "Title: 重庆\x07站点", "Title", "without control characters"),
]


@pytest.mark.parametrize(("slip", "line", "field", "expected"), BAD_FIELDS)
def test_a_bad_value_names_file_line_field_value_and_what_is_expected(
    slip: str, line: str, field: str, expected: str
) -> None:
    name = line.partition(":")[0]
    lines = GOOD.split("\n")
    number = next(i for i, text in enumerate(lines) if text.startswith(name + ":"))
    lines[number] = line
    checked = check_article("content/articles/good/good-01.md", "\n".join(lines))
    assert len(checked.problems) == 1, slip
    problem = checked.problems[0]
    message = str(problem)
    assert message.startswith(f"content/articles/good/good-01.md:{number + 1}: {field}: ")
    assert repr(line.partition(":")[2].strip()) in message and expected in message


def test_the_fields_the_ingest_and_editors_write_are_all_accepted() -> None:
    assert check_article("a.md", GOOD).problems == ()


def test_every_committed_article_passes(root: Path) -> None:
    files = sorted((root / "content/articles").rglob("*.md"))
    checked = check_articles((str(p), p.read_bytes()) for p in files)
    assert len(checked) == len(files) >= 20
    assert [str(p) for c in checked for p in c.problems] == []


def test_unknown_misspelt_duplicated_missing_and_malformed_fields_are_errors() -> None:
    text = GOOD.replace("Category:", "Catgory:").replace("Order: 1\n", "Order: 1\nOrder: 2\n")
    text = text.replace("Slug: good-01\n", "Slug good-01\n").replace(
        "Title: 重庆45个站点入选\n", ""
    )
    messages = [str(p) for p in check_article("a.md", text).problems]
    assert any("Catgory: '渝工港湾' is not valid; expected a known field" in m for m in messages)
    assert any("Order: '2' is not valid; expected one Order (also on line" in m for m in messages)
    assert any("'Slug good-01': expected a 'Field: value' line" in m for m in messages)
    assert "a.md: the field Title is missing" in messages
    assert "a.md: the field Category is missing" in messages


def test_a_slug_taken_by_another_article_is_an_error_in_the_second() -> None:
    other = GOOD.replace("Title: 重庆45个站点入选", "Title: 另一篇")
    checked = check_articles([("a.md", GOOD.encode()), ("b.md", other.encode())])
    assert checked[0].problems == ()
    (problem,) = checked[1].problems
    assert str(problem).startswith("b.md:10: Slug: 'good-01' is not valid")
    assert "(a.md has it)" in str(problem)


def test_a_file_that_is_not_utf8_is_an_error() -> None:
    (checked,) = check_articles([("a.md", GOOD.encode("gb18030"))])
    assert "not UTF-8" in str(checked.problems[0])


# The whole build, as `invoke build` runs it.

ARTICLE = "content/articles/004-3a1c797ee19f5817/004-3a1c797ee19f5817-01.md"
PAGE = "articles/004-3a1c797ee19f5817-01.html"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The seed archive, built once (what the last build published)."""
    work = make_project(tmp_path_factory.mktemp("checks"))
    done = build(work)
    assert done.returncode == 0, done.stderr
    return work


def _break_date(work: Path) -> str:
    path = work / ARTICLE
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("Date: 2024-05-23", "Date: 2024-13-45"), encoding="utf-8")
    return good


def test_a_bad_date_stops_the_build_and_keep_going_keeps_the_last_good_story(
    published: Path,
) -> None:
    work = published
    before = site_files(work / "output")
    good = _break_date(work)
    try:
        stopped = build(work)
        assert stopped.returncode == 1
        assert f"{ARTICLE}:3: Date: '2024-13-45' is not valid" in stopped.stderr
        assert "共同唱好新时代西部“双城记”" in stopped.stderr and "would vanish" in stopped.stderr
        last = stopped.stderr.strip().splitlines()[-1]
        assert last.startswith("build stopped, output/ was left as it was: 1 story not published")
        assert site_files(work / "output") == before  # not one file touched

        kept = build(work, keep_going=True)
        assert kept.returncode == 3, kept.stderr
        assert "1 story kept as last published" in kept.stderr.strip().splitlines()[-1]
        after = site_files(work / "output")
        assert after.keys() == before.keys()
        for edition in ("", "zh-hant/"):
            assert after[edition + PAGE] == before[edition + PAGE]
        assert build(work).returncode == 1  # still an error until it is fixed
    finally:
        (work / ARTICLE).write_text(good, encoding="utf-8")
    assert build(work).returncode == 0


def test_a_new_article_with_errors_is_not_published_and_says_so(published: Path) -> None:
    work = published
    new = work / "content/articles/extra/extra-01.md"
    new.parent.mkdir(parents=True, exist_ok=True)
    new.write_text(GOOD.replace("Order: 1", "Order: one"), encoding="utf-8")
    try:
        stopped = build(work)
        assert stopped.returncode == 1
        assert "content/articles/extra/extra-01.md:11: Order: 'one'" in stopped.stderr
        kept = build(work, keep_going=True)
        assert kept.returncode == 3
        assert "1 story not published: “重庆45个站点入选”" in kept.stderr
        assert not (work / "output/articles/good-01.html").exists()
        assert (work / "output" / PAGE).exists()
    finally:
        new.unlink()
    assert build(work).returncode == 0


def test_a_sidecar_with_a_syntax_error_stops_the_build_with_line_and_column(
    published: Path,
) -> None:
    work = published
    before = site_files(work / "output")
    sidecar = work / "seeds/004_3a1c797ee19f5817.toml"
    sidecar.write_text('number = "第9期"\ndate = 2024-05-23x\n', encoding="utf-8")
    try:
        stopped = build(work)
        assert stopped.returncode == 1
        assert f"{sidecar}:2: column 18: not valid TOML" in stopped.stderr
        assert "not ingested" in stopped.stderr.strip().splitlines()[-1]
        assert site_files(work / "output") == before
        kept = build(work, keep_going=True)  # the stories stay as last ingested
        assert kept.returncode == 3
        assert site_files(work / "output").keys() == before.keys()
    finally:
        sidecar.unlink()
    assert build(work).returncode == 0
