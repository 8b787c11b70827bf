"""Relevance on the seed archive, asked through the browser's own code (js/search.js in Node).

Each row: a Simplified query, its Traditional twin, and the stories that must come first, in
order. Both editions are searched with both scripts.
"""

from __future__ import annotations

import pytest

EDITIONS = ("zh", "zh-hant")

RELEVANCE = [
    # (Simplified, Traditional, stories that must come first)
    ("陈大林", "陳大林", ["002-c7f0b331121c66af-01"]),  # a name
    ("北碚", "北碚", ["004-3a1c797ee19f5817-01"]),  # a place
    ("北碚区", "北碚區", ["004-3a1c797ee19f5817-01"]),
    ("永川", "永川", ["003-960ec6b5d8572fdb-06"]),  # in the title and the districts
    (  # a programme: the two stories about 工会驿站 first, then the list of 最美驿站
        "工会驿站",
        "工會驛站",
        ["003-960ec6b5d8572fdb-03", "001-72ab9001c2915723-02", "000-c3218b23d4d64f1e-02"],
    ),
    ("沙磁良缘", "沙磁良緣", ["003-960ec6b5d8572fdb-02"]),  # a programme
    ("外卖小哥", "外賣小哥", ["003-960ec6b5d8572fdb-08"]),
    ("送温暖", "送溫暖", ["001-72ab9001c2915723-01"]),
    ("过程", "過程", ["002-c7f0b331121c66af-01"]),
    (  # two words, both required
        "工匠 学院",
        "工匠 學院",
        ["001-72ab9001c2915723-05", "003-960ec6b5d8572fdb-05"],
    ),
    ("劳模 宣讲", "勞模 宣講", ["002-c7f0b331121c66af-01"]),
    # The whole phrase, in the title of 003's lead-in (办好重庆工会“十件实事”…), outranks
    # 001-05, which scores higher in lunr with 重庆 and 工会 far apart.
    ("重庆工会", "重慶工會", ["003-960ec6b5d8572fdb-01"]),
]


def _ids(answer: dict) -> list[str]:
    return [hit["docId"] for hit in answer["hits"] if hit.get("docId")]


@pytest.mark.parametrize("edition", EDITIONS)
def test_relevance_table(ask, edition):
    queries = [
        {"q": q} for simplified, traditional, _ in RELEVANCE for q in (simplified, traditional)
    ]
    answers = ask(edition, queries)
    for row, (simplified, traditional, first) in enumerate(RELEVANCE):
        hans, hant = answers[2 * row], answers[2 * row + 1]
        assert _ids(hans)[: len(first)] == first, (edition, simplified, _ids(hans))
        # Every Traditional query finds exactly what its Simplified twin finds.
        assert _ids(hant) == _ids(hans), (edition, traditional)


def test_ranking_before_lunr_agrees_with_lunr(ask):
    """Candidates are ranked in typed arrays and lunr scores the top; with lunr scoring only the
    best two or every candidate, the order and the scores are the same."""
    queries = [{"q": q} for q in ("工会", "重庆工会", "工匠 学院", "职工 服务", "劳动", "2024")]
    narrow = ask("zh", queries, lunr_top=2)
    full = ask("zh", queries, lunr_top=1_000_000)
    for a, b in zip(narrow, full, strict=True):
        assert [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]], a["q"]
        assert a["total"] == b["total"] > 2
        for x, y in zip(a["hits"], b["hits"], strict=True):
            assert x["score"] == pytest.approx(y["score"], rel=1e-12)


def test_whole_phrase_ranks_above_a_higher_scattered_score(ask):
    outscored = 0  # queries where a scattered hit scored above a phrase hit, and ranked below
    for answer in ask("zh", [{"q": q} for q in ("重庆工会", "工会驿站", "职工服务", "劳模工匠")]):
        phrase = [hit for hit in answer["hits"] if hit["phrase"]]
        scattered = [hit for hit in answer["hits"] if not hit["phrase"]]
        assert answer["hits"][: len(phrase)] == phrase, answer["q"]
        if phrase and scattered:
            outscored += max(h["score"] for h in scattered) > min(h["score"] for h in phrase)
    assert outscored


def test_every_word_is_required(ask):
    both, one, other = ask("zh", [{"q": "北碚 沙磁"}, {"q": "北碚"}, {"q": "沙磁"}])
    assert one["total"] == 1 and other["total"] == 1
    assert both["total"] == 0


@pytest.mark.parametrize("edition", EDITIONS)
def test_filters(ask, edition):
    district = "江北區" if edition == "zh-hant" else "江北区"
    unfiltered, by_year, by_column, by_district, none = ask(
        edition,
        [
            {"q": "工会"},
            {"q": "工会", "filters": {"year": 2023}},
            {
                "q": "工会",
                "filters": {"column": "渝工港灣" if edition == "zh-hant" else "渝工港湾"},
            },
            {"q": "工会", "filters": {"district": district}},
            {"q": "工会", "filters": {"year": 1999}},
        ],
    )
    assert unfiltered["total"] > by_year["total"] > 0
    assert all(id_.startswith("000-") for id_ in _ids(by_year))
    assert set(_ids(by_column)) == {"000-c3218b23d4d64f1e-02", "001-72ab9001c2915723-02"}
    assert _ids(by_district) == ["003-960ec6b5d8572fdb-03"]
    assert none["total"] == 0


def test_reader_text_is_never_lunr_syntax(ask):
    """`:` made lunr's idx.search throw, and ~ ^ + - * are operators there."""
    answers = ask(
        "zh", [{"q": q} for q in ("title:北碚", "北碚~2", "+北碚 -工会", "北*", "^", ":")]
    )
    # Plain words: "title" is a word no story has, "+北碚 -工会" asks for both.
    assert [a["total"] for a in answers[:4]] == [0, 1, 1, 0]
    assert answers[4]["total"] == answers[5]["total"] == 0


def test_a_later_query_reuses_what_it_fetched(ask):
    first, again, other = ask(
        "zh", [{"q": "工会驿站", "fresh": True}, {"q": "工会驿站"}, {"q": "北碚"}]
    )
    assert {f["path"] for f in first["files"]} >= {"meta.json"}
    assert again["files"] == []  # shards and documents are cached
    assert "meta.json" not in {f["path"] for f in other["files"]}
