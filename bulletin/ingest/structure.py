"""Stage 3: typed, repaired elements -> stories, in printed order."""

from __future__ import annotations

from ..sections import BRIEFS_SECTIONS, FALLBACK_SECTION, known_section
from .model import DroppedLine, Element, Kind, Story, Warning

SYNTHETIC_TITLE_CHARS = 24


def group_stories(
    elements: list[Element], source: str, default_section: str | None = None
) -> tuple[list[Story], list[DroppedLine], list[Warning], str | None]:
    """Split an issue into stories. A label applies to the stories after it until the next
    label; text standing before the first title is that title's lede."""
    stories: list[Story] = []
    dropped: list[DroppedLine] = []
    warnings: list[Warning] = []
    headline: str | None = None
    section = default_section or FALLBACK_SECTION
    current: Story | None = None
    pending: list[Element] = []  # lede text seen before its title
    label_seen = False
    label: Element | None = None  # the label line waiting for the first story under it

    def open_story(title: str, lines: list[int], synthetic: bool = False) -> Story:
        nonlocal current, pending, label
        current = Story(title=title, section=section, title_lines=lines)
        if label is not None:
            current.label_lines = list(label.lines)
            label = None
        current.synthetic_title = synthetic
        current.body.extend(pending)
        current.lede_count = len(pending)
        pending = []
        stories.append(current)
        return current

    for element in elements:
        kind = element.kind
        if kind is Kind.PRINT_ONLY:
            dropped.append(DroppedLine(element.first_line, element.text, "print-only line"))
        elif kind is Kind.BARE_MARK:
            dropped.append(DroppedLine(element.first_line, element.text, "heading mark, no text"))
        elif kind is Kind.LABEL:
            if label is not None:
                dropped.append(_unused_label(label))
            label = element
            section = element.text
            current = None
            label_seen = True
            if not known_section(section):
                warnings.append(
                    Warning(
                        source,
                        element.first_line,
                        "unknown-section",
                        f"column label '{section}' is not in bulletin/sections.py",
                    )
                )
        elif kind is Kind.TITLE:
            if (
                current is not None
                and not current.body
                and current.subtitle is None
                and not current.label_lines
            ):
                # A title with nothing under it, straight over another title: the page's
                # banner headline (seed 003), kept as the headline.
                stories.remove(current)
                headline = headline or current.title
                dropped.extend(
                    DroppedLine(
                        n,
                        current.title,
                        "banner headline over the whole page; used as the issue headline",
                    )
                    for n in current.title_lines
                )
            open_story(element.text, list(element.lines))
        elif (
            kind is Kind.SUBTITLE
            and current is not None
            and not current.has_text_after_title()
            and current.subtitle is None
        ):
            current.subtitle = element.text
            current.subtitle_lines = list(element.lines)
        else:
            if kind is Kind.SUBTITLE:
                element.kind = Kind.SUBHEAD
            if current is None:
                if label_seen or kind is Kind.BRIEF or stories:
                    # Briefs under a banner, or text under a label with no title of its own.
                    story = open_story(_synthetic_title(section, element), [], synthetic=True)
                    story.body.append(element)
                else:
                    pending.append(element)
                continue
            current.body.append(element)
    if pending:
        open_story(_synthetic_title(section, pending[0]), [], synthetic=True)
    if label is not None:
        dropped.append(_unused_label(label))
    for story in stories:
        if story.synthetic_title and story.section not in BRIEFS_SECTIONS:
            first = story.body[0].first_line if story.body else None
            warnings.append(
                Warning(source, first, "no-title", f"story has no title; using '{story.title}'")
            )
        if not story.text_elements():
            warnings.append(
                Warning(
                    source,
                    story.title_lines[0] if story.title_lines else None,
                    "empty-story",
                    f"story '{story.title}' has no text",
                )
            )
    return stories, dropped, warnings, headline


def _unused_label(label: Element) -> DroppedLine:
    return DroppedLine(label.first_line, label.text, "column label with no story under it")


def _synthetic_title(section: str, element: Element) -> str:
    if section in BRIEFS_SECTIONS:
        return section
    text = element.text.replace("**", "")
    cut = min((i for i in (text.find("。"), text.find("，")) if i > 0), default=len(text))
    cut = min(cut, SYNTHETIC_TITLE_CHARS)
    return text[:cut] + ("…" if cut < len(text) else "")
