"""Convert the text of an HTML page and nothing else, leaving every other byte where it was.

`slots.scan` finds where the text is; the text between tags and a few attribute values
(slots.CONVERTED_ATTRIBUTES, meta descriptions and titles) are the only slices rewritten, so
markup, URLs, ids, classes, inline styles (fonts) and entities come out byte for byte. Not
converted: `href`/`src` and every other attribute, the contents of code-like elements, anything
inside `translate="no"` or inside an element whose `lang` says Simplified
(`<a lang="zh-Hans">简体</a>` in the language switch).
Text runs separated only by inline tags (`发<a>布</a>`) are converted as one phrase; all runs of
a page go to OpenCC in one call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .no_convert import has_marks, split_marks
from .slots import Slot, scan


def convert_html(html: str, convert_batch: Callable[[list[str], list[bool]], list[str]]) -> str:
    """Rewrite the convertible slices of `html`; `convert_batch` converts many texts at once.

    Marked names (`{{余敏}}`) in a slice lose their braces and stay as they are.
    """
    slots = scan(html)
    out: list[str] = []
    position = 0
    for slot, text in zip(slots, convert_slots(html, slots, convert_batch), strict=True):
        out.append(html[position : slot.start])
        out.append(text)
        position = slot.end
    out.append(html[position:])
    return "".join(out)


def convert_slots(
    html: str, slots: list[Slot], convert_batch: Callable[[list[str], list[bool]], list[str]]
) -> list[str]:
    """Each slot's converted text, marks' braces dropped; all in one `convert_batch` call."""
    layouts = [_layout(html[slot.start : slot.end]) for slot in slots]
    # Text first, in reading order, so an attribute value never sits between two runs of one
    # phrase (头<abbr title="…">发</abbr>); then every attribute value on its own.
    texts: list[str] = []
    joins: list[bool] = []
    owners: list[tuple[int, int]] = []  # (slot, piece) of each text sent
    for attributes in (False, True):
        previous_kept = True
        for number, (slot, layout) in enumerate(zip(slots, layouts, strict=True)):
            if (slot.attribute is not None) != attributes:
                continue
            for index, (text, keep) in enumerate(layout):
                if not keep:
                    glued = slot.joins_previous and index == 0 and not previous_kept
                    texts.append(text)
                    joins.append(glued and not attributes)
                    owners.append((number, index))
                previous_kept = keep
    converted = dict(zip(owners, convert_batch(texts, joins), strict=True)) if texts else {}
    return [
        "".join(
            text if keep else converted[number, index] for index, (text, keep) in enumerate(layout)
        )
        for number, layout in enumerate(layouts)
    ]


def _layout(text: str) -> list[tuple[str, bool]]:
    return list(split_marks(text)) if has_marks(text) else [(text, False)]


def joined_conversion(
    convert: Callable[[str], str], pieces: Iterable[str], joins: Iterable[bool]
) -> list[str]:
    """Convert many pieces in one call: glued pieces share context, others are cut by a newline.

    No OpenCC dictionary key contains a newline, so no phrase can span two separate pieces.
    ASCII-only pieces (the whitespace between tags, most of a page) are not sent at all.
    Splitting the result back needs as many characters out as in; otherwise (a config that
    rewrites vocabulary) each piece is converted on its own.
    """
    pieces = list(pieces)
    sent: list[tuple[int, int]] = []  # (piece index, where it starts in the stream)
    parts: list[str] = []
    length = 0
    glued = False
    for index, (text, joined) in enumerate(zip(pieces, joins, strict=True)):
        if text.isascii():
            glued = False  # no OpenCC phrase spans ASCII text anyway
            continue
        if parts and not (joined and glued):
            parts.append("\n")
            length += 1
        sent.append((index, length))
        parts.append(text)
        length += len(text)
        glued = True
    stream = "".join(parts)
    result = convert(stream) if stream else stream
    out = list(pieces)
    exact = len(result) == len(stream)
    for index, start in sent:
        text = pieces[index]
        out[index] = result[start : start + len(text)] if exact else convert(text)
    return out
