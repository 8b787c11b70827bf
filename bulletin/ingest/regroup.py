"""Stage 4: stories -> stories, with what the page layout put in the wrong story put back.

* A package lead-in: text that introduces a page of stories under a banner headline (seed
  003's 2023年，重庆市工会第六次代表大会提出…) becomes a short story of its own, under the
  banner, at the head of the package, instead of the tail of whichever story the columns left
  it in.
* A story's missing opening: a story whose text begins with a connective (事实上，…) lost its
  opening to the column layout. A run of paragraphs at the end of an earlier story of the same
  column that is about this story's place, and not about its host's, is its opening: it moves
  back.
Both moves are reported for the editor. The stories handed on are new objects.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..gazetteer import lead_places, named_places
from .model import TEXT_KINDS, DroppedLine, Element, Kind, Story, Warning

# Words that continue an argument: a story cannot open with them.
_CONNECTIVE = re.compile(
    r"^(?:事实上|此外|另外|同时|与此同时|不仅如此|因此|然而|而且|但是|对此|为此|其中|随后|此后|"
    r"由此|除此之外|除此以外|另一方面|更重要的是|值得一提的是)[，,]?"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_LEAD_OPENING = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|近日|日前|近期|近年来|今年以来|连日来|在[^，。]{2,30}中，)"
)
_FIRST_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
ECHO_CHARS = 4  # a shared phrase this long ties an introduction to the banner headline


def regroup(
    stories: list[Story],
    headline: str | None,
    dropped: list[DroppedLine],
    warnings: list[Warning],
    source: str,
) -> tuple[list[Story], list[DroppedLine], list[Warning]]:
    """Returns new stories, the dropped lines (the banner's are claimed by a lead-in story)
    and the warnings, with one for every move (a lead-in replaces the suspicion it settles)."""
    stories = [replace(s, body=list(s.body), credits=list(s.credits)) for s in stories]
    moves: list[Warning] = []
    if headline:
        stories, dropped = _lead_in(stories, headline, dropped, source, moves)
    _openings(stories, source, moves)
    settled = {w.line for w in moves if w.code == "lead-in"}
    kept = [w for w in warnings if not (w.code == "suspected-scramble" and w.line in settled)]
    return stories, dropped, kept + moves


def _echoes(text: str, headline: str) -> bool:
    """True when the text repeats a phrase of the headline (十件实事, 成效如何)."""
    for run in _CJK_RUN.findall(headline):
        for start in range(len(run) - ECHO_CHARS + 1):
            if run[start : start + ECHO_CHARS] in text:
                return True
    return False


def _runs(body: list[Element], lede_count: int) -> list[tuple[int, int]]:
    """(start, end) of the story's lede and of each run of displaced text."""
    runs = [(0, lede_count)] if lede_count else []
    start = None
    for index, element in enumerate([*body, None]):
        if element is not None and element.displaced:
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    return runs


def _lead_in(
    stories: list[Story],
    headline: str,
    dropped: list[DroppedLine],
    source: str,
    warnings: list[Warning],
) -> tuple[list[Story], list[DroppedLine]]:
    for story in stories:
        for start, end in _runs(story.body, story.lede_count):
            run = story.body[start:end]
            text = "".join(e.text for e in run if e.kind in TEXT_KINDS)
            if not text or not _echoes(text, headline):
                continue
            del story.body[start:end]
            if start < story.lede_count:
                story.lede_count = 0
            banner_lines = [d.line for d in dropped if d.text == headline]
            lead = Story(
                title=headline,
                section=stories[0].section,
                title_lines=banner_lines,
                body=[replace(e, displaced=False) for e in run],
                lead_in=True,
            )
            first, last = run[0].first_line, run[-1].lines[-1]
            warnings.append(
                Warning(
                    source,
                    first,
                    "lead-in",
                    f"lines {first}–{last} introduce the whole page under its banner "
                    f"headline: made a story of their own at its head (check)",
                )
            )
            kept = [d for d in dropped if d.text != headline]
            return [lead, *stories], kept
    return stories, dropped


def _opens_midway(story: Story) -> bool:
    texts = [e for e in story.body[story.lede_count :] if e.kind in TEXT_KINDS]
    return bool(texts) and bool(_CONNECTIVE.match(texts[0].text))


def _key_places(story: Story) -> set[str]:
    """The places a story is about: those in its headline, else the one its text names
    most (twice at least), leaving out mentions in lists."""
    headline = " ".join(t for t in (story.kicker, story.title, story.subtitle) if t)
    places = set(named_places(headline))
    texts = [e for e in story.body if e.kind is Kind.PARA]
    if texts:
        places |= set(lead_places(_FIRST_SENTENCE.match(texts[0].text).group(0)))
    if places:
        return places
    counts: dict[str, int] = {}
    for element in story.body:
        for name in named_places(element.text, skip_lists=True):
            counts[name] = counts.get(name, 0) + 1
    best = max(counts.values(), default=0)
    return {name for name, count in counts.items() if count == best and count >= 2}


def _openings(stories: list[Story], source: str, warnings: list[Warning]) -> None:
    for target in stories:
        if not _opens_midway(target):
            continue
        wanted = _key_places(target)  # empty: any place its host is not about
        # The column layout carries a story's top to the end of the story printed before it,
        # in the same column.
        for host in stories[: stories.index(target)]:
            if host.section != target.section:
                continue
            start = _tail_about(host, wanted)
            if start is None:
                continue
            run = host.body[start:]
            del host.body[start:]
            at = target.lede_count
            target.body[at:at] = run
            # a credit printed on a moved line (本报讯（记者 张三）…) goes with it
            lines = {n for element in run for n in element.lines}
            moved = [c for c in host.credits if c.first_line in lines]
            host.credits = [c for c in host.credits if c not in moved]
            target.credits = [*moved, *target.credits]
            first, last = run[0].first_line, run[-1].lines[-1]
            warnings.append(
                Warning(
                    source,
                    first,
                    "scramble-moved",
                    f"lines {first}–{last} moved to the start of '{target.title}', whose "
                    "text began mid-argument and which they are about (suspected column "
                    "scramble; check the order)",
                )
            )
            break


def _tail_lead_elsewhere(host: Story, own: set[str]) -> int | None:
    """For a story that names no place: a lead closing `host` (a dated opening about a place
    the host never names) and the paragraphs after it."""
    body = host.body
    named_in_host: set[str] = set()
    for index in range(host.lede_count, len(body)):
        element = body[index]
        places = set(named_places(element.text, skip_lists=True))
        if (
            index > host.lede_count
            and element.kind is Kind.PARA
            and _LEAD_OPENING.match(element.text)
            and places
            and not places & (own | named_in_host)
            and all(e.kind in TEXT_KINDS for e in body[index:])
        ):
            return index
        named_in_host |= places
    return None


def _tail_about(host: Story, wanted: set[str]) -> int | None:
    """Start of the run of paragraphs closing `host` that names one of `wanted` and none of
    the host's own places (outside lists), when the host's text before it names none of
    `wanted`; None when there is no such run."""
    own = _key_places(host)
    if not own or own & wanted:
        return None
    if not wanted:
        return _tail_lead_elsewhere(host, own)
    body = host.body
    start = len(body)
    while start > host.lede_count:
        element = body[start - 1]
        if element.kind not in TEXT_KINDS or own & set(named_places(element.text, True)):
            break
        start -= 1
    if start >= len(body) or start <= host.lede_count:
        return None
    run_places = {p for e in body[start:] for p in named_places(e.text, skip_lists=True)}
    before = {p for e in body[:start] for p in named_places(e.text, skip_lists=True)}
    if not run_places & wanted or before & wanted:
        return None
    # The lost opening starts with the paragraph that opens like a lead (a date, 近日, 在…中),
    # else with the first one that names the wanted place.
    for index in range(start, len(body)):
        if _LEAD_OPENING.match(body[index].text):
            return index
    for index in range(start, len(body)):
        if wanted & set(named_places(body[index].text, skip_lists=True)):
            return index
    return start
