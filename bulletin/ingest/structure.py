"""Stage 3: typed, repaired elements -> stories, in printed order.

A label applies to the stories after it until the next label. Heading lines in a row, with no
text between them, are one headline: up to three parts, 引题 (kicker), 主题 (title) and 副题
(subtitle). Text standing before the first headline is that story's lede. Credits go to the
story they are printed in; a story continued on another page (下转第3版 … 上接第1版) is joined.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..sections import BRIEFS_SECTIONS, FALLBACK_SECTION, known_section
from .model import TEXT_KINDS, DroppedLine, Element, Kind, Story, Warning
from .repair import dangles
from .rules.base import looks_like_kicker, two_part
from .rules.jump_line import jump_direction

SYNTHETIC_TITLE_CHARS = 24
_HEADLINE_KINDS = (Kind.TITLE, Kind.SUBTITLE)


@dataclass
class Headline:
    kicker: Element | None
    title: Element
    subtitles: list[Element] = field(default_factory=list)


def is_kicker(first: Element, second: Element) -> bool:
    """Of two headline lines, the first is a kicker (引题) when it reads as one: it introduces
    (ends with ： or ——), names a series (成渝地区双城经济圈·工会在行动), or is printed smaller
    than the line under it (more # marks). Otherwise the two are title and subtitle (主题 and
    副题), the more common pair."""
    if looks_like_kicker(first.text):
        return True
    return first.marker > second.marker > 0


COUPLET_MAX_CHARS = 10


def is_couplet(first: Element, second: Element) -> bool:
    """Two short lines of (nearly) the same length, printed as a pair: one title in two
    parallel halves (对仗: 守好“安全门” / 织密“防护网”)."""
    a, b = len(first.text.replace(" ", "")), len(second.text.replace(" ", ""))
    return max(a, b) <= COUPLET_MAX_CHARS and abs(a - b) <= 1 and first.marker == second.marker


def split_headline(lines: list[Element]) -> Headline:
    """Headline lines in printed order -> kicker, title, subtitles."""
    titles = [e for e in lines if e.kind is Kind.TITLE]
    if len(lines) == 2 and len(titles) == 2 and is_couplet(*titles):
        first, second = titles
        joined = replace(
            first, text=f"{first.text} {second.text}", lines=[*first.lines, *second.lines]
        )
        return Headline(None, joined)
    if not titles:  # subtitle-shaped lines only (——…): the first is the title
        return Headline(None, replace(lines[0], kind=Kind.TITLE), lines[1:])
    first = lines.index(titles[0])
    if first > 0:  # a ——line above the title introduces it
        at = first
    elif len(lines) >= 3 or looks_like_kicker(titles[0].text):
        # three headline lines are 引题, 主题, 副题, however the page set them; so are two
        # under a series kicker (关爱新就业形态劳动者·一线走访 / “…”)
        at = 1
    elif len(titles) == 2 and is_kicker(titles[0], titles[1]):
        at = lines.index(titles[1])
    else:
        return Headline(None, titles[0], [e for e in lines if e is not titles[0]])
    kicker = lines[0] if at else None
    if len(lines) == 1:
        return Headline(None, lines[0])
    title = replace(lines[at], kind=Kind.TITLE)
    return Headline(kicker, title, [*lines[1:at], *lines[at + 1 :]])


def _text_of(parts: list[Element]) -> str:
    return " ".join(e.text for e in parts)


def _lines_of(parts: list[Element]) -> list[int]:
    return [n for e in parts for n in e.lines]


@dataclass
class _Grouping:
    """The state of one pass over an issue's elements."""

    source: str
    section: str
    stories: list[Story] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    headline: str | None = None
    current: Story | None = None
    pending: list[Element] = field(default_factory=list)  # lede text seen before its title
    pending_credits: list[Element] = field(default_factory=list)
    label: Element | None = None  # the label waiting for the first story under it
    label_seen: bool = False
    continued: list[Story] = field(default_factory=list)  # stories with an open 下转
    resuming: Story | None = None  # after 上接: a repeated title of this story may follow

    def open_story(
        self, title: str, lines: list[int], synthetic: bool = False, head: Headline | None = None
    ) -> Story:
        story = Story(title=title, section=self.section, title_lines=lines)
        if head is not None:
            if head.kicker is not None:
                # its colon or dash only led into the title on paper
                story.kicker = head.kicker.text.rstrip("：:—- ")
                story.kicker_lines = list(head.kicker.lines)
            if head.subtitles:
                story.subtitle = _text_of(head.subtitles)
                story.subtitle_lines = _lines_of(head.subtitles)
        if self.label is not None:
            story.label_lines = list(self.label.lines)
            self.label = None
        story.synthetic_title = synthetic
        story.body.extend(self.pending)
        story.lede_count = len(self.pending)
        story.credits.extend(self.pending_credits)
        self.pending, self.pending_credits = [], []
        self.stories.append(story)
        self.current = story
        return story

    def add_text(self, element: Element) -> None:
        resuming, self.resuming = self.resuming, None
        if (
            resuming is not None
            and element.kind in (Kind.SUBHEAD, Kind.CAPTION)
            and (_same_title(element.text, resuming.title))
        ):
            resuming.jumps.append(element)  # the title repeated over the continuation
            self.resuming = resuming
            return
        if resuming is not None and element.kind is Kind.PARA:
            texts = [i for i, e in enumerate(resuming.body) if e.kind is Kind.PARA]
            if texts and dangles(resuming.body[texts[-1]]):
                # the sentence cut at 下转 goes on after 上接
                head = resuming.body[texts[-1]]
                resuming.body[texts[-1]] = replace(
                    head, text=head.text + element.text, lines=[*head.lines, *element.lines]
                )
                return
        if self.current is None:
            if self.label_seen or element.kind is Kind.BRIEF or self.stories:
                # Briefs under a banner, or text under a label with no title of its own.
                story = self.open_story(_synthetic_title(self.section, element), [], True)
                story.body.append(element)
            else:
                self.pending.append(element)
            return
        self.current.body.append(element)


