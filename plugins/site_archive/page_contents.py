"""What this plugin's pages show, for the pages' keys in site_incremental (the `page_inputs`
signal, plugins/plugin_signals.py): a page whose inputs are unchanged is carried over from the
last build instead of rendered."""

from __future__ import annotations

from typing import Any


def page_inputs(_name: str, kwargs: dict[str, Any], listed: bool = False) -> list | None:
    """A story's page: the story, its neighbours in the issue and its related stories; an
    issue: its stories and the first story of the issues before and after it (the links); a
    month: its issues' stories; a partner place's list: its name and slug (the writer adds the
    stories and links of each of its pages)."""
    if listed:
        place = kwargs.get("place") if kwargs.get("page_kind") == "partner" else None
        # name and slug: a place's str() is a dataclass repr with its stories' addresses
        return [place.name, place.slug] if place is not None else None
    article = kwargs.get("article")
    if article is not None:
        if not hasattr(article, "bulletin_issue"):  # a run without this plugin's archive
            return None
        near = [article.prev_in_issue, article.next_in_issue, *article.related]
        return [article, [story for story in near if story is not None]]
    kind = kwargs.get("page_kind")
    if kind == "issue":
        issue = kwargs["issue"]
        near = [other.stories[:1] if other else None for other in (issue.older, issue.newer)]
        return [issue.stories, near]
    if kind == "month":
        return [[issue.stories for issue in kwargs["month"].issues]]
    return None
