"""A crawl of the built site from the home page, as a reader (or a search engine) would."""

from __future__ import annotations

from collections import deque

MAX_CLICKS = 3


def _target(site, path, href):
    """The output file a link opens (the page itself for a bare #fragment)."""
    address = href.split("#", 1)[0]
    return site.resolve(path, address) if address else path


def _crawl(site):
    """Breadth-first from index.html: clicks needed to reach each page, and broken links."""
    depth = {"index.html": 0}
    broken = []
    queue = deque(["index.html"])
    while queue:
        path = queue.popleft()
        page = site.page(path)
        for tag, attrs in page.links:
            for key in ("href", "src", "action"):
                if key not in attrs:
                    continue
                href = attrs[key]
                target = _target(site, path, href)
                if target is None:
                    continue
                if not (site.root / target).is_file():
                    broken.append((path, href))
                    continue
                if tag in ("a", "form") and target.endswith(".html") and target not in depth:
                    depth[target] = depth[path] + 1
                    queue.append(target)
    return depth, broken


def test_no_broken_internal_links_anywhere(site):
    _, broken = _crawl(site)
    # Pages the crawl from home does not reach are checked too.
    for path in site.html_files():
        page = site.page(path)
        for _tag, attrs in page.links:
            for key in ("href", "src", "action"):
                if key in attrs:
                    target = _target(site, path, attrs[key])
                    if target is not None and not (site.root / target).is_file():
                        broken.append((path, attrs[key]))
    assert not broken


def test_in_page_anchors_exist(site):
    for path in site.html_files():
        page = site.page(path)
        for href in page.hrefs():
            if href.startswith("#"):
                assert href[1:] in page.ids, (path, href)


def test_every_story_is_within_three_clicks_of_home(site, stories):
    depth, _ = _crawl(site)
    far = {s.url: depth.get(s.url) for s in stories if depth.get(s.url, 99) > MAX_CLICKS}
    assert not far


def test_every_page_is_reachable_from_home(site):
    depth, _ = _crawl(site)
    unreachable = set(site.html_files()) - set(depth) - {"404.html"}
    assert not unreachable
