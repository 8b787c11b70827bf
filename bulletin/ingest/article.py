"""Stories -> articles: the metadata Pelican needs (date, districts, summary, slug ...)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..gazetteer import TextPart, districts_about, partners_about
from ..sections import BRIEFS_SECTIONS
from .classify import is_byline
from .dates import dates_in
from .model import Kind, Story

SUMMARY_MIN_CHARS = 40
SUMMARY_MAX_CHARS = 120
_SENTENCE = re.compile(r"[^。！？]+[。！？]?[”’」』]?")
_CREDIT_TAIL = re.compile(r"(?:(?:图片|照片|图)由.*提供|(?:摄|文|图|报道))$")
_CREDIT_WORDS = frozenset({"记者", "通讯员", "本报", "文", "图", "摄", "摄影"})


@dataclass
class Article:
    story: Story
    slug: str
    order: int  # position in the printed issue, from 1
    date: dt.date
    districts: list[str]
    partners: list[str]
    authors: list[str]
    summary: str
    review: list[str] = field(default_factory=list)  # notes for the editor


def _plain(text: str) -> str:
    return text.replace("**", "")


def summary_of(story: Story) -> str:
    """The first sentence or two of the story, by characters (Chinese has no words to count)."""
    texts = [
        _plain(e.text).lstrip("◎ ")
        for e in story.body
        if e.kind in (Kind.POINT, Kind.PARA, Kind.BRIEF)
    ]
    text = texts[0] if texts else (story.subtitle or story.title)
    out = ""
    for sentence in _SENTENCE.findall(text):
        if len(out) + len(sentence) > SUMMARY_MAX_CHARS:
            if len(out) < SUMMARY_MIN_CHARS:  # cut the long sentence at a clause
                room = sentence[: SUMMARY_MAX_CHARS - len(out)]
                comma = room.rfind("，")
                out += (room[:comma] if comma > 0 else room[:-1]) + "…"
            break
        out += sentence
        if len(out) >= SUMMARY_MIN_CHARS:
            break
    return out.strip()


def authors_of(story: Story) -> list[str]:
    names: list[str] = []
    for element in story.body:
        if element.kind is not Kind.BYLINE:
            continue
        text = _CREDIT_TAIL.sub("", element.text).strip()
        for token in re.split(r"[ 、，,/：:]+", text):
            if 2 <= len(token) <= 3 and token not in _CREDIT_WORDS and token not in names:
                names.append(token)
    return names


def _parts(story: Story) -> list[TextPart]:
    parts = [TextPart("headline", story.title)]
    if story.subtitle:
        parts.append(TextPart("headline", story.subtitle))
    role = {Kind.SUBHEAD: "subhead", Kind.BRIEF: "brief"}
    parts.extend(
        TextPart(role.get(e.kind, "body"), e.text)
        for e in story.body
        if e.kind not in (Kind.CAPTION, Kind.BYLINE) and not is_byline(e.text)
    )
    return parts


def story_text(story: Story) -> str:
    return "\n".join([story.title, story.subtitle or "", *(e.text for e in story.body)])


def make_article(
    story: Story, issue_key: str, order: int, issue_date: dt.date, year: int | None
) -> Article:
    parts = _parts(story)
    if story.synthetic_title and story.section in BRIEFS_SECTIONS:
        # Every issue has its 一周动态: the date tells them apart in lists and feeds.
        story.title = (
            f"{story.section}（{issue_date.year}年{issue_date.month}月{issue_date.day}日）"
        )
    found = [d for d in dates_in(story_text(story), year or issue_date.year) if d <= issue_date]
    return Article(
        story=story,
        slug=f"{issue_key}-{order:02d}",
        order=order,
        date=found[0] if found else issue_date,
        districts=districts_about(parts),
        partners=partners_about(parts),
        authors=authors_of(story),
        summary=summary_of(story),
    )
