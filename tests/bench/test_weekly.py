"""bench/weekly.py measures the real routine: after it, the published folder is the new site."""

from __future__ import annotations

from bench.weekly import ROOT, routine


def test_the_weekly_routine_publishes_the_new_issue(tmp_path):
    row = routine(30, ROOT, "pelicanconf.py", tmp_path / "week", settle=0)
    assert row["routine s"] == row["preview build s"] + row["publish build s"] + row["copy s"]
    site, public = tmp_path / "week" / "output", tmp_path / "week" / "public"
    built = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    copied = {p.relative_to(public): p.read_bytes() for p in public.rglob("*") if p.is_file()}
    copied.pop(next(p for p in copied if p.name == ".bulletin-site"))
    assert copied == built
    # 30 articles in three issues, then the fourth: its stories are on the published site
    assert len(list((public / "articles").glob("synth-00003-*.html"))) == 10
    assert 20 < row["files copied"] < len(copied)  # new and changed pages, not the whole site
