"""Each line rule on the convention it names, and on look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from bulletin.ingest.classify import classify
from bulletin.ingest.credits import Credit, credit_of, split_dateline, split_trailing_credit
from bulletin.ingest.issue import parse_text
from bulletin.ingest.rules import RULES


def kinds(*lines: str) -> list[tuple[str, str]]:
    return [(e.kind.value, e.text) for e in classify(list(lines))]


def test_every_rule_names_its_convention() -> None:
    assert len({name for name, _ in RULES}) == len(RULES)
    assert all(rule.__doc__ and len(rule.__doc__) > 30 for _, rule in RULES)


@pytest.mark.parametrize(
    ("line", "writers", "photographers"),
    [
        ("记者 张三", ["张三"], []),
        ("本报记者 张三 李四", ["张三", "李四"], []),
        ("通讯员 王五", ["王五"], []),
        ("张三 文/图", ["张三"], ["张三"]),
        ("文/图 张三", ["张三"], ["张三"]),
        ("张三 摄", [], ["张三"]),
        ("张三 摄影", [], ["张三"]),
        ("文/张三 图/李四", ["张三"], ["李四"]),
        ("（文/记者 唐燕 图/通讯员 许波）", ["唐燕"], ["许波"]),  # what each did, then job titles
        ("图片由璧山区总工会提供", [], ["璧山区总工会"]),
        ("■本报记者 刘洋", ["刘洋"], []),
        ("（张三）", ["张三"], []),
        ("本报讯（记者 张三 通讯员 李四）", ["张三", "李四"], []),
    ],
)
def test_credit_lines(line: str, writers: list[str], photographers: list[str]) -> None:
    assert credit_of(line) == Credit(tuple(writers), tuple(photographers))
    assert kinds(line)[0][0] == "byline"


@pytest.mark.parametrize("line", ["重庆市总工会", "张三", "两江公交 公司", "公交进校园 安全伴"])
def test_look_alikes_are_no_credit(line: str) -> None:
    assert credit_of(line) is None


def test_dateline_and_closing_credit_are_split_from_their_paragraph() -> None:
    assert (
        split_dateline("本报讯（记者 张三）近日，职工运动会开幕。")[2] == "近日，职工运动会开幕。"
    )
    text, credit, printed = split_trailing_credit("比赛持续一个月。（张三）")
    assert (text, credit.writers, printed) == ("比赛持续一个月。", ("张三",), "（张三）")
    assert split_trailing_credit("比赛结束。（完）") is None
    assert kinds("本报讯（记者 张三）近日，职工运动会开幕。") == [
        ("byline", "本报讯（记者 张三）"),
        ("para", "近日，职工运动会开幕。"),
    ]


def test_jump_lines_numbered_headings_bullets_and_tables() -> None:
    found = kinds(
        "# 标题",
        "",
        "正文第一段，说明情况。",
        "",
        "一、从“人盯”到“机检”",
        "",
        "■ 开展送清凉活动。",
        "",
        "序号 姓名 单位",
        "1 张三 重庆某公司",
        "",
        "据统计，截至5月底，全市已有（下转第3版）",
    )
    assert [k for k, _ in found] == [
        "title",
        "para",
        "subhead",
        "brief",
        "table",
        "table",
        "para",
        "jump",
    ]
    assert found[3][1] == "开展送清凉活动。"


def test_a_numbered_sentence_stays_a_paragraph() -> None:
    assert (
        kinds("# 标题", "", "正文。", "", "一、全面推进工会驿站建设，提升服务质量。")[-1][0]
        == "para"
    )


def test_masthead_full_width_digits_and_kicker_lines() -> None:
    assert kinds("２０２４年６月１４日 星期五")[0] == ("masthead", "2024年6月14日 星期五")
    assert kinds("产业工人队伍建设改革一线：", "# “AI质检员”上岗")[0][0] == "title"
    assert kinds("这是一个普通的句子，后面跟着冒号：", "# 标题")[0][0] == "para"


def test_two_bare_heading_lines_with_no_gap_are_a_wrapped_title_unless_a_kicker() -> None:
    assert kinds("渝工港湾", "重庆45个站点", "入选全国“最美驿站”")[1] == (
        "title",
        "重庆45个站点 入选全国“最美驿站”",
    )
    assert [
        k for k, _ in kinds("渝工关爱", "关爱劳动者·一线走访", "“这里的凉茶，比家里的还顺口”")
    ] == [
        "label",
        "title",
        "subtitle",
    ]


@pytest.mark.parametrize(
    "line", ["■ 头版", "第2版 要闻", "扫描查看名单", "责任编辑：李青", "（完）"]
)
def test_print_only_lines(line: str) -> None:
    assert kinds(line)[0][0] == "print-only"


def test_a_story_that_names_a_page_is_no_page_label() -> None:
    assert kinds("# 标题", "", "详见第2版。")[-1][0] == "para"


@pytest.mark.parametrize(
    ("first", "second", "kicker", "title", "subtitle"),
    [
        # The first line sets the occasion: kicker over the title.
        (
            "中秋国庆“双节”将至",
            "全市工会启动节日送温暖",
            "中秋国庆“双节”将至",
            "全市工会启动节日送温暖",
            None,
        ),
        (
            "高温天气来临",
            "户外劳动者有了“清凉驿站”",
            "高温天气来临",
            "户外劳动者有了“清凉驿站”",
            None,
        ),
        # The first line states the news: title over a subtitle.
        (
            "全市工会启动节日送温暖",
            "慰问困难职工两万余户",
            None,
            "全市工会启动节日送温暖",
            "慰问困难职工两万余户",
        ),
    ],
)
def test_two_headline_lines_kicker_or_subtitle(first, second, kicker, title, subtitle) -> None:
    text = (
        f"渝工港湾\n\n# {first}\n# {second}\n\n9月10日，市总工会在渝中区举行活动，慰问一线职工。\n"
    )
    (story,) = parse_text(text, "t.txt").stories
    assert (story.kicker, story.title, story.subtitle) == (kicker, title, subtitle)
