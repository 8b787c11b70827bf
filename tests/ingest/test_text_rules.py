"""Unit rules: punctuation, places, dates, Markdown escaping."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.gazetteer import DISTRICTS, TextPart, districts_about, partners_about
from bulletin.ingest.article_file import escape_block, line_ranges
from bulletin.ingest.issue_dates import dates_in, infer_issue_date, issue_year
from bulletin.ingest.punctuation import fix_punctuation
from bulletin.render import markdown_to_html


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("近日,重庆市总工会启动", "近日，重庆市总工会启动"),
        ("渝中区: 举办“红岩渝理同行”", "渝中区：举办“红岩渝理同行”"),
        ("有人说,家里还有两个孩子呢!有人劝", "有人说，家里还有两个孩子呢！有人劝"),
        ("值得吗?我觉得值得", "值得吗？我觉得值得"),
        ("提质升级;室内", "提质升级；室内"),
        ("重庆国泰出租汽车(集团)有限公司", "重庆国泰出租汽车（集团）有限公司"),
        ("轨道交通【(千线铁路、市域(郊)铁路)】", "轨道交通【（千线铁路、市域（郊）铁路）】"),
        # numbers and Latin text keep ASCII punctuation
        ("共1,000人", "共1,000人"),
        ("资助金共18.6万元", "资助金共18.6万元"),
        ("从2024年~2026年", "从2024年~2026年"),
        ("采用“1+N+X”工作模式", "采用“1+N+X”工作模式"),
        ("上午8:30开始", "上午8:30开始"),
        ("Hello, world (test)", "Hello, world (test)"),
        ("智能化AI技术", "智能化AI技术"),
    ],
)
def test_punctuation(raw: str, fixed: str) -> None:
    assert fix_punctuation(raw) == fixed


def test_gazetteer_has_38_units_plus_three_zones() -> None:
    assert len(DISTRICTS) == 41
    assert len({d.slug for d in DISTRICTS}) == 41
    assert all(d.slug.isascii() for d in DISTRICTS)


def body(*texts: str) -> list[TextPart]:
    return [TextPart("headline", "一条新闻"), *(TextPart("body", t) for t in texts)]


def test_short_forms_count() -> None:
    assert districts_about(body("北碚开展活动。", "北碚的职工说。")) == ["北碚区"]
    assert districts_about([TextPart("headline", "渝北职工之家揭牌")]) == ["渝北区"]


def test_ordinary_words_are_not_places() -> None:
    # 长寿 (longevity), 南岸 (river bank), 石柱 (a stone pillar) without their district names
    text = "祝老人健康长寿，健康长寿。江的南岸，南岸边。一根石柱，石柱旁。"
    assert districts_about(body(text)) == []
    assert districts_about(body("长寿区总工会在长寿开展活动。")) == ["长寿区"]


def test_a_passing_mention_does_not_make_an_article_about_a_place() -> None:
    text = "命名国家税务总局重庆市万州区税务局工会委员会等80家单位为市域标杆。"
    assert districts_about(body(text)) == []
    assert districts_about([TextPart("headline", "城口县打造志愿品牌"), *body(text)[1:]]) == [
        "城口县"
    ]


def test_brief_lead_names_its_district() -> None:
    assert districts_about([TextPart("brief", "8月23日，石柱县总工会举办培训。")]) == [
        "石柱土家族自治县"
    ]


def test_sichuan_partners_are_kept_apart() -> None:
    parts = body("成都市总工会与重庆市总工会签署协议。", "成都工匠代表发言。")
    assert partners_about(parts) == ["成都"]
    assert districts_about(parts) == []


def test_year_from_context() -> None:
    text = "匠心建功勇担当。12月15日，2023年度“成都工匠”赴渝研修。"
    assert dates_in(text, 2024) == [dt.date(2023, 12, 15)]
    assert dates_in("9月23日，采风行走进沙坪坝区。", 2024) == [dt.date(2024, 9, 23)]
    assert dates_in("2月30日不是日子。", 2024) == []


def test_issue_year_ignores_ranges_and_plans() -> None:
    assert issue_year("计划从2024年~2026年，到2027年建成，2023年成果。") == 2023
    assert issue_year("截至2024年8月，累计建成。2023年，新建。2023年以来。") == 2024
    assert infer_issue_date("没有日期的文字")[0] is None


@pytest.mark.parametrize(
    "raw",
    ["# 不是标题", "1. 不是列表", "- 不是列表", "> 不是引用", "::: 不是容器", "| 不是表格"],
)
def test_raw_text_never_becomes_markup(raw: str) -> None:
    html = markdown_to_html(escape_block(raw))
    assert html.strip() == f"<p>{raw.replace('>', '&gt;')}</p>"


def test_markup_and_template_syntax_stay_text() -> None:
    raw = "<script>alert(1)</script> {{ SITENAME }} {% include 'x' %}"
    html = markdown_to_html(escape_block(raw))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ SITENAME }} {% include 'x' %}" in html


def test_line_ranges() -> None:
    assert line_ranges([3, 5, 9, 11, 40, 42, 7]) == "3-11,40-42,7"
