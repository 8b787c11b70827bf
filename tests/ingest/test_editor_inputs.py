"""What an editor states beside an issue (seeds/<name>.toml) and labels the ingest doesn't know."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bulletin.ingest.issue import parse_text
from bulletin.ingest.run import ingest

ISSUE = "## 渝工新风\n\n# 新栏目的第一篇\n\n近日，活动举行。\n\n专题报道没有栏目。\n"


def test_sidecar_states_date_number_title_and_default_section(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "2024-09.txt").write_text("# 没有栏目的报道\n\n9月3日，活动举行。\n", encoding="utf-8")
    (seeds / "2024-09.toml").write_text(
        '# the issue as printed\ndate = 2024-09-27\nnumber = "第37期"\n'
        'title = "办好十件实事"\nsection = "渝工港湾"\n',
        encoding="utf-8",
    )
    report = ingest(seeds, tmp_path / "content")
    (issue,) = report.issues
    assert issue.date == dt.date(2024, 9, 27)
    assert "stated in 2024-09.toml" in issue.date_note
    assert not [w for w in issue.warnings if w.code == "missing-date"]
    (article,) = issue.articles
    assert article.story.section == "渝工港湾"
    assert article.date == dt.date(2024, 9, 3)
    text = (tmp_path / "content/articles/2024-09/2024-09-01.md").read_text(encoding="utf-8")
    for line in ("Issue_date: 2024-09-27", "Issue_number: 第37期", "Issue_title: 办好十件实事"):
        assert line in text


def test_a_bad_sidecar_is_an_error_with_line_and_column_and_nothing_is_guessed(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("# 标题\n\n2024年9月3日，正文。\n", encoding="utf-8")
    (seeds / "b.txt").write_text("# 另一个标题\n\n2024年9月10日，另一篇正文。\n", encoding="utf-8")
    (seeds / "c.txt").write_text("# 第三个标题\n\n2024年9月17日，第三篇正文。\n", encoding="utf-8")
    first = ingest(seeds, tmp_path / "content")
    assert len(first.articles) == 3
    (seeds / "a.toml").write_text(
        'number = "1"\ndate = "27 Sept"\ncolour = "red"\n', encoding="utf-8"
    )
    (seeds / "b.toml").write_text("title = 'x'\ndate = [\n", encoding="utf-8")
    report = ingest(seeds, tmp_path / "content")
    errors = sorted((w.where(), w.message) for w in report.warnings if w.code == "bad-sidecar")
    assert errors == [
        (
            f"{seeds / 'a.toml'}:2",
            "column 8: date '27 Sept' is not a date; expected date = YYYY-MM-DD",
        ),
        (
            f"{seeds / 'a.toml'}:3",
            "column 10: colour = 'red': expected one of: date, number, title, section, key",
        ),
        (f"{seeds / 'b.toml'}:3", "column 1: not valid TOML: Invalid value"),
    ]
    # Neither issue is ingested with a guessed date: their articles stay as they were.
    assert [a.story.title for a in report.articles] == ["第三个标题"]
    assert (tmp_path / "content/articles/a/a-01.md").is_file()
    assert (tmp_path / "content/articles/b/b-01.md").is_file()


def test_an_unknown_column_label_is_used_and_reported() -> None:
    parsed = parse_text(ISSUE, "x.txt")
    assert [s.section for s in parsed.stories] == ["渝工新风"]
    assert [(w.code, w.line) for w in parsed.warnings] == [("unknown-section", 1)]
