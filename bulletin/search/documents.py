"""What the search index is built from: one plain dict per article and edition.

The site hands ``build_search`` a list of these for each edition (the Traditional edition's dicts
hold the converted text and that edition's URLs; ``id`` is the same in both editions).

    {
        "id": "003-960ec6b5d8572fdb-01",       # stable key, the article slug
        "url": "/zh-hant/articles/.../",       # this edition's URL of the article
        "alternate_url": "/articles/.../",     # optional: the twin in the other edition
        "title": "…", "subtitle": "",           # subtitle "" when there is none
        "body": "…",                            # plain text, no Markdown or HTML markup
        "column": "渝工港湾",                    # column name as this edition prints it
        "districts": ["沙坪坝区"],               # district names as this edition prints them
        "date": "2024-09-23",                   # ISO date; "year" must agree with it
        "year": 2024,
        "issue_date": "2024-09-25",             # optional: the date of the issue it came out in
    }

Articles are numbered in publication order (issue date, then date, then id; an article without
``issue_date`` counts as published on its own date), so a new issue's articles come last and
the index's published segments keep their numbers (segments.py).

``text_from_markdown`` and ``text_from_html`` turn an article body into the plain text wanted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from bulletin.render import split_header


class SearchDocument(TypedDict):
    id: str
    url: str
    title: str
    subtitle: str
    body: str
    column: str
    districts: list[str]
    date: str
    year: int
    alternate_url: NotRequired[str]
    issue_date: NotRequired[str]


REQUIRED_FIELDS = ("id", "url", "title", "subtitle", "body", "column", "districts", "date", "year")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DocumentError(ValueError):
    """A document handed to the index does not follow the contract above."""


def check_documents(documents: Iterable[Mapping[str, Any]]) -> list[SearchDocument]:
    """Validate the contract early, with a message naming the article, not deep in the build."""
    checked: list[SearchDocument] = []
    seen: set[str] = set()
    for doc in documents:
        name = doc.get("id", "<no id>")
        missing = [field for field in REQUIRED_FIELDS if field not in doc]
        if missing:
            raise DocumentError(f"search document {name}: missing {', '.join(missing)}")
        if doc["id"] in seen:
            raise DocumentError(f"search document {name}: id used twice")
        seen.add(doc["id"])
        if not _ISO_DATE.fullmatch(str(doc["date"])):
            raise DocumentError(f"search document {name}: date {doc['date']!r} is not YYYY-MM-DD")
        if doc.get("issue_date") is not None and not _ISO_DATE.fullmatch(str(doc["issue_date"])):
            raise DocumentError(
                f"search document {name}: issue_date {doc['issue_date']!r} is not YYYY-MM-DD"
            )
        if int(doc["year"]) != int(str(doc["date"])[:4]):
            raise DocumentError(f"search document {name}: year {doc['year']} != {doc['date']}")
        if isinstance(doc["districts"], str):
            raise DocumentError(f"search document {name}: districts must be a list of names")
        checked.append(doc)  # type: ignore[arg-type]
    return checked


_CONTAINER_FENCE = re.compile(r"^\s*:::.*$", re.MULTILINE)
_MARKDOWN_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_INLINE_MARKS = re.compile(r"[*_`]+|!?\[([^\]]*)\]\([^)]*\)")


def text_from_markdown(markdown: str) -> str:
    """Plain text of an article body: container fences, headings marks and emphasis dropped."""
    text = _CONTAINER_FENCE.sub("", markdown)
    text = _MARKDOWN_MARKS.sub("", text)
    text = _INLINE_MARKS.sub(lambda m: m.group(1) or "", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


class _TextCollector(HTMLParser):
    BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_from_html(html: str) -> str:
    """Plain text of rendered article HTML (what a Pelican plugin has at hand)."""
    if _NEEDS_PARSER.search(html):
        collector = _TextCollector()
        collector.feed(html)
        collector.close()
        text = "".join(collector.parts)
    else:
        text = _text_of_plain_markup(html)
    return _BLANK_LINES.sub("\n\n", text).strip()


_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)*")
# What only HTMLParser reads right: comments, declarations, processing instructions, CDATA,
# and script or style contents (data, not markup), and a tag left open at the end.
_NEEDS_PARSER = re.compile(
    r"<[!?]|</?(?:script|style)\b|</[^a-zA-Z]|<[a-zA-Z/][^>]*$", re.IGNORECASE
)
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")


def _text_of_plain_markup(html: str) -> str:
    """What _TextCollector gathers, for the markup our renderer writes, at a tenth of the cost
    (the site extracts the text of every article of both editions on every full build):
    text between tags, its character references resolved, a blank line at a block's start."""
    parts: list[str] = []
    position = 0
    for tag in _TAG.finditer(html):
        if tag.start() > position:
            parts.append(unescape(html[position : tag.start()]))
        if not tag.group(1) and tag.group(2).lower() in _TextCollector.BLOCKS:
            parts.append("\n\n")
        position = tag.end()
    parts.append(unescape(html[position:]))
    return "".join(parts)


def traditional_edition(docs: Iterable[SearchDocument]) -> list[SearchDocument]:
    """The Traditional edition of Simplified documents as the site makes it (OpenCC s2tw), with
    the Traditional edition's URLs; for tests and the benchmark (the site converts articles)."""
    import opencc

    convert = opencc.OpenCC("s2tw").convert
    twins = []
    for doc in docs:
        twin = dict(doc)
        for name in ("title", "subtitle", "body", "column"):
            twin[name] = convert(doc[name])
        twin["districts"] = [convert(d) for d in doc["districts"]]
        twin["url"] = "/zh-hant" + doc["url"]
        twins.append(twin)
    return twins  # type: ignore[return-value]


def documents_from_content(articles_dir: Path, url_prefix: str = "/") -> list[SearchDocument]:
    """Search documents of the Simplified archive straight from content/articles/**/*.md.

    For tests and the benchmark; the site builds its documents from Pelican's articles so that
    URLs and the Traditional edition come from one place.
    """
    documents: list[SearchDocument] = []
    for path in sorted(articles_dir.glob("**/*.md")):
        header, body = split_header(path.read_text(encoding="utf-8"))
        meta = dict(header)
        slug = meta.get("slug", path.stem)
        date = meta.get("date", "1970-01-01")[:10]
        districts = [d.strip() for d in meta.get("tags", "").split(",") if d.strip()]
        document = SearchDocument(
            id=slug,
            url=f"{url_prefix}articles/{slug}/",
            title=meta.get("title", ""),
            subtitle=" ".join(p for p in (meta.get("kicker"), meta.get("subtitle")) if p),
            body=text_from_markdown(body),
            column=meta.get("category", ""),
            districts=districts,
            date=date,
            year=int(date[:4]),
        )
        if meta.get("issue_date"):
            document["issue_date"] = meta["issue_date"][:10]
        documents.append(document)
    return documents
