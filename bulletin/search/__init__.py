"""Archive search: an index of immutable segments built here, scored and ranked in the browser.

The site calls one function per build:

    from bulletin.search import build_search
    build_search({"zh": hans_docs, "zh-hant": hant_docs}, output / "search", cache_dir=cache)

which writes ``search/<edition>/`` (the index of each edition: index.py, segments.py), and the
browser files ``search/lunr.min.js``, ``search/tokenize.js``, ``search/search.js`` and
``search/search-page.js``. The documents follow the contract in documents.py. With
``cache_dir`` a rebuild tokenizes only new or changed articles (cache.py). No Pelican import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bulletin.search.assets import copy_assets
from bulletin.search.documents import (
    SearchDocument,
    check_documents,
    documents_from_content,
    text_from_html,
    text_from_markdown,
)
from bulletin.search.foldmap import build_fold_map
from bulletin.search.index import EditionIndex, write_edition_index

__all__ = [
    "EditionIndex",
    "SearchDocument",
    "build_fold_map",
    "build_search",
    "check_documents",
    "copy_assets",
    "documents_from_content",
    "text_from_html",
    "text_from_markdown",
    "write_edition_index",
]


def searchable_texts(editions: Mapping[str, Sequence[Mapping]]):
    for documents in editions.values():
        for doc in documents:
            yield doc["title"]
            yield doc["subtitle"]
            yield doc["body"]
            yield doc["column"]
            yield " ".join(doc["districts"])


def build_search(
    editions: Mapping[str, Sequence[Mapping]],
    out_dir: Path,
    *,
    assets: bool = True,
    workers: int | None = None,
    cache_dir: Path | None = None,
    twins: Sequence[Path] = (),
) -> dict[str, EditionIndex]:
    """Write every edition's index under ``out_dir/<edition>/`` and the browser files beside.

    One fold map serves all editions, so a Traditional query finds Simplified text in either.
    Editions are built in parallel processes, one per core by default (``workers=1``: in turn).
    ``cache_dir``: where each edition keeps, in ``<cache_dir>/<edition>/``, what the next build
    reuses (only new or changed articles are tokenized again), and beside them the fold map
    (foldmap.build_fold_map); the output is the same without.
    ``twins``: index folders of editions built elsewhere (another process): a file there with
    the bytes one of these indexes needs is hard-linked instead of written.
    """
    for documents in editions.values():
        check_documents(documents)
    fold_file = cache_dir / f"fold-map-{'-'.join(sorted(editions))}.json" if cache_dir else None
    fold_map = build_fold_map(searchable_texts(editions), fold_file)
    workers = min(len(editions), workers or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                name: pool.submit(
                    write_edition_index,
                    list(documents),
                    out_dir / name,
                    fold_map,
                    cache_dir / name if cache_dir else None,
                    twins,
                )
                for name, documents in editions.items()
            }
            built = {name: future.result() for name, future in futures.items()}
    else:
        built = {
            name: write_edition_index(
                documents, out_dir / name, fold_map, cache_dir / name if cache_dir else None, twins
            )
            for name, documents in editions.items()
        }
    if assets:
        copy_assets(out_dir)
    return built
