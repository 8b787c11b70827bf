"""Converters for the two Traditional editions, built once per test session in a temp cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.hant import HONG_KONG, TRADITIONAL, EditionConverter, converter_for

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
ARTICLES = sorted((ROOT / "content" / "articles").glob("**/*.md"))


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("opencc-cache")


@pytest.fixture(scope="session")
def tw(cache_dir: Path) -> EditionConverter:
    return converter_for(TRADITIONAL, GLOSSARY, cache_dir)


@pytest.fixture(scope="session")
def hk(cache_dir: Path) -> EditionConverter:
    return converter_for(HONG_KONG, GLOSSARY, cache_dir)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in ARTICLES)
