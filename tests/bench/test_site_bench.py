"""The bench's own measuring: the ingest time it reports is read from a real build's timings."""

from __future__ import annotations

import shutil

import pytest

from bench.site_bench import _ingest, _ours, ingest_phase, measured, our_settings


def test_a_full_build_reports_when_its_ingest_was_done(tmp_path, seeds_dir):
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    shutil.copytree(seeds_dir, seeds)
    content.mkdir()
    overrides = {**our_settings(tmp_path, seeds, content), "SITE_TIMINGS": True}
    build = measured(_ours(tmp_path / "output", overrides))
    assert 0 < ingest_phase(build.stderr) < build.seconds
    assert (tmp_path / "output" / "zh-hant" / "index.html").is_file()
    cli = _ingest(seeds, tmp_path / "cli-content")
    written = sorted(p.name for p in (tmp_path / "cli-content" / "articles").rglob("*.md"))
    assert cli.seconds > 0 and written == sorted(p.name for p in content.rglob("*.md"))
    assert len(written) == 21  # the five seed issues' stories


def test_a_build_without_timings_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="no ingest phase"):
        ingest_phase("Built 3 articles\n")
