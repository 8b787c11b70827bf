"""Articles -> Markdown files with a Pelican metadata header.

Body conventions (rendered by the markdown-it reader in plugins/):
  ## subhead            an in-story subhead
  - item                a ◆ news brief
  ::: lede ... :::      ◎ lede points
  ::: figure ... :::    a photo caption left where the photo was
  | a | b |             a table that was flattened into lines
Credits are metadata (Authors, Photographers), not body text. Raw text is escaped so it is
always shown as text, never read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .article import Article
from .model import Element, Kind

# Line starts that Markdown would read as structure; raw bulletin text must not become markup.
_BLOCK_START = re.compile(r"^(?:#|>|[-+*](?:\s|$)|:::|=+\s*$|\||```|~~~)")
# "1. " would start an ordered list; a backslash before a digit is no escape, so escape the dot.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_SPACES = re.compile(r"[ \t]+")


def escape_block(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    text = text.replace("\\", "\\\\")
    text = text.replace("<", "&lt;")
    if _BLOCK_START.match(text):
        text = "\\" + text
    return _ORDERED.sub(r"\1\\\2", text)


def meta_value(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def line_ranges(numbers: Iterable[int], slack: int = 4) -> str:
    """1,3,5,9 -> '1-9' (blank lines between paragraphs do not split a run)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and 0 < n - runs[-1][1] <= slack:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(f"{a}-{b}" if a != b else f"{a}" for a, b in runs)


def _container(name: str, texts: list[str]) -> str:
    inner = "\n\n".join(escape_block(t) for t in texts)
    return f"::: {name}\n{inner}\n:::"


def _table(rows: list[str]) -> str:
    """Rows of cells split by spaces -> a Markdown table, the first row its header."""
    cells = [[escape_block(c).replace("|", "\\|") for c in row.split()] for row in rows]
    width = max(len(row) for row in cells)
    lines = [f"| {' | '.join(row + [''] * (width - len(row)))} |" for row in cells]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def body_markdown(elements: list[Element]) -> str:
    blocks: list[str] = []
    i = 0
    while i < len(elements):
        element = elements[i]
        kind = element.kind
        if kind is Kind.TABLE:
            rows = []
            while i < len(elements) and elements[i].kind is Kind.TABLE:
                rows.append(elements[i].text)
                i += 1
            blocks.append(_table(rows))
            continue
        if kind in (Kind.BRIEF, Kind.POINT):
            run = []
            while i < len(elements) and elements[i].kind is kind:
                run.append(elements[i].text)
                i += 1
            if kind is Kind.BRIEF:
                blocks.append("\n".join(f"- {escape_block(t)}" for t in run))
            else:
                blocks.append(_container("lede", run))
            continue
        if kind is Kind.SUBHEAD:
            blocks.append(f"## {escape_block(element.text).lstrip(chr(92))}")
        elif kind is Kind.CAPTION:
            blocks.append(_container("figure", [element.text]))
        elif kind in (Kind.BYLINE, Kind.JUMP):
            pass  # credits are metadata; jump lines only join a story's parts
        else:
            blocks.append(escape_block(element.text))
        i += 1
    return "\n\n".join(blocks)


def article_markdown(article: Article, meta: dict[str, str]) -> str:
    """The whole file: metadata header, blank line, body; ends with one newline."""
    story = article.story
    header: dict[str, str] = {
        "Kicker": story.kicker or "",
        "Title": article.title,
        "Subtitle": story.subtitle or "",
        "Date": article.date.isoformat(),
        "Date_estimated": article.date_estimated or "",
        "Category": story.section,
        "Tags": ", ".join(article.districts),
        "Partners": ", ".join(article.partners),
        "Authors": ", ".join(article.authors),
        "Photographers": ", ".join(article.photographers),
        "Summary": article.summary,
        "Slug": article.slug,
        "Order": str(article.order),
        **meta,
        "Review": " | ".join(article.review),
    }
    lines = [f"{key}: {meta_value(value)}" for key, value in header.items() if value]
    body = body_markdown(story.body)
    return "\n".join(lines) + "\n\n" + (body + "\n" if body else "")
