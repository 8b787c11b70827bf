"""Dates as the bulletin prints them. Patterns come from the edition's translation table."""

from __future__ import annotations

import datetime as dt


def to_date(value: object) -> dt.date | None:
    """A date from a date, a datetime or an ISO 'YYYY-MM-DD' string; None when there is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def format_date(value: object, pattern: str) -> str:
    """Format with {y} {m} {d} placeholders (no zero padding: 2024年9月5日)."""
    day = to_date(value)
    if day is None:
        return ""
    return pattern.format(y=day.year, m=day.month, d=day.day)


def iso_date(value: object) -> str:
    day = to_date(value)
    return day.isoformat() if day else ""
