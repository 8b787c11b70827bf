"""Builds for the edition tests, each once per session:

- `editions_site`: the committed seed archive with pelicanconf.py as it is (Simplified at /,
  Traditional at /zh-hant/), the editors' review list written beside it;
- `three_editions`: a small archive written to provoke the conversion (glossary fixes, marks,
  template syntax), with the Hong Kong edition added: one more EDITIONS entry;
- `seed_with_hong_kong`: the seed archive with the Hong Kong edition enabled as
  pelicanconf.py's commented entry would enable it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site.conftest import PUBLIC, ROOT, Site, build, read_page, read_stories

TRADITIONAL = {
    "code": "zh-hant",
    "hreflang": "zh-Hant",
    "path": "zh-hant/",
    "name": "繁體",
    "opencc": "s2tw",
}
HONG_KONG = {
    "code": "zh-hant-hk",
    "hreflang": "zh-Hant-HK",
    "path": "zh-hant-hk/",
    "name": "繁體（香港）",
    "opencc": "s2hk",
}
MASTER = {"code": "zh-hans", "hreflang": "zh-Hans", "path": "", "name": "简体"}

# One story full of what conversion gets wrong, a mark in its title, body and summary, and
# template syntax that must stay text.
PROVOKING = """Title: 工会{{余华}}说明后续安排
Subtitle: 余先生被发放慰问金
Summary: 学习了如何点赞{{余华}}
Date: 2024-03-01
Category: 渝工港湾
Tags: 渝北区
Partners: 成都
Slug: zz-edition-01
Order: 1
Issue: zz-edition
Issue_date: 2024-03-09

副主席余敏、余先生和范某某被发放慰问品。大家学习了如何点赞，其余敏感信息不公开。

{{余华}}说，范围扩大到300余人次。头发、里程碑、松林社区、一只、了如指掌、周末、为了。

模板语法 {{ SITENAME }} 和 {% include 'x' %} 照原样显示。
"""
PLAIN = """Title: 制造业集群发布后续
Date: 2024-03-02
Category: 工会之窗
Tags: 渝北区, 万州区
Slug: zz-edition-02
Order: 2
Issue: zz-edition
Issue_date: 2024-03-09

干部们游巴蜀，吃中式面点，只需要一个平台。
"""


def _review_and_cache(work: Path) -> dict:
    return {
        "BULLETIN_REVIEW_PATH": str(work / "reports" / "review-{edition}.md"),
        "CACHE_PATH": str(work / "cache"),
    }


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory) -> Site:
    work = tmp_path_factory.mktemp("editions")
    return Site(build(work / "output", **_review_and_cache(work)), ("zh-hant/",))


@pytest.fixture(scope="session")
def editions_work(editions_site) -> Path:
    """Where the seed build's reports and caches are."""
    return editions_site.root.parent


@pytest.fixture(scope="session")
def provoking_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("provoking") / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    folder = content / "articles" / "zz-edition"
    folder.mkdir(parents=True)
    (folder / "zz-edition-01.md").write_text(PROVOKING, encoding="utf-8")
    (folder / "zz-edition-02.md").write_text(PLAIN, encoding="utf-8")
    return content


@pytest.fixture(scope="session")
def three_editions(tmp_path_factory, provoking_content) -> Site:
    work = tmp_path_factory.mktemp("three")
    output = build(
        work / "output",
        PATH=str(provoking_content),
        EDITIONS=[MASTER, TRADITIONAL, HONG_KONG],
        **_review_and_cache(work),
    )
    return Site(output, ("zh-hant/", "zh-hant-hk/"))


@pytest.fixture(scope="session")
def seed_with_hong_kong(tmp_path_factory) -> Site:
    work = tmp_path_factory.mktemp("seed-hong-kong")
    output = build(
        work / "output", EDITIONS=[MASTER, TRADITIONAL, HONG_KONG], **_review_and_cache(work)
    )
    return Site(output, ("zh-hant/", "zh-hant-hk/"))


@pytest.fixture(scope="session")
def stories():
    return read_stories()


@pytest.fixture(scope="session")
def public() -> str:
    return PUBLIC


@pytest.fixture(scope="session")
def page_reader():
    return read_page
