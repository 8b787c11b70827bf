"""Bad input: a clear message naming the file, the file skipped, the rest of the archive built."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from bulletin.ingest.cli import main as cli_main
from bulletin.ingest.decode import decode_bytes
from bulletin.ingest.run import ingest

from .helpers import SEEDS, allow_duplicates

GOOD = "渝工港湾\n\n# 重庆45个站点\n\n近日，全国总工会发布名单。12月15日，2023年度活动举行。\n"


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, Path]:
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    return seeds, content


def run(seeds: Path, content: Path, **kwargs):
    return ingest(seeds, content, **kwargs)


def articles(content: Path) -> list[str]:
    return sorted(p.name for p in content.rglob("*.md"))


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n\r\n   \n", "empty"),
        ("noise.txt", bytes(range(256)) * 64, "binary"),
        ("undecodable.txt", b"\xff\xfe\xfa\xfb" * 500, "cannot decode"),
    ],
)
def test_unreadable_file_is_named_skipped_and_the_rest_builds(
    archive: tuple[Path, Path], name: str, data: bytes, problem: str
) -> None:
    seeds, content = archive
    (seeds / name).write_bytes(data)
    report = run(seeds, content)
    (warning,) = [w for w in report.warnings if w.code == "unreadable"]
    assert warning.source == f"seeds/{name}"
    assert problem in warning.message
    assert articles(content) == ["good-01.md"]
    assert cli_main(["--seeds", str(seeds), "--content", str(content), "--report", ""]) == 0
    report_file = seeds.parent / "report.md"
    args = ["--seeds", str(seeds), "--content", str(content), "--report", str(report_file)]
    assert cli_main([*args, "--strict"]) == 1
    assert f"seeds/{name}" in report_file.read_text(encoding="utf-8")


def test_gb18030_and_bom_crlf_read_like_utf8(archive: tuple[Path, Path], monkeypatch) -> None:
    allow_duplicates(monkeypatch)  # the same text in each encoding, on purpose
    seeds, content = archive
    (seeds / "gbk.txt").write_bytes(GOOD.encode("gb18030"))
    (seeds / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    (seeds / "mac.txt").write_bytes(GOOD.replace("\n", "\r").encode("utf-8"))
    (seeds / "indent.txt").write_text(GOOD.replace("近日", "\u3000\u3000近日"), encoding="utf-8")
    report = run(seeds, content)
    assert {i.source: i.encoding for i in report.issues} == {
        "seeds/bom.txt": "utf-8 with BOM",
        "seeds/gbk.txt": "gb18030",
        "seeds/good.txt": "utf-8",
        "seeds/indent.txt": "utf-8",
        "seeds/mac.txt": "utf-8",
    }
    reference = (content / "articles/good/good-01.md").read_text(encoding="utf-8")
    for key in ("gbk", "bom", "mac", "indent"):
        text = (content / f"articles/{key}/{key}-01.md").read_text(encoding="utf-8")
        assert (
            text.replace(f"{key}-01", "good-01")
            .replace(f": {key}", ": good")
            .replace(f"seeds/{key}.txt", "seeds/good.txt")
            == reference
        )


def test_markup_and_template_syntax_are_kept_as_text(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    hostile = (
        "渝工之家\n\n# <script>alert('t')</script>标题 {{ SITENAME }}\n\n"
        "正文<img src=x onerror=alert(1)>，{% include 'base.html' %}，{{ article.title }}。\n"
    )
    (seeds / "hostile.txt").write_text(hostile, encoding="utf-8")
    run(seeds, content)
    text = (content / "articles/hostile/hostile-01.md").read_text(encoding="utf-8")
    assert "Title: <script>alert('t')</script>标题 {{ SITENAME }}" in text
    assert "{% include 'base.html' %}" in text and "{{ article.title }}" in text
    assert "&lt;img src=x onerror=alert(1)>" in text  # escaped in the body: never raw HTML


def test_a_four_megabyte_single_line_is_handled_quickly(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    sentence = "重庆市总工会开展送温暖活动，为职工送去关怀。"
    line = sentence * (4 * 1024 * 1024 // len(sentence.encode("utf-8")) + 1)
    (seeds / "huge.txt").write_text(line, encoding="utf-8")
    started = time.perf_counter()
    report = run(seeds, content)
    elapsed = time.perf_counter() - started
    huge = next(i for i in report.issues if i.source == "seeds/huge.txt")
    assert len(huge.articles) == 1
    assert any(w.code == "no-title" for w in huge.warnings)
    assert huge.articles[0].story.title == "重庆市总工会开展送温暖活动…"
    body = (content / "articles/huge/huge-01.md").read_text(encoding="utf-8")
    assert len(body.encode("utf-8")) > 4 * 1024 * 1024
    assert elapsed < 30  # a guard against quadratic blow-up, not a benchmark


def test_strict_mode_writes_nothing(archive: tuple[Path, Path]) -> None:
    seeds, content = archive
    (seeds / "empty.txt").write_bytes(b"")
    report = run(seeds, content, strict=True)
    assert report.strict_failed
    assert not content.exists()


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    for n in range(10_000):
        text = f"2024年1月{n % 28 + 1}日\n\n# 第{n}期\n\n正文{n}。\n"  # a masthead date
        (seeds / f"i{n:05d}.txt").write_text(text, encoding="utf-8")
    report = run(seeds, content)
    assert len(report.articles) == 10_000
    assert len(list(content.rglob("*.md"))) == 10_000


def test_an_issue_nothing_dates_is_not_published_and_says_why(tmp_path: Path) -> None:
    """Never 1970, never the build day: with no date in its text and no issue around it, an
    issue waits for its sidecar date."""
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    seeds.mkdir()
    (seeds / "undated.txt").write_text("# 职工运动会开幕\n\n职工运动会开幕。\n", encoding="utf-8")
    report = run(seeds, content)
    assert report.articles == []
    (problem,) = [w for w in report.warnings if w.code == "no-date"]
    assert "undated.toml" in problem.message and "not published" in problem.message
    (seeds / "undated.toml").write_text("date = 2024-05-20\n", encoding="utf-8")
    (article,) = run(seeds, content).articles
    assert article.date.isoformat() == "2024-05-20" and article.date_estimated is None


def test_the_real_seeds_ingest_without_unreadable_files(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    report = run(seeds, tmp_path / "content")
    assert [len(i.articles) for i in report.issues] == [5, 5, 2, 8, 1]
    assert not [w for w in report.warnings if w.code == "unreadable"]


def test_decode_reports_but_never_raises() -> None:
    assert decode_bytes(os.urandom(4096)).text is None
    assert decode_bytes("中文".encode("gbk")).text == "中文"
