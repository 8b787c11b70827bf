"""Bad input through the whole pipeline, as an editor would cause it: raw files in seeds/,
the ingest plugin, Pelican with the real pelicanconf.py, nginx, and Chromium.

Each case builds a small archive in a temporary folder; the repository's content/ is never
touched."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["tests.browser"]  # the browser fixtures

ROOT = Path(__file__).resolve().parents[2]

GOOD = "渝工港湾\n\n# 重庆45个站点入选\n\n近日，全国总工会发布名单。12月15日，2023年度活动举行。\n"
HOSTILE = (
    "渝工之家\n\n# <script>window.pwned=1;alert('t')</script>职工之家 {{ SITENAME }}\n\n"
    "正文<img src=x onerror=\"window.pwned=2;alert('图')\">，"
    "{% include 'base.html' %}，{{ article.title }}。"
    '<a href="javascript:alert(3)">点我</a><svg onload=alert(4)>\n'
)


def _serving():
    spec = importlib.util.spec_from_file_location("pipeline_serving", ROOT / "tests/serving.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_archive(work: Path) -> Path:
    """What `invoke build` does, into work/: ingest seeds/ into content/, render output/."""
    import pelican
    from pelican.settings import read_settings

    (work / "content").mkdir(exist_ok=True)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(work / "content"),
            "OUTPUT_PATH": str(work / "output"),
            "BULLETIN_SEEDS_PATH": str(work / "seeds"),
            "BULLETIN_REPORT_PATH": str(work / "ingest.md"),
            "CACHE_PATH": str(work / "cache"),  # never the checkout's cache/
            "BULLETIN_QUIET": True,
            "SITE_PROGRESS": False,
            "DELETE_OUTPUT_DIRECTORY": True,
        },
    )
    shutil.copytree(ROOT / "content" / "pages", work / "content" / "pages", dirs_exist_ok=True)
    logging.getLogger("pelican").setLevel(logging.ERROR)
    pelican.Pelican(settings).run()
    return work / "output"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("pipeline")
    seeds = work / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "noise.txt").write_bytes(bytes(range(256)) * 40)
    (seeds / "gbk.txt").write_bytes(GOOD.replace("45个", "46个").encode("gb18030"))
    (seeds / "crlf.txt").write_bytes(
        b"\xef\xbb\xbf" + GOOD.replace("45个", "47个").replace("\n", "\r\n").encode("utf-8")
    )
    build_archive(work)
    return work


def test_the_archive_builds_around_unreadable_files(archive: Path) -> None:
    articles = sorted(p.name for p in (archive / "output" / "articles").glob("*.html"))
    assert articles == ["crlf-01.html", "gbk-01.html", "good-01.html", "hostile-01.html"]
    report = (archive / "ingest.md").read_text(encoding="utf-8")
    assert "seeds/empty.txt" in report and "file is empty" in report
    assert "seeds/noise.txt" in report and "binary" in report
    gbk = (archive / "output/articles/gbk-01.html").read_text(encoding="utf-8")
    assert "重庆46个站点入选" in gbk
    crlf = (archive / "output/articles/crlf-01.html").read_text(encoding="utf-8")
    assert "重庆47个站点入选" in crlf


def test_markup_in_the_text_never_runs_in_a_browser(archive: Path, browser) -> None:
    dialogs: list[str] = []
    with _serving().nginx_serving(archive / "output") as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("articles/hostile-01.html", "index.html", "columns/yugong-zhijia.html"):
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
            assert page.evaluate("() => window.pwned") is None
        page.goto(f"{base}/articles/hostile-01.html")
        heading = page.locator("h1").inner_text()
        assert "<script>window.pwned=1;alert('t')</script>职工之家 {{ SITENAME }}" in heading
        body = page.locator("main").inner_text()
        assert "{% include 'base.html' %}" in body and "<svg onload=alert(4)>" in body
        links = page.evaluate("() => [...document.querySelectorAll('main a')].map(a => a.href)")
        assert not [href for href in links if href.startswith("javascript:")]
        page.close()
    assert dialogs == []


def test_a_removed_issue_disappears_cleanly_on_the_next_build(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "keep.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "gone.txt").write_text(GOOD.replace("45个", "48个"), encoding="utf-8")
    output = build_archive(tmp_path)
    assert (output / "articles/gone-01.html").exists()
    (seeds / "gone.txt").unlink()
    output = build_archive(tmp_path)
    assert not (output / "articles/gone-01.html").exists()
    assert not (tmp_path / "content/articles/gone").exists()
    pages = [p.read_text(encoding="utf-8") for p in output.rglob("*.html")]
    pages += [p.read_text(encoding="utf-8") for p in output.rglob("*.xml")]
    assert not [text for text in pages if "gone-01" in text or "重庆48个站点" in text]


def test_a_four_megabyte_line_and_ten_thousand_tiny_files_build_beside_the_archive(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    # One story whose text is a single line of 4.2 MB, and ten thousand one-line issues.
    (seeds / "huge.txt").write_text(
        "渝工港湾\n\n# 重庆市总工会开展送温暖活动\n\n" + "职工之家。" * 280_000 + "\n",
        encoding="utf-8",
    )
    for n in range(10_000):
        (seeds / f"tiny-{n:05d}.txt").write_text(f"# 第{n}期\n\n正文{n}。\n", encoding="utf-8")
    output = build_archive(tmp_path)

    # Every story of the real seeds is published in both editions, as in the committed archive.
    committed = {p.stem for p in (ROOT / "content" / "articles").rglob("*.md")}
    for edition in (output, output / "zh-hant"):
        published = {p.stem for p in (edition / "articles").glob("*.html")}
        assert committed <= published
        assert len(published) == len(committed) + 1 + 10_000
    huge = (output / "zh-hant" / "articles" / "huge-01.html").read_text(encoding="utf-8")
    assert len(huge.encode("utf-8")) > 4 * 1024 * 1024 and "職工之家" in huge
    tiny = (output / "articles" / "tiny-09999-01.html").read_text(encoding="utf-8")
    assert "正文9999。" in tiny
