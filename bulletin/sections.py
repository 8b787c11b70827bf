"""The bulletin's columns (栏目) and banners, with explicit ASCII slugs.

Slugs are explicit because Unidecode merges homophones (工会 and 公会 both become gong-hui).
To add a column, append a line here; the report names any label it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode


@dataclass(frozen=True)
class Section:
    name: str
    slug: str
    kind: str  # "column" (the ten 渝工 columns), "banner" (page banners) or "feature"


SECTIONS: tuple[Section, ...] = (
    Section("渝工强基", "yugong-qiangji", "column"),
    Section("渝工铸魂", "yugong-zhuhun", "column"),
    Section("渝工创新", "yugong-chuangxin", "column"),
    Section("渝工建功", "yugong-jiangong", "column"),
    Section("渝工暖心", "yugong-nuanxin", "column"),
    Section("渝工港湾", "yugong-gangwan", "column"),
    Section("渝工安康", "yugong-ankang", "column"),
    Section("渝工关爱", "yugong-guanai", "column"),
    Section("渝工爱渝", "yugong-aiyu", "column"),
    Section("渝工之家", "yugong-zhijia", "column"),
    Section("成渝地区双城经济圈·工会在行动", "chengyu-shuangcheng", "banner"),
    Section("一周动态", "weekly-news", "banner"),
    # Stories printed under no column label (cover features) land here.
    Section("专题", "features", "feature"),
)

FALLBACK_SECTION = "专题"
BRIEFS_SECTIONS = frozenset({"一周动态"})

_BY_NAME = {s.name: s for s in SECTIONS}
# A 渝工 label we have not seen yet still reads as a column label, so it is not taken for a title.
_COLUMN_SHAPE = re.compile(r"^渝工[\u4e00-\u9fff]{2}$")


def known_section(name: str) -> Section | None:
    return _BY_NAME.get(name)


def looks_like_label(text: str) -> bool:
    return text in _BY_NAME or bool(_COLUMN_SHAPE.match(text))


def section_slug(name: str) -> str:
    found = _BY_NAME.get(name)
    if found:
        return found.slug
    return ascii_slug(name) or "section"


def ascii_slug(text: str, max_words: int = 8) -> str:
    words = re.findall(r"[a-z0-9]+", unidecode(text).lower())
    return "-".join(words[:max_words])
