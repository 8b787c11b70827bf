"""Convert the text of an HTML page and nothing else, leaving every other byte where it was.

The standard-library parser finds where tags are; the text between them and a few attribute
values are the only slices rewritten, so markup, URLs, ids, classes, inline styles (fonts) and
entities come out byte for byte. Not converted: `href`/`src` and every other attribute not
listed below, the contents of code-like elements, anything inside `translate="no"` or inside
an element whose `lang` says Simplified (`<a lang="zh-Hans">简体</a>` in the language switch).
Text runs separated only by inline tags (`发<a>布</a>`) are converted as one phrase; all runs of
a page go to OpenCC in one call, which matters more for speed than the parsing does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from .marks import NO_CONVERT_ATTRIBUTE, has_marks, split_marks

SKIPPED_ELEMENTS = frozenset({"code", "kbd", "pre", "samp", "script", "style", "textarea"})
# Text marked as Simplified on purpose (the 简体 of the language switch) stays Simplified.
SIMPLIFIED_LANGS = ("zh-hans", "zh-cn", "zh-sg")
CONVERTED_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
META_CONTENT_NAMES = frozenset(
    {
        "description",
        "keywords",
        "application-name",
        "og:title",
        "og:description",
        "og:site_name",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)
# Elements that do not end a phrase: text on both sides is read as one run.
INLINE_ELEMENTS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark"}
    | {"q", "s", "small", "span", "strong", "sub", "sup", "time", "u"}
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


@dataclass(frozen=True)
class Slot:
    """A slice of the page the converter may rewrite: a text run or an attribute value."""

    start: int
    end: int
    attribute: str | None  # None for text between tags
    joins_previous: bool  # text run that continues the previous one across inline tags


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.slots: list[Slot] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self._text_start: int | None = None
        self._glue = False  # only inline tags since the last text run
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _end_text(self, at: int, inline: bool) -> None:
        if self._text_start is not None:
            self.slots.append(Slot(self._text_start, at, None, self._glue))
            self._text_start, self._glue = None, True
        # A skipped element (code, a kept name) separates the text around it.
        self._glue = self._glue and inline and self._skip_tag is None

    def _text(self) -> None:
        if self._skip_tag is None and self._text_start is None:
            self._text_start = self._offset()

    handle_data = handle_entityref = handle_charref = lambda self, *_: self._text()

    def _other(self, *_args) -> None:
        self._end_text(self._offset(), inline=False)

    handle_comment = handle_decl = handle_pi = unknown_decl = _other

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, opens_region=tag not in VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, opens_region=False)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], opens_region: bool) -> None:
        at = self._offset()
        self._end_text(at, inline=tag in INLINE_ELEMENTS)
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag and opens_region
            return
        values = {name: value or "" for name, value in attrs}
        if (
            tag in SKIPPED_ELEMENTS
            or values.get(NO_CONVERT_ATTRIBUTE[0]) == NO_CONVERT_ATTRIBUTE[1]
            or (
                tag not in ("html", "body")  # the page's own language: whatever it says
                and values.get("lang", "").lower().startswith(SIMPLIFIED_LANGS)
            )
        ):
            if opens_region:
                self._skip_tag, self._skip_depth, self._glue = tag, 1, False
            return
        wanted = set(CONVERTED_ATTRIBUTES)
        if tag == "meta" and (values.get("name") or values.get("property", "")).lower() in (
            META_CONTENT_NAMES
        ):
            wanted.add("content")
        if wanted.isdisjoint(values):
            return
        raw = self.get_starttag_text() or ""
        head = _TAG_NAME.match(raw)
        for match in _ATTRIBUTE.finditer(raw, head.end() if head else 0):
            value = match.group(2)
            if value is None or match.group(1).lower() not in wanted:
                continue
            quoted = value[0] in "\"'"
            start = at + match.start(2) + quoted
            self.slots.append(Slot(start, start + len(value) - 2 * quoted, match.group(1), False))

    def handle_endtag(self, tag: str) -> None:
        self._end_text(self._offset(), inline=tag in INLINE_ELEMENTS)
        if tag == self._skip_tag:
            self._skip_depth -= 1
            if self._skip_depth == 0:
                self._skip_tag = None

    def finish(self) -> list[Slot]:
        self.feed(self.html)
        self.close()
        self._end_text(len(self.html), inline=False)
        return self.slots


def scan(html: str) -> list[Slot]:
    """Every slice of `html` that conversion may touch, in document order."""
    return _Scanner(html).finish()


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
