"""Every non-blank source line ends up in exactly one article or in the dropped-lines list."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.ingest.issue import parse_text

from .helpers import SEEDS, accounting


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_line_is_accounted_for(path) -> None:
    text = path.read_text(encoding="utf-8")
    missing, blank, twice = accounting(text, parse_text(text, path.name))
    assert (missing, blank, twice) == (set(), set(), [])


# Generated issues are built from the shapes real issues have, plus random text.
SEED_LINES = sorted(
    {line for p in SEEDS.glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()}
)
SHAPES = st.sampled_from(
    [
        "渝工港湾",
        "## 渝工铸魂",
        "### 一周动态",
        "# 标题",
        "## ——副标题",
        "◆近日，某区总工会开展活动，",
        "◎要点。",
        "扫描查看名单",
        "#",
        "陶永国 潘锋 图片由北碚区总工会提供",
        "的早餐。",
        "退役军人等群体，可享优惠；针对持",
        "",
        "",
    ]
)
LINES = st.one_of(
    SHAPES,
    st.sampled_from(SEED_LINES),
    st.text(alphabet=st.sampled_from("渝工会职工的了，。、“”？！ #◆◎—\u3000,:;()a1"), max_size=40),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=60), st.sampled_from(["\n", "\r\n", "\r"]))
def test_generated_issues_lose_no_line(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    parsed = parse_text(text, "generated.txt")
    missing, blank, twice = accounting(text, parsed)
    assert (missing, blank, twice) == (set(), set(), [])
