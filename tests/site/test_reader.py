"""The Markdown reader's own metadata fast path agrees with Pelican's processing."""

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
