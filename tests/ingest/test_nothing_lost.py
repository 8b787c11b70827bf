"""Every non-blank source line ends up in exactly one article or in the dropped-lines list."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
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


CONVENTION_LINES = st.sampled_from(
    [
        "## 守好“安全门”",
        "## 织密“防护网”",
        "产业工人队伍建设改革一线：",
        "关爱新就业形态劳动者·一线走访",
        "——户外劳动者爱心驿站的一天",
        "记者 张三",
        "本报记者 张三 李四",
        "张三 摄",
        "文/图 李四",
        "图片由璧山区总工会提供",
        "本报讯（记者 张三）近日，璧山区总工会组织职工比赛。",
        "比赛持续一个月。（张三）",
        "（下转第3版）",
        "（上接第1版）",
        "一、从“人盯”到“机检”",
        "■ 开展送清凉活动。",
        "序号 姓名 单位",
        "1 张三 重庆某公司",
        "2024年6月14日 星期五",
        "事实上，这样的培训已经开展了3年。",
        "5月26日上午，在潼南区一家企业，职工参加培训。",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, CONVENTION_LINES), max_size=60))
def test_no_story_ever_has_empty_text(lines: list[str]) -> None:
    """Headline lines, credits and jump lines alone never make a story: every story a
    reader can open has text (a list of briefs, a table or a caption counts)."""
    parsed = parse_text("\n\n".join(lines), "generated.txt")
    for story in parsed.stories:
        assert story.text_elements(), (story.title, [e.text for e in story.body])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, CONVENTION_LINES), max_size=60))
# A headline whose story jumps to another page and is picked up there with no text at all:
# the 上接 once matched the story with itself and took it out of the issue.
@example(["## 守好“安全门”", "（下转第3版）", "（上接第1版）"])
def test_issues_with_credits_jumps_and_headline_parts_lose_no_line(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    assert accounting(text, parse_text(text, "generated.txt")) == (set(), set(), [])
