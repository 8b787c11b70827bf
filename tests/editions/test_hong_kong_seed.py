"""The seed archive with the Hong Kong edition enabled: people's names as the Hong Kong edition
prints them, in the article, its structured data and the feeds (the links to the twins are
checked page by page in test_links.py)."""

from __future__ import annotations

import feedparser
import pytest

CREDITED = (
    "articles/004-3a1c797ee19f5817-01.html"  # Authors: 陶永国, 潘锋; Photographers: 北碚区总工会
)


def test_credited_people_in_the_hong_kong_article(seed_with_hong_kong):
    master = seed_with_hong_kong.page(CREDITED)
    page = seed_with_hong_kong.page(f"zh-hant-hk/{CREDITED}")
    assert page.lang == "zh-Hant-HK"
    assert "陶永国" in master.text and "陶永国" not in page.text
    for shown in ("陶永國", "潘鋒", "北碚區總工會"):
        assert shown in page.text
    (article,) = [d for d in page.json_ld() if d.get("@type") == "NewsArticle"]
    assert [author["name"] for author in article["author"]] == ["陶永國", "潘鋒"]


def test_credited_people_in_the_hong_kong_feed(seed_with_hong_kong):
    feed = feedparser.parse(seed_with_hong_kong.root / "zh-hant-hk" / "feeds" / "all.atom.xml")
    authors = {author.get("name") for entry in feed.entries for author in entry.get("authors", [])}
    assert "陶永國" in authors  # Pelican's feeds name an entry's first author only
    assert "陶永国" not in authors


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("articles/000-c3218b23d4d64f1e-01.html", "維修技師譚里民"),  # 里 stays in a given name
        ("articles/002-c7f0b331121c66af-01.html", "勞模温定軍、劉永明、魏光付等"),  # a list
        ("articles/002-c7f0b331121c66af-01.html", "工程師袁銘發"),  # not 髮 (发结合)
        ("articles/003-960ec6b5d8572fdb-03.html", "中心主任顏飛介紹"),
        ("articles/003-960ec6b5d8572fdb-03.html", "司機田同説"),  # Hong Kong's 説
        ("articles/003-960ec6b5d8572fdb-03.html", "支部書記肖和介紹"),
    ],
)
def test_titled_people_in_the_hong_kong_edition(seed_with_hong_kong, page, shown):
    assert shown in seed_with_hong_kong.page(f"zh-hant-hk/{page}").text


@pytest.mark.parametrize(
    "page", ["articles/002-c7f0b331121c66af-01.html", "articles/004-3a1c797ee19f5817-01.html"]
)
def test_a_word_ending_in_a_surname_still_converts_in_hong_kong(seed_with_hong_kong, page):
    text = seed_with_hong_kong.page(f"zh-hant-hk/{page}").text  # 劳动模范陈贞: 范 ends 模范
    assert "模範" in text and "模范" not in text
