"""List pages that do not shift when a new issue arrives.

A column or district lists its stories newest first, `per_page` to a page. Pelican numbers
pages from the newest, so every new story moves every story to another page and every page
has to be written again. Here pages are counted from the oldest instead: page 1 holds the
oldest `per_page` stories and keeps them for ever; the first page (the list's own URL) holds
the newest `per_page` to `2 * per_page - 1` stories. A new issue changes the first page, at
most one page next to it and the page it creates; the older pages stay byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass
class ListPage:
    """One page of a list. `number` is None for the first page (the newest stories)."""

    number: int | None
    object_list: Sequence[Any]
    url: str
    save_as: str
    newer: ListPage | None = field(default=None, repr=False)
    older: ListPage | None = field(default=None, repr=False)
    newest: ListPage | None = field(default=None, repr=False)
    oldest: ListPage | None = field(default=None, repr=False)

    @property
    def is_newest(self) -> bool:
        return self.number is None

    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def page_address(base: str, number: int | None) -> str:
    """columns/x.html -> columns/x-7.html for page 7 counted from the oldest."""
    if number is None:
        return base
    stem, dot, suffix = base.rpartition(".")
    return f"{stem}-{number}.{suffix}" if dot else f"{base}-{number}"


def stable_pages(items: Sequence[Any], url: str, save_as: str, per_page: int) -> list[ListPage]:
    """Pages newest first, linked to their neighbours; `items` are newest first."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    older_count = max(0, len(items) // per_page - 1)  # full pages counted from the oldest
    newest_size = len(items) - older_count * per_page
    pages = [ListPage(None, items[:newest_size], url, save_as)]
    for number in range(older_count, 0, -1):
        end = len(items) - (number - 1) * per_page
        chunk = items[end - per_page : end]
        pages.append(
            ListPage(number, chunk, page_address(url, number), page_address(save_as, number))
        )
    for newer, older in pairwise(pages):
        newer.older, older.newer = older, newer
    for page in pages:
        page.newest, page.oldest = pages[0], pages[-1]
    return pages
