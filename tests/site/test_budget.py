"""An article page, HTML plus CSS, stays under 50 KB before compression."""

from __future__ import annotations

import re

BUDGET = 50 * 1024


def test_article_pages_fit_the_budget(site, stories):
    for story in stories:
        html = (site.root / story.url).read_text(encoding="utf-8")
        css = [
            site.resolve(story.url, href)
            for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        ]
        assert css, "an article page links its stylesheet"
        total = len(html.encode()) + sum((site.root / p).stat().st_size for p in css)
        assert total < BUDGET, (story.slug, total)
