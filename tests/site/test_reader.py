"""The reader's metadata fast path and the time filter agree with what they replace."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))
from mdit_reader import MarkdownItReader


def _reader() -> MarkdownItReader:
    return MarkdownItReader(dict(DEFAULT_CONFIG))


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_iso_day_is_what_pelican_makes_of_it(day: dt.date) -> None:
    reader = _reader()
    text = day.isoformat()
    ours = reader._field("date", text)
    assert type(ours) is SafeDatetime
    assert ours == reader.process_metadata("date", text)


def test_other_dates_still_go_through_pelican() -> None:
    reader = _reader()
    assert reader._field("date", "2023-12-15 10:30") == SafeDatetime(2023, 12, 15, 10, 30)
    assert reader._field("date", "2023/12/15") == SafeDatetime(2023, 12, 15)


def test_time_filter_writes_the_date_as_the_macro_did_and_escapes_the_pattern() -> None:
    from site_archive.jinja import time_tag

    day = dt.date(2024, 9, 5)
    assert time_tag("{y}年{m}月{d}日")(day) == '<time datetime="2024-09-05">2024年9月5日</time>'
    assert time_tag("<b>{y}</b>")(SafeDatetime(2024, 9, 5, 10)) == (
        '<time datetime="2024-09-05">&lt;b&gt;2024&lt;/b&gt;</time>'
    )
    assert time_tag("{y}")(None) == '<time datetime=""></time>'
