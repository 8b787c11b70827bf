"""What search engines and link previews read: descriptions, canonical URLs, JSON-LD."""

from __future__ import annotations

import html
import json
import re
from typing import Any

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(markup: str) -> str:
    """Text of an HTML fragment, tags dropped, entities decoded, whitespace folded."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup or ""))).strip()


def clip(text: str, limit: int = 120) -> str:
    """At most `limit` characters, cut at a sentence end when one is near."""
    text = _SPACE.sub(" ", text or "").strip()
    if len(text) <= limit:
        return text
    head = text[:limit]
    stop = max(head.rfind(mark) for mark in "。！？；")
    if stop >= limit * 0.6:
        return head[: stop + 1]
    return head.rstrip("，、：；（“‘ ") + "…"


def page_url(site_url: str, path: str) -> str:
    """Public URL of an output path; a folder's index.html is its folder."""
    path = path.lstrip("/")
    if path == "index.html":
        path = ""
    elif path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return f"{site_url.rstrip('/')}/{path}"


def script_json(data: Any) -> str:
    """JSON safe inside <script>: no '</script>', '<!--' or line separators can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def news_article(
    *,
    url: str,
    headline: str,
    date_published: str,
    language: str,
    publisher: str,
    description: str = "",
    alternative_headline: str = "",
    section: str = "",
    keywords: list[str] | None = None,
    authors: list[str] | None = None,
    issue: dict[str, str] | None = None,
) -> dict[str, Any]:
    """schema.org NewsArticle; empty fields are left out."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": headline[:110],
        "datePublished": date_published,
        "inLanguage": language,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if alternative_headline:
        data["alternativeHeadline"] = alternative_headline
    if description:
        data["description"] = description
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = keywords
    people = [{"@type": "Person", "name": name} for name in authors or []]
    data["author"] = people or {"@type": "Organization", "name": publisher}
    if issue:
        data["isPartOf"] = {"@type": "PublicationIssue", **issue}
    return data


def whole_headline(kicker: str | None, title: str, subtitle: str | None) -> str:
    """A three-part headline on one line, for places that hold one line (feed titles):
    引题 主题——副题."""
    line = f"{kicker} {title}" if kicker else title
    return f"{line}——{subtitle}" if subtitle else line
