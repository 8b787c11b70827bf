"""The five real issues: stories, titles, sections, districts, dates and mended sentences.

Expectations were written by reading the raw seeds, not by copying the parser's output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.ingest.model import Kind
from bulletin.ingest.run import process_seed

from .helpers import SEEDS, body_text, parse_seed


def titles(prefix: str) -> list[str]:
    return [s.title for s in parse_seed(prefix).stories]


def test_seed_000_five_stories_under_their_labels() -> None:
    stories = parse_seed("000").stories
    assert [(s.section, s.title) for s in stories] == [
        ("成渝地区双城经济圈·工会在行动", "成渝工匠共话高质量发展"),
        ("渝工港湾", "重庆45个站点 入选全国“最美驿站”"),  # title wrapped over two lines
        ("渝工之家", "重庆市职工之家 市域标杆名单出炉"),
        ("渝工铸魂", "公交进校园 安全伴“童”行"),
        ("渝工铸魂", "大巴山深处动起“志愿红”"),  # the label holds until the next label
    ]
    assert stories[0].subtitle == "推动成渝地区双城经济圈高质量发展工匠交流会在渝举办"
    assert stories[3].subtitle == "两江公交公司劳模工作室开展主题宣传活动"
    assert stories[4].subtitle == "城口县总工会着力打造“巴山惠工”志愿服务品牌"


def test_seed_000_caption_and_print_only_lines() -> None:
    parsed = parse_seed("000")
    captions = [e.text for s in parsed.stories for e in s.body if e.kind is Kind.CAPTION]
    assert captions == ["两江公交公司劳模工作室成员正在讲解安全知识"]
    assert [(d.line, d.text) for d in parsed.dropped] == [
        (42, "扫描查看名单"),
        (57, "扫描查看名单"),
    ]
    assert "扫描查看名单" not in "".join(body_text(s) for s in parsed.stories)


def test_seed_000_sentences_cut_by_column_breaks_are_joined() -> None:
    text = "".join(body_text(s) for s in parse_seed("000").stories)
    assert "比如，立足电子信息、汽车、装备制造等重点产业链" in text
    assert "携手谱写成渝两地工运事业发展新篇章。" in text
    assert "驾驶员视线盲区。" in text
    assert "社会公益志愿服务队已开展志愿活动300余场（人）次" in text


def test_seed_001_bare_labels_and_half_width_commas() -> None:
    stories = parse_seed("001").stories
    assert [s.section for s in stories] == [
        "渝工暖心",
        "渝工港湾",
        "渝工铸魂",
        "渝工爱渝",
        "渝工创新",
    ]
    assert stories[0].title == "重庆市总工会 启动2024年送温暖活动"
    assert stories[4].title == "重庆新增 5所工匠学院"
    first = stories[0].body[0].text
    assert first.startswith("近日，重庆市总工会启动2024年送温暖活动，市总工会慰问组")
    assert "," not in body_text(stories[0])
    joined = body_text(stories[0])
    assert "帮助解决急难愁盼问题。" in joined
    assert "“传承红岩精神、争做时代新人”为主题" in body_text(stories[2])
    assert "室内可根据实际情况体现“渝工港湾”品牌元素" in body_text(stories[1])


def test_seed_002_feature_with_district_sections_and_weekly_briefs() -> None:
    parsed = parse_seed("002")
    feature, briefs = parsed.stories
    assert feature.title == "劳模宣讲鼓干劲 匠心助企谋发展"
    assert feature.subtitle == "全市各级工会深入开展“劳模工匠助企行”专项行动"
    # The lede printed above the title belongs to the feature.
    assert feature.body[0].text.startswith(
        "今年4月30日，市总工会“劳模工匠助企行”专项行动正式启动。"
    )
    subheads = [e.text for e in feature.body if e.kind is Kind.SUBHEAD]
    assert subheads == [
        "渝中区：举办“红岩渝理同行 榜样模范行”宣讲",
        "渝北区：企业用电遇难题 劳模当起“电医生”",
        "云阳县：劳模工匠送鱼也送“渔”",
        "两江新区：劳模工匠走进暑期爱心托管班宣讲",
        "市金融财贸轻工纺织工会：劳模助企行 幸福好“食”光",
    ]
    assert briefs.section == "一周动态"
    items = [e.text for e in briefs.body if e.kind is Kind.BRIEF]
    assert len(items) == 9 and all(not i.startswith("◆") for i in items)
    assert "送去了爱心助学金，帮助31名符合资助条件的困难学子顺利入学。" in items[2]
    assert items[5].endswith("14支队伍、56名选手展现出扎实的专业知识和熟练的协商技巧。")
    assert "两江新区总工会将继续发挥劳模工匠示范引领作用" in body_text(feature)


def test_seed_003_unmarked_titles_subheads_and_banner() -> None:
    parsed = parse_seed("003")
    assert parsed.headline == "办好重庆工会“十件实事”成效如何？ 川渝媒体“渝工”文化采风行实地探访"
    assert [s.title for s in parsed.stories] == [
        # the page's lead-in (lines 41-47), under the banner, heads the package
        "办好重庆工会“十件实事”成效如何？ 川渝媒体“渝工”文化采风行实地探访",
        "解决近5000名职工交友难题 “沙磁良缘”助力职工幸福牵手",
        "24小时开放、“以商养站”、闲置改造 江北区总工会打造工会驿站建设新模式",
        "重庆“联姻”多元领域 组建劳动者“服务联盟”",
        "助产业工人由“工”升“匠” 重庆已建成10所工匠学院",
        "国网重庆永川供电公司工会以共享模式打造职工之家",
        "创新一体化办理 让职工群众劳动调解“少跑路”",
        "外卖小哥成“编外”网格员 实现“服务”与“被服务”的双向奔赴",
    ]
    assert parsed.stories[0].lead_in
    assert body_text(parsed.stories[0]).startswith("2023年，重庆市工会第六次代表大会提出")
    jiangbei = parsed.stories[2]
    assert [e.text for e in jiangbei.body if e.kind is Kind.SUBHEAD][:2] == [
        "24小时智慧守护 温暖不打烊",
        "“以商养站”运营 公益与效益并行",
    ]


def test_seed_003_scrambled_fragments_are_put_back_and_reported() -> None:
    parsed = parse_seed("003")
    _lead_in, jiangbei, lianyin, waimai = (parsed.stories[i] for i in (0, 2, 3, 7))
    # …随意挑选10余份 continues 54 lines later at 的早餐。
    assert "就可以随意挑选10余份的早餐。" in body_text(jiangbei)
    # 老年人、退 / 退役军人…持 / 证残疾人: a column fragment printed above its story.
    assert (
        "60岁以上老年人、退役军人（牟烈属）、侨胞侨属等群体，可享四荤四素一汤15元的普惠价优惠；"
        "针对低保户、五保户、持证残疾人，在得到龙湖社区资格认证后" in body_text(waimai)
    )
    assert "退证残疾人" not in body_text(waimai)
    codes = {(w.code, w.line) for w in parsed.warnings}
    assert ("scramble-moved", 93) in codes
    assert ("scramble-moved", 147) in codes
    # The page's intro (41-47) stood where 的早餐。 belonged: its own story, and reported.
    assert ("lead-in", 41) in codes and ("suspected-scramble", 41) not in codes
    assert "2023年，重庆市工会第六次代表大会" not in body_text(jiangbei)
    # The 联姻 story's opening (119-127) stood at the end of the 江北 story: put back.
    assert ("scramble-moved", 119) in codes
    assert body_text(lianyin).startswith("在稳步推进“五大行动”、重点办好“十件实事”中")
    assert "事实上，“联姻”渝北区道路运输行业工会联合会" in body_text(lianyin)
    assert "司机徐学良" not in body_text(jiangbei) and "司机徐学良" in body_text(lianyin)
    # What cannot be mended is reported, not guessed: the text after 良好氛 and 并 is lost.
    assert ("unrepaired-break", 81) in codes
    assert ("unrepaired-break", 91) in codes
    assert ("mid-sentence-start", 89) in codes


def test_seed_004_points_caption_in_a_cut_sentence_byline_and_captions() -> None:
    (story,) = parse_seed("004").stories
    assert story.title == "共同唱好新时代西部“双城记”"
    assert story.subtitle == "北碚区总工会奋力打造新时代工会工作市域标杆"
    kinds = [e.kind for e in story.body]
    assert kinds[:2] == [Kind.POINT, Kind.POINT]
    text = body_text(story)
    # Lines 27-33: the sentence continues after a photo caption in the gap.
    assert "助推“双城经济圈”向着“高质量发展的重要增长极”目标加速迈进。" in text
    captions = [e.text for e in story.body if e.kind is Kind.CAPTION]
    assert captions[0] == "2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛开幕式"
    assert len(captions) == 4
    assert [e.text for e in story.credits] == ["陶永国 潘锋 图片由北碚区总工会提供"]
    assert not [e for e in story.body if e.kind is Kind.BYLINE]  # credits are no body text
    assert "重庆市劳动模范陈贞" in text


EXPECTED_METADATA = {
    # seed prefix: [(order, date, districts, partners)]
    "000": [
        (1, dt.date(2023, 12, 15), [], ["成都"]),
        (2, dt.date(2023, 12, 15), [], []),  # 渝中区 named once in passing
        (3, dt.date(2023, 12, 15), [], []),  # 万州区, 涪陵 only in unit names
        (4, dt.date(2023, 12, 15), ["两江新区"], []),  # 走进两江新区…: the event's place
        (5, dt.date(2023, 11, 30), ["城口县"], []),
    ],
    "003": [
        (1, dt.date(2024, 9, 23), [], []),  # the lead-in: places only in a list
        (2, dt.date(2024, 9, 23), ["沙坪坝区"], []),
        (3, dt.date(2024, 9, 25), ["江北区"], []),  # no longer 渝北区: that part moved out
        (4, dt.date(2024, 9, 25), ["渝北区"], []),
        (6, dt.date(2024, 9, 25), ["永川区"], []),
        (7, dt.date(2024, 9, 25), ["江津区"], []),
        (8, dt.date(2024, 9, 25), ["渝北区"], []),
    ],
    "004": [(1, dt.date(2024, 5, 23), ["北碚区"], ["广安", "四川"])],
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_METADATA))
def test_dates_districts_and_partners(prefix: str) -> None:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    report = process_seed(path, f"seeds/{path.name}", None)
    by_order = {a.order: a for a in report.articles}
    for order, date, districts, partners in EXPECTED_METADATA[prefix]:
        article = by_order[order]
        assert (article.date, article.districts, article.partners) == (date, districts, partners), (
            article.story.title
        )


def test_feature_districts_come_from_its_district_sections() -> None:
    (path,) = SEEDS.glob("002_*.txt")
    feature, briefs = process_seed(path, "seeds/002.txt", None).articles
    assert {"渝中区", "渝北区", "云阳县", "两江新区"} <= set(feature.districts)
    assert "长寿区" not in feature.districts  # named once in a round-up sentence
    assert {"涪陵区", "永川区", "渝中区", "荣昌区", "石柱土家族自治县", "开州区"} <= set(
        briefs.districts
    )
    assert briefs.title == "一周动态（2024年8月27日）"
    assert briefs.date == dt.date(2024, 8, 27)  # a weekly digest is dated by its issue


def test_issue_dates_come_from_the_text_and_are_reported() -> None:
    dates = {}
    for path in sorted(SEEDS.glob("*.txt")):
        report = process_seed(path, path.name, None)
        dates[path.name[:3]] = (report.date, report.date_estimate)
        assert any(w.code == "missing-date" for w in report.warnings)
    # No seed states its date: each is an estimate, and the site will say so (日期待核).
    assert dates == {
        "000": (dt.date(2023, 12, 15), "month"),
        "001": (dt.date(2024, 1, 1), "year"),  # only 2024年送温暖 to go by: the year alone
        "002": (dt.date(2024, 8, 27), "month"),
        "003": (dt.date(2024, 9, 25), "month"),
        "004": (dt.date(2024, 5, 23), "month"),
    }


def test_authors_summary_and_slug() -> None:
    (path,) = SEEDS.glob("004_*.txt")
    (article,) = process_seed(path, "seeds/004.txt", None).articles
    assert article.authors == ["陶永国", "潘锋"]
    assert article.slug == "004-3a1c797ee19f5817-01"
    assert article.summary.startswith("围绕“重庆、四川两地要紧密合作")
    assert 20 <= len(article.summary) <= 121
