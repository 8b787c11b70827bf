"""Feed titles are the articles' whole headlines as written (kicker, title, subtitle).

Pelican's feed writer treats a title as HTML and strips anything that looks like a tag, so a
title quoting <script> would lose words in feeds. Our titles are plain text (templates escape
them), so each feed item gets its article's title back; the feed library escapes it as XML.
"""

from __future__ import annotations

from .settings import enabled


def restore_titles(context, feed) -> None:
    if not enabled(context):
        return
    titles = context.get("bulletin_titles_by_url", {})
    prefix = (context.get("SITEURL") or "").rstrip("/") + "/"
    for item in feed.items:
        link = item.get("link", "")
        url = link[len(prefix) :] if link.startswith(prefix) else link
        if url in titles:
            item["title"] = titles[url]
