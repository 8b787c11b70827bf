"""Which `{{…}}` is an editor's no-convert mark, and which is text that happens to hold braces.

An editor marks a name by writing it right against the braces: `{{余敏}}`
(bulletin.hant.no_convert). A bulletin may also quote template syntax, `{{ SITENAME }}` or
`{{ article.title }}`, with spaces inside: that is text, shown with its braces in every
edition. So the site honours a mark only when its name touches both braces, and hides every
other brace from the conversion core (which would take any `{{…}}` for a mark) behind
private-use characters while it works.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

NAME_MARK = re.compile(r"\{\{(?![\s{}])[^{}\n]*[^\s{}]\}\}")
# Private-use characters: OpenCC passes them through, one for one.
_HIDDEN = {"{": "\ue000", "}": "\ue001"}
_SHOWN = {hidden: brace for brace, hidden in _HIDDEN.items()}


def hide_braces(text: str, keep_marks: bool = True) -> str:
    """Every brace that is not part of a name mark (every brace, with keep_marks=False)."""
    if "{" not in text and "}" not in text:
        return text
    if not keep_marks:
        return _hide(text)
    out, position = [], 0
    for match in NAME_MARK.finditer(text):
        out.append(_hide(text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_hide(text[position:]))
    return "".join(out)


def show_braces(text: str) -> str:
    if "\ue000" not in text and "\ue001" not in text:
        return text
    return "".join(_SHOWN.get(char, char) for char in text)


def around_literal_braces(process: Callable[[str], str]) -> Callable[[str], str]:
    """`process` (strip marks, convert) applied with literal braces kept out of its sight."""

    def run(text: str) -> str:
        return show_braces(process(hide_braces(text)))

    return run


def _hide(text: str) -> str:
    return text.replace("{", _HIDDEN["{"]).replace("}", _HIDDEN["}"])


def _literal_braces_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("{{", state.pos):
        return False
    if NAME_MARK.match(state.src, state.pos, state.posMax):
        return False  # a mark: bulletin.hant's no_convert rule renders it
    if not silent:
        state.pending += "{{"
    state.pos += 2
    return True


def literal_braces_plugin(md: MarkdownIt) -> None:
    """Run after `no_convert_plugin`: `{{ not a name }}` stays text."""
    md.inline.ruler.before("no_convert", "literal_braces", _literal_braces_rule)
