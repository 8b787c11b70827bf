"""Browse by date: the issues of each year and month (by the date the issue was printed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .issues import Issue


@dataclass(eq=False)
class Month:
    year: int
    month: int
    issues: list[Issue] = field(default_factory=list)
    url: str = ""
    save_as: str = ""

    @property
    def story_count(self) -> int:
        return sum(len(i.stories) for i in self.issues)


@dataclass(eq=False)
class Year:
    year: int
    months: list[Month] = field(default_factory=list)
    url: str = ""
    save_as: str = ""

    @property
    def issues(self) -> list[Issue]:
        return [issue for month in self.months for issue in month.issues]

    @property
    def story_count(self) -> int:
        return sum(m.story_count for m in self.months)

    def month(self, number: int) -> Month | None:
        return next((m for m in self.months if m.month == number), None)


def group_by_year(issues: Iterable[Issue]) -> list[Year]:
    """Years newest first; months newest first; issues keep the order they came in."""
    years: dict[int, Year] = {}
    for issue in issues:
        if issue.date is None:
            continue
        year = years.setdefault(issue.year, Year(issue.year))
        month = year.month(issue.month)
        if month is None:
            month = Month(issue.year, issue.month)
            year.months.append(month)
        month.issues.append(issue)
    for year in years.values():
        year.months.sort(key=lambda m: m.month, reverse=True)
    return sorted(years.values(), key=lambda y: y.year, reverse=True)