def group_stories(
    elements: list[Element], source: str, default_section: str | None = None
) -> tuple[list[Story], list[DroppedLine], list[Warning], str | None]:
    """Split an issue into stories; returns (stories, dropped lines, warnings, the banner
    headline over the whole page if there was one)."""
    state = _Grouping(source, default_section or FALLBACK_SECTION)
    index = 0
    while index < len(elements):
        element = elements[index]
        kind = element.kind
        if kind in _HEADLINE_KINDS and (
            kind is Kind.TITLE or state.current is None or not state.current.body
        ):
            end = index
            while end < len(elements) and elements[end].kind in _HEADLINE_KINDS:
                end += 1
            block = elements[index:end]
            if kind is Kind.SUBTITLE and state.current is not None and not state.current.body:
                _add_subtitles(state.current, block)
            else:
                _headline(state, block)
            index = end
            continue
        index += 1
        if kind is Kind.PRINT_ONLY:
            state.dropped.append(DroppedLine(element.first_line, element.text, "print-only line"))
        elif kind is Kind.MASTHEAD:
            state.dropped.append(
                DroppedLine(element.first_line, element.text, "masthead: the issue's date")
            )
        elif kind is Kind.BARE_MARK:
            state.dropped.append(
                DroppedLine(element.first_line, element.text, "heading mark, no text")
            )
        elif kind is Kind.LABEL:
            _label(state, element)
        elif kind is Kind.JUMP:
            _jump(state, element)
        elif kind is Kind.BYLINE:
            if state.current is None:
                state.pending_credits.append(element)
            else:
                state.current.credits.append(element)
        else:
            if kind is Kind.SUBTITLE:  # a ——line inside a story's text: a subhead
                element = replace(element, kind=Kind.SUBHEAD)
            state.add_text(element)
    _finish(state)
    return state.stories, state.dropped, state.warnings, state.headline


def _add_subtitles(story: Story, block: list[Element]) -> None:
    parts = [story.subtitle] if story.subtitle else []
    story.subtitle = " ".join([*parts, _text_of(block)])
    story.subtitle_lines = [*story.subtitle_lines, *_lines_of(block)]


def _headline(state: _Grouping, block: list[Element]) -> None:
    if (
        not state.stories
        and not state.pending
        and state.label is None
        and len(block) >= 2
        and block[0].kind is Kind.TITLE
        and block[1].kind is Kind.TITLE
        and two_part(block[0].text)
    ):
        # A two-part headline over the first story's headline, at the top of the issue: the
        # banner over the whole page (a package of stories), kept as the headline.
        banner, block = block[0], block[1:]
        state.headline = state.headline or banner.text
        state.dropped.extend(
            DroppedLine(n, banner.text, "banner headline over the whole page") for n in banner.lines
        )
    head = split_headline(block)
    resuming = state.resuming
    state.resuming = None
    if resuming is not None and _same_title(head.title.text, resuming.title):
        # The title repeated over a continuation (上接第1版 then the title again).
        resuming.jumps.extend(block)
        state.current = state.resuming = resuming
        return
    state.open_story(head.title.text, list(head.title.lines), head=head)


def _same_title(a: str, b: str) -> bool:
    a, b = a.replace(" ", ""), b.replace(" ", "")
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _label(state: _Grouping, element: Element) -> None:
    if state.label is not None:
        state.dropped.append(_unused_label(state.label))
    state.label = element
    state.section = element.text
    state.current = None
    state.label_seen = True
    if not known_section(state.section):
        state.warnings.append(
            Warning(
                state.source,
                element.first_line,
                "unknown-section",
                f"column label '{state.section}' is not in bulletin/sections.py",
            )
        )


