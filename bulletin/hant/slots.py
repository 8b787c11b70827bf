"""Where a page's convertible text is: the text between tags and a few attribute values.

The standard library's html.parser says what is a tag. Walking a page with it costs more than the
rest of a page's conversion (bench/hant_bench.py measures both); so a page is first read with one
regular expression that knows the plain, well-formed markup this site generates, and anything it is
not sure of (`<![CDATA[`, `</ p>`, an unquoted value with a quote in it, a tag cut off) sends the
whole page to html.parser instead. Tests check that both readers find the same slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from .no_convert import NO_CONVERT_ATTRIBUTE

SKIPPED_ELEMENTS = frozenset({"code", "kbd", "pre", "samp", "script", "style", "textarea"})
# Text marked as Simplified on purpose (the 简体 of the language switch) stays Simplified.
SIMPLIFIED_LANGS = ("zh-hans", "zh-cn", "zh-sg")
CONVERTED_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
META_CONTENT_NAMES = frozenset(
    {"description", "keywords", "application-name", "og:title", "og:description"}
    | {"og:site_name", "og:image:alt", "twitter:title", "twitter:description"}
    | {"twitter:image:alt"}
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
RAW_TEXT_ELEMENTS = ("script", "style")  # html.parser's CDATA_CONTENT_ELEMENTS

_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_NAME = re.compile(r"<[^\s/>]+")
# The fast reader's tokens, by the character after "<"; anything else there is text.
_START_TAG = re.compile(
    r"""<([A-Za-z][^\t\n\r\f />\x00]*)
    ((?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)
    \s*(/?)>""",
    re.X,
)
_END_TAG = re.compile(r"</([A-Za-z][-.A-Za-z0-9:_]*)\s*>")
_OTHER = {"!": re.compile(r"<!--.*?--\s*>|<![A-Za-z][^>]*>", re.S), "?": re.compile(r"<\?[^>]*>")}
# Attributes that change what is converted; a tag with none of them needs no closer look.
_MATTERS = re.compile(r"(?:translate|lang|alt|title|aria-label|placeholder|content)\s*=", re.I)


@dataclass(frozen=True)
class Slot:
    """A slice of the page the converter may rewrite: a text run or an attribute value."""

    start: int
    end: int
    attribute: str | None  # None for text between tags
    joins_previous: bool  # text run that continues the previous one across inline tags


class _Unsure(Exception):
    """The fast reader met markup it does not know; html.parser reads the page."""


class _SlotFinder:
    """What both readers share: which text is converted and where phrases may run on."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.slots: list[Slot] = []
        self._text_start: int | None = None
        self._glue = False  # only inline tags since the last text run
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def text(self, at: int) -> None:
        if self._skip_tag is None and self._text_start is None:
            self._text_start = at

    def other(self, at: int) -> None:
        self._end_text(at, inline=False)

    def _end_text(self, at: int, inline: bool) -> None:
        if self._text_start is not None:
            if self.html[self._text_start : at].isascii():
                # nothing to convert (most runs: the whitespace between tags); no OpenCC
                # phrase spans ASCII, so it ends a phrase like a block tag does
                self._text_start, self._glue = None, False
                return
            self.slots.append(Slot(self._text_start, at, None, self._glue))
            self._text_start, self._glue = None, True
        # A skipped element (code, a kept name) separates the text around it.
        self._glue = self._glue and inline and self._skip_tag is None

    def start(self, at: int, tag: str, attrs: dict[str, str], raw: str, opens: bool) -> None:
        self._end_text(at, inline=tag in INLINE_ELEMENTS)
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag and opens
            return
        if _skipped(tag, attrs):
            if opens:
                self._skip_tag, self._skip_depth, self._glue = tag, 1, False
            return
        wanted = CONVERTED_ATTRIBUTES
        if tag == "meta" and (attrs.get("name") or attrs.get("property", "")).lower() in (
            META_CONTENT_NAMES
        ):
            wanted = wanted | {"content"}
        if wanted.isdisjoint(attrs):
            return
        head = _TAG_NAME.match(raw)
        for match in _ATTRIBUTE.finditer(raw, head.end() if head else 0):
            value = match.group(2)
            if value is None or match.group(1).lower() not in wanted:
                continue
            quoted = value[0] in "\"'"
            begin = at + match.start(2) + quoted
            self.slots.append(Slot(begin, begin + len(value) - 2 * quoted, match.group(1), False))

    def end(self, at: int, tag: str) -> None:
        self._end_text(at, inline=tag in INLINE_ELEMENTS)
        if tag == self._skip_tag:
            self._skip_depth -= 1
            if self._skip_depth == 0:
                self._skip_tag = None

    def finish(self, length: int) -> list[Slot]:
        self._end_text(length, inline=False)
        return self.slots


def _skipped(tag: str, attrs: dict[str, str]) -> bool:
    if tag in SKIPPED_ELEMENTS or attrs.get(NO_CONVERT_ATTRIBUTE[0]) == NO_CONVERT_ATTRIBUTE[1]:
        return True
    # <html lang> and <body lang> are the page's own language, whatever the template says
    return tag not in ("html", "body") and attrs.get("lang", "").lower().startswith(
        SIMPLIFIED_LANGS
    )


def scan(html: str) -> list[Slot]:
    """Every slice of `html` that conversion may touch, in document order."""
    try:
        return _scan_fast(html)
    except _Unsure:
        return scan_with_html_parser(html)


def _scan_fast(html: str) -> list[Slot]:
    finder = _SlotFinder(html)
    position, length = 0, len(html)
    while position < length:
        opening = html.find("<", position)
        if opening < 0:
            finder.text(position)
            break
        if opening > position:
            finder.text(position)
        after = html[opening + 1 : opening + 2]
        if after.isascii() and after.isalpha():
            token = _START_TAG.match(html, opening)
            if token is None:
                raise _Unsure(opening)
            position = token.end()
            tag, attributes, slash = token.groups()
            tag = tag.lower()
            attrs = _attributes(attributes) if _MATTERS.search(attributes) else {}
            opens = not slash and tag not in VOID_ELEMENTS
            finder.start(opening, tag, attrs, token.group(0), opens)
            if tag in RAW_TEXT_ELEMENTS and not slash:
                position = _raw_text_end(html, tag, position, finder)
        elif after == "/":
            token = _END_TAG.match(html, opening)
            if token is None:
                raise _Unsure(opening)
            position = token.end()
            finder.end(opening, token.group(1).lower())
        elif after in _OTHER:
            token = _OTHER[after].match(html, opening)
            if token is None:
                raise _Unsure(opening)
            position = token.end()
            finder.other(opening)
        elif after:
            finder.text(opening)  # a lone "<" is text, as html.parser reads it
            position = opening + 1
        else:
            raise _Unsure(opening)  # "<" at the very end
    return finder.finish(length)


def _attributes(text: str) -> dict[str, str]:
    """Names lower-cased, values unquoted and unescaped, as html.parser reports them."""
    attrs = {}
    for match in _ATTRIBUTE.finditer(text):
        value = match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attrs.setdefault(match.group(1).lower(), unescape(value))
    return attrs


def _raw_text_end(html: str, tag: str, position: int, finder: _SlotFinder) -> int:
    """Skip a script or style body the way html.parser does: up to its end tag, unparsed."""
    closing = re.compile(rf"</\s*{tag}\s*>", re.I).search(html, position)
    if closing is None:
        return len(html)  # html.parser swallows an unclosed script to the end as well
    finder.end(closing.start(), tag)
    return closing.end()


class _ParserReader(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.finder = _SlotFinder(html)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]

    def _at(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _text(self, *_args) -> None:
        self.finder.text(self._at())

    def _other(self, *_args) -> None:
        self.finder.other(self._at())

    handle_data = handle_entityref = handle_charref = _text
    handle_comment = handle_decl = handle_pi = unknown_decl = _other

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, opens=tag not in VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, opens=False)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], opens: bool) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")  # the first of a repeated attribute counts
        self.finder.start(self._at(), tag, values, self.get_starttag_text() or "", opens)

    def handle_endtag(self, tag: str) -> None:
        self.finder.end(self._at(), tag)


def scan_with_html_parser(html: str) -> list[Slot]:
    """The reference reader; `scan` gives the same slots, faster, on the markup it knows."""
    reader = _ParserReader(html)
    reader.feed(html)
    reader.close()
    return reader.finder.finish(len(html))
