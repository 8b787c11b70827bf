"""Stories -> articles: the metadata Pelican needs (date, districts, credits, summary, slug …)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..gazetteer import TextPart, districts_about, partners_about
from ..sections import BRIEFS_SECTIONS
from .credits import Credit, credit_of
from .issue_dates import dates_in, stated_dates_in
from .model import Kind, Story

SUMMARY_MIN_CHARS = 40
SUMMARY_MAX_CHARS = 120
_SENTENCE = re.compile(r"[^。！？]+[。！？]?[”’」』]?")


@dataclass
class Article:
    story: Story
    title: str  # the story's title, or for a weekly digest its column and issue date
    slug: str
    order: int  # position in the printed issue, from 1
    date: dt.date
    districts: list[str]
    partners: list[str]
    authors: list[str]  # writers: 记者, 通讯员, 文
    summary: str
    photographers: list[str] = field(default_factory=list)  # 摄, 摄影, 图, 图片由…提供
    date_estimated: str | None = None  # "month" or "year" when the date is an estimate
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


def credit_of_story(story: Story) -> Credit:
    """Everyone the story's bylines and photo credits name, writers and photographers."""
    total = Credit()
    for element in story.credits:
        total = total + (credit_of(element.text) or Credit())
    return total


def _parts(story: Story) -> list[TextPart]:
    parts = [TextPart("headline", t) for t in (story.kicker, story.title, story.subtitle) if t]
    role = {Kind.SUBHEAD: "subhead", Kind.BRIEF: "brief"}
    lead_done = False
    for element in story.body:
        if element.kind is Kind.CAPTION:
            continue
        if not lead_done and element.kind is Kind.PARA:
            lead_done = True
            sentences = _SENTENCE.findall(element.text)
            if sentences:
                parts.append(TextPart("lead", sentences[0]))
                parts.append(TextPart("body", "".join(sentences[1:])))
                continue
        parts.append(TextPart(role.get(element.kind, "body"), element.text))
    return parts


def story_text(story: Story) -> str:
    headline = [story.kicker or "", story.title, story.subtitle or ""]
    return "\n".join([*headline, *(e.text for e in story.body)])


def make_article(
    story: Story,
    issue_key: str,
    order: int,
    issue_date: dt.date,
    year: int | None,
    issue_estimate: str | None = None,
) -> Article:
    """issue_estimate: "month" or "year" when the issue's date is an estimate, else None."""
    parts = _parts(story)
    title = story.title
    digest = story.synthetic_title and (story.section in BRIEFS_SECTIONS or story.is_digest())
    if digest:
        # Every issue has its 一周动态 (and a column may print briefs with no headline): the
        # column and the date tell them apart in lists and feeds.
        title = f"{story.section}（{issue_date.year}年{issue_date.month}月{issue_date.day}日）"
    text = story_text(story)
    found = [d for d in dates_in(text, year or issue_date.year) if d <= issue_date]
    if digest:
        found = []  # a weekly digest is dated by its issue, not by its first item
    date = found[0] if found else issue_date
    estimate = issue_estimate
    if found and (issue_estimate is None or date in stated_dates_in(text)):
        estimate = None  # a date the text states, with its year or the stated issue's
    credit = credit_of_story(story)
    return Article(
        story=story,
        title=title,
        slug=f"{issue_key}-{order:02d}",
        order=order,
        date=date,
        districts=districts_about(parts),
        partners=partners_about(parts),
        authors=list(credit.writers),
        photographers=list(credit.photographers),
        summary=summary_of(story),
        date_estimated=estimate,
    )
