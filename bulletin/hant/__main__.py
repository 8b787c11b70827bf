"""Editors' tools: `python -m bulletin.hant review content/articles/<issue>/` and `convert`.

review PATH...   the review list (Markdown) for article files or folders of them
convert          convert standard input to an edition (default zh-hant) on standard output
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .converter import converter_for
from .edition_settings import HONG_KONG, TRADITIONAL
from .review import format_review, review_list

EDITIONS = {edition.code: edition for edition in (TRADITIONAL, HONG_KONG)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bulletin.hant", description=__doc__)
    parser.add_argument("command", choices=["review", "convert"])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--edition", choices=sorted(EDITIONS), default=TRADITIONAL.code)
    args = parser.parse_args(argv)
    converter = converter_for(EDITIONS[args.edition])
    if args.command == "convert":
        sys.stdout.write(converter.convert(sys.stdin.read()))
        return 0
    files = [
        file
        for path in args.paths
        for file in (sorted(path.glob("**/*.md")) if path.is_dir() else [path])
    ]
    if not files:
        parser.error("review needs article files or folders")
    for file in files:
        items = review_list(file.read_text(encoding="utf-8"), converter)
        sys.stdout.write(format_review(items, heading=f"{file} ({args.edition})") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
