"""Markdown -> HTML with markdown-it-py, for bulletin articles (no Pelican import).

Raw HTML in article text is shown as text, never executed (html=False). A newline inside a
Chinese paragraph would render as a visible space, so soft breaks between CJK text vanish.
A name an editor marks `{{余敏}}` renders as `<span translate="no">余敏</span>`: every edition
shows it as written (bulletin.hant.no_convert); braces around anything else (`{{ SITENAME }}`)
are text (bulletin.text.braces).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin

from bulletin.cache_keys import code_fingerprint, text_key
from bulletin.hant.no_convert import no_convert_plugin
from bulletin.text.braces import literal_braces_plugin

_CJK_EDGE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]")
CONTAINERS = ("lede", "figure", "byline")
# Control characters XML 1.0 cannot carry, even as references: one pasted into a body stopped the
# build at the feeds. A browser shows none of them, so they are dropped; tab, LF and CR stay.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _render_figure(self, tokens, idx, _options, _env) -> str:
    return (
        '<figure class="photo">\n<figcaption>\n'
        if tokens[idx].nesting == 1
        else ("</figcaption>\n</figure>\n")
    )


def _softbreak(self, tokens, idx, options, env) -> str:
    before = tokens[idx - 1].content[-1:] if idx > 0 else ""
    after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
    if _CJK_EDGE.match(before) or _CJK_EDGE.match(after):
        return ""
    return "\n"


@lru_cache(maxsize=1)
def markdown_renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    for name in CONTAINERS:
        kwargs = {"render": _render_figure} if name == "figure" else {}
        md.use(container_plugin, name=name, **kwargs)
    md.add_render_rule("softbreak", _softbreak)
    md.use(no_convert_plugin)
    md.use(literal_braces_plugin)
    return md


def markdown_to_html(text: str) -> str:
    return markdown_renderer().render(_UNPRINTABLE.sub("", text))


# Bodies are rendered once, by the ingest (on every core), into `<cache>/markdown.pickle`; each
# edition's reader takes them from there and renders only what an editor changed since.
RENDERED_FILE = "markdown.pickle"
MARKDOWN_IT = version("markdown-it-py")


def rendered_key(body: str) -> str:
    return text_key(code_fingerprint(), MARKDOWN_IT, body)


def rendered_file(cache_dir: Path) -> Path:
    return Path(cache_dir) / RENDERED_FILE


def split_header(text: str) -> tuple[list[tuple[str, str]], str]:
    """Split 'Key: value' header lines (up to the first blank line) from the body."""
    header: list[tuple[str, str]] = []
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key.strip()):
            return header, "\n".join(lines[index:])
        header.append((key.strip().lower(), value.strip()))
    else:
        index = len(lines)
    return header, "\n".join(lines[index + 1 :])


def bulletin_field(key: str, value: str) -> object:
    """Type the bulletin's own header fields (Pelican types its own: date, tags, category ...).

    Order is an int so issues sort 2 before 10; Issue_date a date; Partners a list of names;
    Summary becomes HTML-escaped text, because Pelican (feeds included) treats a summary as HTML.
    A value that does not parse stays text, so a typo never loses the field.
    """
    if key == "summary":
        return html.escape(value, quote=False)
    if key == "order":
        return int(value) if value.strip().isdigit() else value
    if key == "issue_date":
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if key == "partners":
        return [name.strip() for name in re.split(r"[,，、;；]", value) if name.strip()]
    return value


BULLETIN_FIELDS = frozenset({"order", "issue_date", "partners", "summary"})
