"""Tricky conversions, per edition, glossary included: from the seed articles and the spec.

Each row: Simplified, the Taiwan/overseas edition (s2tw), the Hong Kong edition (s2hk). A row whose
plain OpenCC output differs is a glossary fix and sits in GLOSSARY_FIXES too.
"""

from __future__ import annotations

import opencc
import pytest

TABLE = [
    # the conversions the Traditional editions were specified with
    ("干部", "幹部", "幹部"),
    ("干部队伍", "幹部隊伍", "幹部隊伍"),
    ("发布", "發布", "發布"),
    ("发布会", "發布會", "發布會"),
    ("会上发布了", "會上發布了", "會上發布了"),
    ("制造业", "製造業", "製造業"),
    ("智能制造", "智能製造", "智能製造"),
    ("后续", "後續", "後續"),
    ("游巴蜀", "遊巴蜀", "遊巴蜀"),
    ("面点", "麵點", "麪點"),
    ("中式面点", "中式麵點", "中式麪點"),
    ("平台", "平臺", "平台"),
    ("美团平台站点", "美團平臺站點", "美團平台站點"),
    ("只需要", "只需要", "只需要"),
    ("一只", "一隻", "一隻"),
    ("范围", "範圍", "範圍"),
    ("示范", "示範", "示範"),
    ("300余人次", "300餘人次", "300餘人次"),
    ("其余", "其餘", "其餘"),
    ("集群", "集群", "集羣"),
    ("现代制造业集群", "現代製造業集群", "現代製造業集羣"),
    ("余先生", "余先生", "余先生"),
    ("副主席余敏", "副主席余敏", "副主席余敏"),
    ("其余敏感", "其餘敏感", "其餘敏感"),  # the 余敏 entry must not reach into 其余
    ("范某某", "范某某", "范某某"),
    ("被发放", "被發放", "被發放"),
    ("被发出", "被發出", "被發出"),
    ("点赞", "點讚", "點讚"),
    ("学习了如何", "學習了如何", "學習了如何"),
    ("了如指掌", "瞭如指掌", "瞭如指掌"),
    # what character-by-character browser scripts get wrong (頭發, 皇後, 裏程碑, 第壹, 鬆林社區)
    ("头发", "頭髮", "頭髮"),
    ("皇后", "皇后", "皇后"),
    ("里程碑", "里程碑", "里程碑"),
    ("第一", "第一", "第一"),
    ("松林社区", "松林社區", "松林社區"),
    # regional glyphs: s2tw and s2hk differ on purpose
    ("群众", "群眾", "羣眾"),
    ("说明", "說明", "説明"),
    ("温暖", "溫暖", "温暖"),
    ("着力", "著力", "着力"),
    ("为了", "為了", "為了"),
    ("据了解", "據瞭解", "據了解"),
    ("台上", "臺上", "台上"),
    ("卷烟厂", "捲菸廠", "捲煙廠"),
    # found in the seed articles
    ("美发", "美髮", "美髮"),
    ("娘家人", "娘家人", "娘家人"),
    ("澄江镇", "澄江鎮", "澄江鎮"),
    ("城口县志愿者", "城口縣志願者", "城口縣志願者"),
    ("需求，并成立", "需求，並成立", "需求，並成立"),
    ("袁铭发结合", "袁銘發結合", "袁銘發結合"),
    ("涂艳", "涂豔", "涂豔"),
    ("开州区岳溪镇", "開州區岳溪鎮", "開州區岳溪鎮"),
    ("传承红岩精神", "傳承紅岩精神", "傳承紅岩精神"),
    ("风采", "風采", "風采"),
    ("一周动态", "一週動態", "一週動態"),
    ("托管", "託管", "託管"),
    ("周末", "週末", "週末"),
    ("签署", "簽署", "簽署"),
    ("标志", "標誌", "標誌"),
    ("扎实", "紮實", "紮實"),
    ("事迹", "事蹟", "事蹟"),
    ("尽快", "儘快", "儘快"),
    ("干净卫生", "乾淨衛生", "乾淨衞生"),
]

# What plain OpenCC 1.4 prints for the rows the glossary fixes (s2tw; s2hk is the same except
# 據瞭解). If OpenCC ever gets one right, its glossary line can go.
GLOSSARY_FIXES = {
    "发布": "發佈",
    "发布会": "發佈會",
    "会上发布了": "會上發佈了",
    "余先生": "餘先生",
    "副主席余敏": "副主席餘敏",
    "范某某": "範某某",
    "被发放": "被髮放",
    "被发出": "被髮出",
    "点赞": "點贊",
    "学习了如何": "學習瞭如何",
    "娘家人": "孃家人",
    "澄江镇": "澂江鎮",
    "城口县志愿者": "城口縣誌願者",
    "需求，并成立": "需求，併成立",
    "袁铭发结合": "袁銘髮結合",
    "涂艳": "塗豔",
    "开州区岳溪镇": "開州區嶽溪鎮",
    "传承红岩精神": "傳承紅巖精神",
}


@pytest.mark.parametrize(("simplified", "taiwan", "hong_kong"), TABLE)
def test_each_edition_prints_exactly(tw, hk, simplified, taiwan, hong_kong):
    assert tw.convert(simplified) == taiwan
    assert hk.convert(simplified) == hong_kong


@pytest.fixture(scope="module")
def plain_tw() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


@pytest.mark.parametrize(("simplified", "plain"), sorted(GLOSSARY_FIXES.items()))
def test_plain_opencc_gets_these_wrong(plain_tw, simplified, plain):
    assert plain_tw.convert(simplified) == plain


def test_glossary_rows_are_the_only_differences_from_plain_opencc(plain_tw):
    plain_hk = opencc.OpenCC("s2hk")
    for simplified, taiwan, hong_kong in TABLE:
        fixed = simplified in GLOSSARY_FIXES or simplified == "据了解"
        assert (plain_tw.convert(simplified) != taiwan) == (simplified in GLOSSARY_FIXES)
        assert (plain_hk.convert(simplified) != hong_kong) == fixed


def test_plain_s2t_and_s2twp_are_wrong_for_this_archive():
    """Why s2tw is the default: s2t glyphs no region uses, s2twp swaps vocabulary."""
    assert opencc.OpenCC("s2t").convert("群众为面") == "羣衆爲面"
    s2twp = opencc.OpenCC("s2twp")
    assert s2twp.convert("发布会") == "釋出會"
    assert s2twp.convert("集群") == "叢集"


def test_whole_seed_archive_converts_character_for_character(tw, hk, seed_text):
    for converter in (tw, hk):
        converted = converter.convert(seed_text)
        assert len(converted) == len(seed_text)
        assert converted != seed_text
