"""The pure helpers behind the site (bulletin/site, bulletin/render), one behaviour each."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from bulletin.gazetteer import DISTRICTS, PARTNERS
from bulletin.render import bulletin_field, markdown_to_html
from bulletin.sections import SECTIONS
from bulletin.site import charts
from bulletin.site.archive import group_by_year
from bulletin.site.issues import archive_sort_key, group_issues, neighbours
from bulletin.site.related import related_stories
from bulletin.site.seo import clip, page_url, script_json
from bulletin.site.sitemap import robots_txt, sitemap_files, sitemap_xml
from bulletin.site.slugs import (
    SlugCollisionError,
    check_unique,
    column_slug,
    district_slug,
)
from bulletin.site.strings import MissingStringError, Strings


def story(slug, issue="i1", order=1, issue_date="2024-09-25", **extra):
    return SimpleNamespace(
        slug=slug, issue=issue, order=order, issue_date=issue_date, date=issue_date, **extra
    )


# Slugs


@pytest.mark.parametrize(
    "names", [[s.slug for s in SECTIONS], [p.slug for p in DISTRICTS], [p.slug for p in PARTNERS]]
)
def test_explicit_slugs_are_unique_ascii(names):
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9-]+", n) for n in names)


def test_known_names_use_their_explicit_slugs():
    assert column_slug("渝工港湾") == "yugong-gangwan"
    assert district_slug("渝北区") == "yubei"


def test_unknown_homophones_get_different_slugs():
    # Unidecode alone gives gong-hui for both.
    assert column_slug("工会") != column_slug("公会")
    assert column_slug("工会").startswith("gong-hui-")
    assert column_slug("工会") == column_slug("工会")  # stable between builds


def test_check_unique_refuses_two_names_on_one_slug():
    check_unique("column", [("渝工港湾", "a"), ("渝工港湾", "a"), ("一周动态", "b")])
    with pytest.raises(SlugCollisionError):
        check_unique("column", [("工会", "gong-hui"), ("公会", "gong-hui")])


# Issues and archives


def test_issue_keeps_printed_order_numerically():
    stories = [story(f"s{n}", order=n) for n in (10, 2, 1)]
    (issue,) = group_issues(stories)
    assert [s.order for s in issue.stories] == [1, 2, 10]
    before, after = neighbours(issue, issue.stories[1])
    assert (before.order, after.order) == (1, 10)
    assert neighbours(issue, issue.stories[0])[0] is None


def test_issues_newest_first_and_linked():
    old = story("a", issue="old", issue_date="2023-12-15")
    new = story("b", issue="new", issue_date="2024-01-01")
    issues = group_issues([old, new])
    assert [i.key for i in issues] == ["new", "old"]
    assert issues[0].older is issues[1] and issues[1].newer is issues[0]


def test_archive_order_newest_issue_then_printed_order():
    rows = [
        story("old-1", issue="old", order=1, issue_date="2023-12-15"),
        story("new-2", issue="new", order=2, issue_date="2024-01-01"),
        story("new-1", issue="new", order=1, issue_date="2024-01-01"),
    ]
    assert [s.slug for s in sorted(rows, key=archive_sort_key)] == ["new-1", "new-2", "old-1"]


def test_group_by_year_and_month():
    issues = group_issues(
        [
            story("a", issue="a", issue_date="2024-09-25"),
            story("b", issue="b", issue_date="2024-09-01"),
            story("c", issue="c", issue_date="2023-12-15"),
        ]
    )
    years = group_by_year(issues)
    assert [y.year for y in years] == [2024, 2023]
    assert [m.month for m in years[0].months] == [9]
    assert [i.key for i in years[0].month(9).issues] == ["a", "b"]
    assert years[0].story_count == 2


# Related stories


def _rel(slug, issue, title, tags=(), category="专题"):
    return SimpleNamespace(
        slug=slug,
        issue=issue,
        title=title,
        subtitle="",
        tags=list(tags),
        partners=[],
        category=category,
        issue_date="2024-01-01",
        date="2024-01-01",
    )


def test_related_prefers_rare_shared_words_and_skips_the_same_issue():
    stories = [
        _rel("a", "i1", "重庆新增5所工匠学院"),
        _rel("b", "i2", "重庆已建成10所工匠学院"),
        _rel("c", "i1", "工匠学院又一所"),  # same issue as a
        _rel("d", "i3", "重庆职工运动会"),  # shares only the common 重庆
        _rel("e", "i4", "重庆公交进校园"),
    ]
    related = related_stories(stories, limit=3)
    assert [s.slug for s in related["a"]] == ["b"]


def test_related_by_district():
    stories = [
        _rel("a", "i1", "甲", tags=["北碚区"]),
        _rel("b", "i2", "乙", tags=["北碚区"]),
        _rel("c", "i3", "丙", tags=["渝中区"]),
    ]
    assert [s.slug for s in related_stories(stories)["a"]] == ["b"]


# Charts, structured data, sitemap


def test_horizontal_chart_escapes_labels_and_draws_one_bar_each():
    bars = [charts.Bar("<b>&", 3, "columns/x.html"), charts.Bar("成渝地区双城经济圈·工会在行动", 1)]
    svg = charts.horizontal_bars("c", bars, "标题<", "说明&")
    ET.fromstring(svg)  # well-formed XML
    assert svg.count('class="bar"') == 2
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    assert 'href="columns/x.html"' in svg
    assert ">成渝地区双城经…<" in svg  # shortened label, full name in the tooltip
    assert "<title>成渝地区双城经济圈·工会在行动：1</title>" in svg


def test_time_chart_marks_months_and_each_year_once():
    bars = [charts.Bar(str(m), m, group="2024年" if m < 13 else "2025年") for m in range(9, 16)]
    svg = charts.vertical_bars("m", bars, "t", "d")
    ET.fromstring(svg)
    assert len(re.findall(r'class="label"', svg)) == 7
    assert re.findall(r'class="group"[^>]*>([^<]+)<', svg) == ["2024年", "2025年"]
    many = [charts.Bar(str(i % 12 + 1), 1, group=str(2000 + i // 12)) for i in range(240)]
    svg = charts.vertical_bars("m", many, "t", "d")
    assert 'class="label"' not in svg  # too many months to label; the years remain
    assert len(re.findall(r'class="group"', svg)) == 20


def test_script_json_cannot_end_the_script_element():
    text = script_json({"headline": "</script><!-- \u2028 & >"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text


def test_clip_prefers_a_sentence_end():
    assert clip("短句。", 10) == "短句。"
    assert clip("第一句话说完了。第二句话还很长很长很长", 11) == "第一句话说完了。"
    assert clip("没有句号的一段很长的文字，一直写下去", 10).endswith("…")


def test_page_url_turns_index_into_folder():
    assert page_url("https://x.org", "index.html") == "https://x.org/"
    assert page_url("https://x.org/", "columns/index.html") == "https://x.org/columns/"
    assert page_url("https://x.org", "articles/a.html") == "https://x.org/articles/a.html"


def test_sitemap_is_sorted_and_escaped():
    xml = sitemap_xml([("https://x.org/b?&", ""), ("https://x.org/a", "2024-01-01")])
    locs = [
        e.text for e in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert locs == ["https://x.org/a", "https://x.org/b?&"]
    assert "Sitemap: https://x.org/sitemap.xml" in robots_txt("https://x.org/sitemap.xml")


def _locs(xml: str) -> list[str]:
    return [
        e.text for e in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]


def test_a_sitemap_past_the_protocols_limits_becomes_an_index_of_several():
    """sitemaps.org: 50,000 URLs and 50 MB a file. The limits are made small here."""
    entries = [(f"https://x.org/articles/{n:03d}.html", "2024-01-01") for n in range(7)]
    assert sitemap_files(entries, "https://x.org") == {"sitemap.xml": sitemap_xml(entries)}
    files = sitemap_files(entries, "https://x.org/", max_urls=3)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert _locs(files["sitemap.xml"]) == [f"https://x.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    chunks = [_locs(files[f"sitemap-{n}.xml"]) for n in (1, 2, 3)]
    assert [len(chunk) for chunk in chunks] == [3, 3, 1]
    assert [loc for chunk in chunks for loc in chunk] == sorted(loc for loc, _ in entries)
    one_url = len(sitemap_xml(entries[:1]).encode())
    by_size = sitemap_files(entries, "https://x.org", max_bytes=one_url + 10)
    chunks = [text for name, text in by_size.items() if name != "sitemap.xml"]
    assert len(chunks) == 7 and all(len(text.encode()) <= one_url + 10 for text in chunks)


# The theme's words


def test_a_missing_theme_string_is_an_error_not_a_blank():
    table = Strings({"nav": {"home": "首页"}})
    assert table.nav.home == "首页"
    with pytest.raises(MissingStringError):
        _ = table.nav.missing


# Markdown and header fields


def test_raw_html_is_text():
    html = markdown_to_html("正文<script>alert(1)</script>\n\n<div>块</div>\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<div>" not in html


def test_control_characters_xml_cannot_carry_are_dropped_tabs_and_newlines_stay():
    assert (
        markdown_to_html("控制\x01字\x0b符\x0c与\x1f\x7f\tend\n") == "<p>控制字符与\x7f\tend</p>\n"
    )


def test_cjk_soft_breaks_vanish_latin_ones_stay():
    assert markdown_to_html("第一行\n第二行\n") == "<p>第一行第二行</p>\n"
    assert markdown_to_html("first\nsecond\n") == "<p>first\nsecond</p>\n"


def test_bulletin_containers():
    html = markdown_to_html("::: figure\n图片说明\n:::\n\n::: lede\n◎要点\n:::\n")
    assert '<figure class="photo">' in html and "<figcaption>" in html
    assert '<div class="lede">' in html


def test_header_fields_are_typed():
    assert bulletin_field("order", "10") == 10
    assert bulletin_field("issue_date", "2024-09-25") == dt.date(2024, 9, 25)
    assert bulletin_field("partners", "广安, 四川") == ["广安", "四川"]
    assert bulletin_field("summary", "A<B & C") == "A&lt;B &amp; C"
    assert bulletin_field("issue_date", "not a date") == "not a date"
