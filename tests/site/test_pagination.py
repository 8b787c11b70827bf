"""Stable list pages (bulletin/site/pagination.py): older pages never change."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bulletin.site.pagination import page_address, stable_pages


def _pages(count: int, per_page: int = 20):
    items = list(range(count, 0, -1))  # newest first: the highest number is the newest story
    return stable_pages(items, "columns/x.html", "columns/x.html", per_page)


def test_small_lists_have_one_page():
    for count in (0, 1, 20, 39):
        (only,) = _pages(count)
        assert only.is_newest and len(only.object_list) == count and not only.has_other_pages()


def test_newest_page_holds_one_to_two_pages_worth_and_older_pages_are_full():
    pages = _pages(105)
    assert [p.number for p in pages] == [None, 4, 3, 2, 1]
    assert len(pages[0].object_list) == 25
    assert all(len(p.object_list) == 20 for p in pages[1:])
    assert pages[-1].object_list[-1] == 1  # page 1 ends with the oldest story
    assert [p.url for p in pages] == [
        "columns/x.html",
        *(f"columns/x-{n}.html" for n in (4, 3, 2, 1)),
    ]
    assert pages[0].older is pages[1] and pages[1].newer is pages[0]
    assert pages[-1].older is None and all(p.oldest is pages[-1] for p in pages)


def test_page_address_keeps_the_suffix():
    assert page_address("districts/yubei.html", 3) == "districts/yubei-3.html"
    assert page_address("partners/x", 2) == "partners/x-2"
    assert page_address("columns/x.html", None) == "columns/x.html"


@given(st.integers(0, 400), st.integers(1, 60), st.integers(1, 25))
def test_new_stories_never_move_an_older_page(count, added, per_page):
    before = {p.number: list(p.object_list) for p in _pages(count, per_page)}
    after = {p.number: list(p.object_list) for p in _pages(count + added, per_page)}
    for number, stories in before.items():
        if number is not None:
            assert after[number] == stories
    every = [story for p in _pages(count + added, per_page) for story in p.object_list]
    assert every == list(range(count + added, 0, -1))  # each story once, newest first
