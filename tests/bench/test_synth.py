"""The benchmark's synthetic archive reads like a real one: each issue newer than the last,
its date inferred from its own text, its stories dated in the days before it. A new issue
landing in the middle of the archive would make every rebuild re-render half the lists."""

from __future__ import annotations

import datetime as dt

from bulletin.ingest.run import process_seed
from bulletin.synthetic import STORIES_PER_ISSUE, issue_date, write_archive


def test_issues_come_out_in_order_with_their_stories_before_them(tmp_path):
    files = write_archive(tmp_path / "seeds", 110 * STORIES_PER_ISSUE)
    previous = None
    for number, path in enumerate(files):
        report = process_seed(path, path.name, None)
        assert report.date == issue_date(number), (path.name, report.date_note)
        assert previous is None or report.date > previous
        stories = [article.date for article in report.articles]
        assert len(stories) == STORIES_PER_ISSUE
        assert all(report.date - dt.timedelta(days=9) <= day <= report.date for day in stories)
        previous = report.date
    # The years run on (110 issues at 3-4 days reach the next year; January's stories stay in it).
    assert issue_date(len(files) - 1).year > issue_date(0).year


def test_the_next_issue_is_the_newest_and_archives_are_repeatable(tmp_path):
    files = write_archive(tmp_path / "a", 100)
    again = write_archive(tmp_path / "b", 110)
    assert [f.read_bytes() for f in files] == [f.read_bytes() for f in again[:-1]]
    newest = process_seed(again[-1], again[-1].name, None).date
    assert newest > max(process_seed(f, f.name, None).date for f in files)
