"""Fixtures for the search tests: the seed archive in both scripts, built once, and a way to ask
the real browser code (js/search.js, run by Node) for results."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lunr.builder import Builder

from bulletin.search import build_search, documents_from_content
from bulletin.search.assets import LUNR_JS
from bulletin.search.documents import traditional_edition
from bulletin.search.index import FIELDS, field_text, sort_documents
from bulletin.search.tokenize import Tokenizer

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "js" / "harness.mjs"


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("the search tests run the browser code in Node: install Node.js 20+")
    if not LUNR_JS.exists():
        # A fresh clone has no node_modules: install exactly what package-lock.json pins.
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    return node


@pytest.fixture(scope="session")
def node() -> str:
    return _node()


def traditional(documents: list[dict]) -> list[dict]:
    """The Traditional edition as the site makes it (OpenCC s2tw), linked to its twins."""
    twins = traditional_edition(documents)
    for doc, twin in zip(documents, twins, strict=True):
        twin["alternate_url"] = doc["url"]
    return twins


@pytest.fixture(scope="session")
def seed_editions() -> dict[str, list[dict]]:
    hans = documents_from_content(ROOT / "content" / "articles")
    return {"zh": hans, "zh-hant": traditional(hans)}


@pytest.fixture(scope="session")
def built_search(tmp_path_factory, seed_editions, node) -> Path:
    out = tmp_path_factory.mktemp("search")
    build_search(seed_editions, out)
    return out


@pytest.fixture(scope="session")
def seeds_in_segments(tmp_path_factory, seed_editions, node) -> Path:
    """The seed archive's index cut into several segments: merged only when four of a tier
    are there (the site's policy merges the seeds' eight issues into one segment)."""
    from bulletin.search import segments

    out = tmp_path_factory.mktemp("segmented")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segments, "MERGE_COUNT", 4)
        patch.setattr(segments, "TIER_FACTOR", 4)
        build_search(seed_editions, out, assets=False)
    return out


def lunr_py_builder(docs: list, fold: str) -> Builder:
    """lunr.py's Builder fed with every article's tokens (tokenize.py), numbered as the index
    numbers them: the reference the index is checked against."""
    fold_chars = list(fold)
    tokenizer = Tokenizer(dict(zip(fold_chars[0::2], fold_chars[1::2], strict=True)))
    builder = Builder()
    builder.ref("number")
    for field, boost in FIELDS:
        builder.field(field, boost=boost)
    for number, doc in enumerate(sort_documents(docs)):
        tokenized = {f: " ".join(tokenizer.tokens(field_text(doc, f))) for f, _ in FIELDS}
        builder.add({"number": number, **tokenized})
    return builder


def run_queries(
    node: str, index: Path, queries: list[dict], page_size: int = 10, lunr_top: int | None = None
) -> list[dict]:
    request = {"index": str(index), "pageSize": page_size, "queries": queries}
    if lunr_top:
        request["lunrTop"] = lunr_top
    done = subprocess.run(
        [node, str(HARNESS)],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="session")
def ask(node, built_search):
    """ask(edition, [query dicts]) -> the harness's answers."""

    def _ask(
        edition: str, queries: list[dict], page_size: int = 10, lunr_top: int | None = None
    ) -> list[dict]:
        return run_queries(node, built_search / edition, queries, page_size, lunr_top)

    return _ask
