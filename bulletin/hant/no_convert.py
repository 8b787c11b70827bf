"""The no-convert mark: `{{余敏}}` keeps a name exactly as written in every edition.

Editors type two ASCII braces on each side (switch the input method to English, as for `##`).
The braces never reach a reader:
- in Markdown bodies, `no_convert_plugin` renders the mark as `<span translate="no">余敏</span>`
  (invisible; `translate="no"` also tells browser translators to leave the name alone), and the
  HTML converter skips every `translate="no"` element;
- in plain text (titles, summaries, tags) and in HTML text the plugin did not see, the converter
  drops the braces and leaves the inside unconverted; the master edition calls
  `strip_no_convert_marks` for the same text.
A mark stays on one line and holds no braces. `\\{{` in Markdown prints literal braces.
Limits: inside an image description (`![…](…)`) the mark is dropped and the name converted
(use the glossary there); CommonMark does not see `**{{余敏}}**说` as bold (a closing `**`
between punctuation and a CJK character never closes, as with `**“…”**说`): write
`{{余敏}}` outside the bold or add a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

NO_CONVERT_ATTRIBUTE = ("translate", "no")
_MARK = re.compile(r"\{\{([^{}\n]+)\}\}")


def has_marks(text: str) -> bool:
    return "{{" in text


def split_marks(text: str) -> Iterator[tuple[str, bool]]:
    """(piece, keep) pairs: keep=True for a marked name (braces removed), in text order."""
    position = 0
    for match in _MARK.finditer(text):
        if match.start() > position:
            yield text[position : match.start()], False
        yield match.group(1), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


def strip_no_convert_marks(text: str) -> str:
    """The text as readers of the master edition see it: the braces gone, the name kept."""
    if not has_marks(text):
        return text
    return _MARK.sub(lambda match: match.group(1), text)


def no_convert_phrases(text: str) -> set[str]:
    """Every marked name in an article, for the leftover check on pages that show it plainly."""
    return {match.group(1) for match in _MARK.finditer(text)}


def kept_ranges(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without braces, and where the marked names sit in it."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    for piece, keep in split_marks(text):
        if keep:
            ranges.append((length, length + len(piece)))
        plain.append(piece)
        length += len(piece)
    return "".join(plain), ranges


def _no_convert_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{", state.pos):
        return False
    match = _MARK.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        opening = state.push("no_convert_open", "span", 1)
        opening.attrs = {NO_CONVERT_ATTRIBUTE[0]: NO_CONVERT_ATTRIBUTE[1]}
        state.push("text", "", 0).content = match.group(1)
        state.push("no_convert_close", "span", -1)
    state.pos = match.end()
    return True


def no_convert_plugin(md: MarkdownIt) -> None:
    """`md.use(no_convert_plugin)`: render `{{name}}` as `<span translate="no">name</span>`."""
    md.inline.ruler.before("text", "no_convert", _no_convert_rule)
