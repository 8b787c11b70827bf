"""The ingest converts each new body for the other editions while it renders it (on every
core), and hands the results to each edition's body cache, where the edition's run finds them."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from bulletin.ingest.run import ingest
from bulletin.pickle_cache import handed_over
from bulletin.site.edition_runs import edition_overrides, site_editions
from bulletin.text.edition_text import html_converter, text_converter
from tests.site.conftest import ROOT, SETTINGS


@pytest.fixture(scope="module")
def content_module(root):
    sys.path.insert(0, str(root / "plugins"))
    from site_editions import content

    return content


def _master(tmp_path: Path) -> SimpleNamespace:
    (tmp_path / "content").mkdir(exist_ok=True)
    settings = read_settings(
        str(SETTINGS),
        override={"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache")},
    )
    return SimpleNamespace(settings=settings)


def _edition_run(master: SimpleNamespace, edition) -> SimpleNamespace:
    settings = dict(master.settings)
    settings.update(edition_overrides(master.settings, edition, "output"))
    settings["EDITION"] = edition
    return SimpleNamespace(settings=settings)


def _ingest(plugin, master: SimpleNamespace, seeds: Path):
    work = plugin.offer_conversion(master)
    report = ingest(
        seeds,
        Path(master.settings["PATH"]),
        cache_dir=Path(master.settings["CACHE_PATH"]),
        body_work=work,
        text_work=plugin.offer_text_conversion(master),
    )
    plugin.keep_conversions(master, report)
    return work, report


def _seeds_ingested(plugin, tmp_path: Path):
    """The seeds ingested as the master run does: (master, seeds, work, report, edition)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    master = _master(tmp_path)
    work, report = _ingest(plugin, master, seeds)
    traditional = next(e for e in site_editions(master.settings["EDITIONS"]) if not e.is_master)
    return master, seeds, work, report, traditional


def test_an_editions_run_finds_every_body_converted_by_the_ingest(tmp_path, content_module):
    plugin = content_module
    master, seeds, work, report, traditional = _seeds_ingested(plugin, tmp_path)
    assert list(work) == [traditional.code]
    bodies = {key: html for issue in report.issues for key, html in issue.html.items()}
    assert len(bodies) == 21 and len(report.worked[traditional.code]) == 21
    people = plugin._credited_people(report)
    assert any(plugin._shown(html, people.get(key, ())) for key, html in bodies.items())

    plugin.reset_converters(_edition_run(master, traditional))  # the edition's run, first thing
    cache = plugin._body_caches[traditional.code]
    convert = html_converter(traditional)
    for key, html in bodies.items():
        # a body showing a name its article credits is converted with that name kept
        shown = plugin._shown(html, people.get(key, ()))
        assert cache.get(plugin._body_key(traditional, html, shown)) == convert(html, names=shown)
    cache.save()
    assert not handed_over(cache.path).exists() and len(cache.old) == 21

    # The next build parses nothing again, so there is nothing to convert or hand over;
    # the edition's cache still has every body.
    _work, again = _ingest(plugin, master, seeds)
    assert again.worked == {}
    plugin.reset_converters(_edition_run(master, traditional))
    kept = plugin._body_caches[traditional.code]
    assert all(
        kept.get(plugin._body_key(traditional, html, plugin._shown(html, people.get(key, ()))))
        for key, html in bodies.items()
    )


def test_a_master_only_site_asks_the_ingest_for_nothing(tmp_path, content_module):
    master = _master(tmp_path)
    master.settings["EDITIONS"] = [e for e in master.settings["EDITIONS"] if e["path"] == ""]
    assert content_module.offer_conversion(master) == {}


def test_titles_and_summaries_converted_by_the_ingest_read_as_the_run_would_convert_them(
    tmp_path, content_module
):
    """Every title, subtitle, issue title and summary of the seeds is handed to
    the edition's cache by the ingest, keyed as the edition's run looks it up, and reads exactly
    as the run's own conversion (text converter; summaries as escaped HTML with marks kept)."""
    plugin = content_module
    master, _seeds, _work, report, traditional = _seeds_ingested(plugin, tmp_path)
    texts = report.worked_texts[traditional.code]
    fields = {field for field, _text in texts}
    assert fields == {"title", "subtitle", "issue_title", "summary"}
    titles = {text for field, text in texts if field == "title"}
    assert len(titles) == 21  # one per story

    plugin.reset_converters(_edition_run(master, traditional))
    convert, convert_html = text_converter(traditional), html_converter(traditional)
    for (field, text), converted in texts.items():
        assert plugin._kept_text(traditional, field, text) == converted
        assert converted == (convert_html(text, True) if field == "summary" else convert(text))
    assert plugin._kept_text(traditional, "title", "没有这篇文章") is None
