"""Honest dates on the site: an estimate says so, and `invoke build --strict` publishes
nothing while an issue's date is one."""

from __future__ import annotations

from pathlib import Path

from .project import build, make_project, site_files


def test_estimated_dates_show_as_such_and_strict_builds_refuse_them(tmp_path: Path) -> None:
    work = make_project(tmp_path)  # the seeds state no date: every one is an estimate
    done = build(work)
    assert done.returncode == 0, done.stderr
    page = (work / "output/articles/001-72ab9001c2915723-01.html").read_text(encoding="utf-8")
    assert '<time datetime="2024">2024年</time><span class="unverified">（日期待核）</span>' in page
    issue = (work / "output/issues/003-960ec6b5d8572fdb.html").read_text(encoding="utf-8")
    assert "2024年9月（日期待核）" in issue
    assert "1970" not in page + issue
    before = site_files(work / "output")

    refused = build(work, strict=True)
    assert refused.returncode == 1
    assert "build stopped (--strict), nothing was published: 5 issues state no date" in (
        refused.stderr + refused.stdout
    )
    assert site_files(work / "output") == before  # the published site is left as it was

    for day, seed in enumerate(sorted((work / "seeds").glob("*.txt")), start=1):
        seed.with_suffix(".toml").write_text(f"date = 2024-10-{day:02d}\n", encoding="utf-8")
    stated = build(work, strict=True)
    assert stated.returncode == 0, stated.stderr
    page = (work / "output/articles/001-72ab9001c2915723-01.html").read_text(encoding="utf-8")
    assert "日期待核" not in page and 'datetime="2024-10-02"' in page