def _jump(state: _Grouping, element: Element) -> None:
    """下转第N版 leaves a story open; 上接第M版 picks the oldest open one up again (or the
    one whose title is repeated over the continuation)."""
    current = state.current
    if jump_direction(element.text) == "to":
        if current is not None:
            current.jumps.append(element)
            if current not in state.continued:
                state.continued.append(current)
        else:
            state.dropped.append(DroppedLine(element.first_line, element.text, "jump line"))
        return
    target: Story | None = None
    if current is not None and not current.text_elements() and current in state.stories:
        # The continuation's repeated title came first: it opened a story of its own.
        target = next(
            (
                s
                for s in state.continued
                if s is not current and _same_title(s.title, current.title)
            ),
            None,
        )
        if target is not None:
            state.stories.remove(current)
            target.jumps.extend(
                Element(Kind.JUMP, current.title, list(n), 0)
                for n in (current.kicker_lines, current.title_lines, current.subtitle_lines)
                if n
            )
            target.body.extend(current.body)
            target.credits.extend(current.credits)
    if target is None and state.continued:
        target = state.continued[0]
    state.resuming = target
    if target is None:
        state.warnings.append(
            Warning(
                state.source,
                element.first_line,
                "unmatched-jump",
                f"'{element.text}' continues a story, but no story before it was continued "
                "(下转) on another page",
            )
        )
        state.dropped.append(DroppedLine(element.first_line, element.text, "jump line"))
        return
    target.jumps.append(element)
    if target in state.continued:
        state.continued.remove(target)
    state.current = target


def _finish(state: _Grouping) -> None:
    source = state.source
    if state.pending:
        state.open_story(_synthetic_title(state.section, state.pending[0]), [], synthetic=True)
    if state.label is not None:
        state.dropped.append(_unused_label(state.label))
    for credit in state.pending_credits:  # a credit with no story after it
        state.dropped.append(DroppedLine(credit.first_line, credit.text, "credit with no story"))
    for story in state.continued:
        state.warnings.append(
            Warning(
                source,
                story.jumps[-1].first_line if story.jumps else None,
                "unmatched-jump",
                f"story '{story.title}' continues on another page (下转), but no 上接 part "
                "was found in this issue",
            )
        )
    _fold_empty_stories(state)
    for story in state.stories:
        if story.synthetic_title and story.section not in BRIEFS_SECTIONS and not story.is_digest():
            first = story.body[0].first_line if story.body else None
            state.warnings.append(
                Warning(source, first, "no-title", f"story has no title; using '{story.title}'")
            )


def _fold_empty_stories(state: _Grouping) -> None:
    """A headline with no text under it is never a story of its own: over the next story in
    the same column it is that story's kicker; otherwise its lines are dropped and reported."""
    kept: list[Story] = []
    stories = state.stories
    for index, story in enumerate(stories):
        if any(e.kind in TEXT_KINDS for e in story.body):
            kept.append(story)
            continue
        following = stories[index + 1] if index + 1 < len(stories) else None
        if (
            following is not None
            and following.section == story.section
            and not following.label_lines
            and following.kicker is None
            and not story.synthetic_title
        ):
            following.kicker = " ".join(t for t in (story.kicker, story.title, story.subtitle) if t)
            following.kicker_lines = [
                *story.kicker_lines,
                *story.title_lines,
                *story.subtitle_lines,
            ]
            following.label_lines = story.label_lines
            following.credits[:0] = story.credits
            following.jumps[:0] = story.jumps
            following.body[:0] = story.body  # captions, subheads: whatever it held
            continue
        first = story.title_lines[0] if story.title_lines else None
        state.warnings.append(
            Warning(
                state.source,
                first,
                "empty-story",
                f"headline '{story.title}' has no text under it; left out (check the page)",
            )
        )
        if story in state.continued:
            state.continued.remove(story)
        for element in (*story.body, *story.credits, *story.jumps):
            state.dropped.append(
                DroppedLine(element.first_line, element.text, "under a headline with no text")
            )
        for number in (*story.label_lines, *story.kicker_lines, *story.title_lines):
            state.dropped.append(DroppedLine(number, story.title, "headline with no text"))
        for number in story.subtitle_lines:
            state.dropped.append(DroppedLine(number, story.subtitle or "", "headline with no text"))
    state.stories[:] = kept


def _unused_label(label: Element) -> DroppedLine:
    return DroppedLine(label.first_line, label.text, "column label with no story under it")


def _synthetic_title(section: str, element: Element) -> str:
    if section in BRIEFS_SECTIONS:
        return section
    text = element.text.replace("**", "")
    cut = min((i for i in (text.find("。"), text.find("，")) if i > 0), default=len(text))
    cut = min(cut, SYNTHETIC_TITLE_CHARS)
    return text[:cut] + ("…" if cut < len(text) else "")
