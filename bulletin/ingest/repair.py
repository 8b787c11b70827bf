"""Stage 2: mend what the page layout broke.

* A sentence cut by a page or column break (…比如，立 / 足电子信息…) is joined again, also when a
  photo caption stands in the gap.
* A fragment the multi-column layout put somewhere else (…随意挑选10余份 … 50 lines later …
  的早餐。) is moved back after the sentence it completes, and the move is reported.
* What cannot be mended is reported with its line, for the editor.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import replace

from .model import Element, Kind, Warning

_TEXT_KINDS = (Kind.PARA, Kind.BRIEF, Kind.POINT)
# What a finished paragraph can end with.
_TERMINAL = tuple("。！？!?…；;：:”’」』）)】》—")
# Paragraphs that start like this begin something new; they never continue a cut sentence.
_STRONG_START = re.compile(
    r"^(?:[“「『◆◎]|\*\*|\d{4}年|\d{1,2}月\d{1,2}日|近日|近年来|日前|据悉|据了解|据统计|此外|同时|"
    r"目前|今年|去年|截至|下一步|事实上|值得一提的是|不仅如此|与此同时|其中，)"
)
# Characters that do not start a sentence: a paragraph opening with one is a fragment.
_NON_INITIAL = frozenset("的们吧呢吗啊")
# A cut after a conjunction or preposition never continues with a structural particle (并+的).
_BAD_JUNCTION_END = frozenset("并和与及或而且在对把被将向从为让使")
_PARTICLES = frozenset("的了着地得")
_MID_SENTENCE_QUOTE = re.compile(r"^[^“]*”")


def _copy(element: Element) -> Element:
    """A copy this stage may change (dataclasses.replace is several times slower)."""
    twin = copy(element)
    twin.lines = list(element.lines)
    return twin


def _plain(text: str) -> str:
    return text.replace("**", "").rstrip()


def dangles(element: Element) -> bool:
    text = _plain(element.text)
    return element.kind in _TEXT_KINDS and bool(text) and not text.endswith(_TERMINAL)


def _junction_ok(head: Element, tail: Element) -> bool:
    a, b = _plain(head.text), tail.text.lstrip()
    if not a or not b:
        return False
    return not (a[-1] in _BAD_JUNCTION_END and b[0] in _PARTICLES)


def _continues(head: Element, tail: Element) -> bool:
    return (
        tail.kind is Kind.PARA and not _STRONG_START.match(tail.text) and _junction_ok(head, tail)
    )


def _is_column_start(elements: list[Element], index: int) -> bool:
    """True when the element is the first text after a heading, caption or label."""
    return index > 0 and elements[index - 1].kind not in _TEXT_KINDS


def _join(head: Element, tail: Element, overlap: bool) -> None:
    text = tail.text[1:] if overlap else tail.text
    head.text = head.text.rstrip() + text.lstrip()
    head.lines.extend(tail.lines)


def _next_text(elements: list[Element], index: int) -> int | None:
    """Index of the next text element, skipping photo captions that stand in the gap."""
    for j in range(index + 1, len(elements)):
        kind = elements[j].kind
        if kind in _TEXT_KINDS:
            return j
        if kind is not Kind.CAPTION:
            return None
    return None


def _find_overlap(elements: list[Element], head_index: int) -> int | None:
    """A misplaced column fragment: first text under a heading, dangling itself, that begins
    with the very character the cut sentence ended on (OCR repeats it across the seam)."""
    last = _plain(elements[head_index].text)[-1]
    for j, element in enumerate(elements):
        if (
            j not in (head_index, head_index + 1)
            and element.kind is Kind.PARA
            and element.text.startswith(last)
            and _is_column_start(elements, j)
            and dangles(element)
        ):
            return j
    return None


def _find_orphan(elements: list[Element], head_index: int) -> int | None:
    """A fragment that starts mid-sentence (的早餐。) and that nothing before it continues into."""
    head = elements[head_index]
    for j, element in enumerate(elements):
        if j == head_index or element.kind is not Kind.PARA:
            continue
        if element.text[0] not in _NON_INITIAL or not _junction_ok(head, element):
            continue
        before = j - 1
        if before >= 0 and dangles(elements[before]) and _continues(elements[before], element):
            continue
        return j
    return None


def _run_end(elements: list[Element], start: int, limit: int) -> int:
    """End (exclusive) of the column block starting at start: up to the next title or label."""
    end = start + 1
    while end < limit:
        if elements[end].kind in (Kind.TITLE, Kind.LABEL):
            break
        end += 1
    return end


def repair(elements: list[Element], source: str) -> tuple[list[Element], list[Warning]]:
    """Join broken sentences and move scrambled fragments back; returns the mended elements
    (new objects: the classified ones are left as they were) and what was done."""
    elements = [_copy(e) for e in elements]
    warnings: list[Warning] = []
    i = 0
    while i < len(elements):
        head = elements[i]
        if not dangles(head):
            i += 1
            continue
        overlap = _find_overlap(elements, i)
        nxt = _next_text(elements, i)
        if overlap is not None:
            fragment = elements.pop(overlap)
            i = elements.index(head)
            warnings.append(_moved(source, [fragment], head))
            _join(head, fragment, overlap=True)
        elif nxt is not None and _continues(head, elements[nxt]):
            _join(head, elements.pop(nxt), overlap=False)
        else:
            orphan = _find_orphan(elements, i)
            if orphan is None:
                i += 1
                continue
            end = _run_end(elements, orphan, i if orphan < i else len(elements))
            block = elements[orphan:end]
            del elements[orphan:end]
            i = elements.index(head)
            elements[i + 1 : i + 1] = block[1:]
            warnings.append(_moved(source, block, head))
            displaced = _displaced(elements, i + len(block), source)
            if displaced:
                warnings.append(displaced)
            _join(head, block[0], overlap=False)
        # the joined paragraph may still end mid-sentence: look at it again
    return elements, warnings + _unmended(elements, source)


def _moved(source: str, block: list[Element], head: Element) -> Warning:
    first, last = block[0].first_line, block[-1].lines[-1]
    span = f"line {first}" if first == last else f"lines {first}–{last}"
    return Warning(
        source,
        first,
        "scramble-moved",
        f"{span} moved after line {head.lines[-1]}, whose sentence line {first} completes "
        "(suspected column scramble; check the order)",
    )


def _displaced(elements: list[Element], start: int, source: str) -> Warning | None:
    """The text that stood after a cut sentence whose continuation was elsewhere is a flow of
    its own; it stays in place, marked `displaced` (regroup finds where it belongs)."""
    run = []
    for index in range(start, len(elements)):
        element = elements[index]
        if element.kind in (Kind.TITLE, Kind.LABEL):
            break
        if element.kind in _TEXT_KINDS:
            elements[index] = element = replace(element, displaced=True)
            run.append(element)
    if not run:
        return None
    first, last = run[0].first_line, run[-1].lines[-1]
    return Warning(
        source,
        first,
        "suspected-scramble",
        f"lines {first}–{last} stood after a sentence that continues elsewhere; "
        "they may belong to another story (check where they go)",
    )


def _unmended(elements: list[Element], source: str) -> list[Warning]:
    warnings: list[Warning] = []
    for element in elements:
        if dangles(element):
            warnings.append(
                Warning(
                    source,
                    element.lines[-1],
                    "unrepaired-break",
                    f"sentence ends mid-way ('…{_plain(element.text)[-8:]}') and no "
                    "continuation was found",
                )
            )
        elif element.kind is Kind.PARA and (
            element.text[0] in _NON_INITIAL or _MID_SENTENCE_QUOTE.match(element.text)
        ):
            warnings.append(
                Warning(
                    source,
                    element.first_line,
                    "mid-sentence-start",
                    f"paragraph starts mid-sentence ('{element.text[:8]}…'); its beginning "
                    "is missing or elsewhere",
                )
            )
    return warnings
