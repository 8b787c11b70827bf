"""The "nothing left unconverted" check the site tests will run on every Traditional page."""

from __future__ import annotations

from bulletin.hant import find_unconverted, find_unconverted_html, no_convert_phrases


def test_converted_seed_archive_is_clean_in_both_editions(tw, hk, seed_text):
    for converter in (tw, hk):
        assert find_unconverted(converter.convert(seed_text), converter) == []


def test_forgotten_simplified_text_is_found(tw):
    [leftover] = find_unconverted(tw.convert("余先生在发布会上") + "，这里没转", tw)
    assert (leftover.found, leftover.again, leftover.where) == ("这里没转", "這裡沒轉", "text")
    assert "發布會" in leftover.context


def test_glossary_kept_characters_are_not_leftovers(tw):
    assert find_unconverted("副主席余敏和余先生", tw) == []
    # 余 outside a glossary phrase is one OpenCC may print for itself (余 -> 餘/余): not flagged
    # either; a wholly unconverted string always has characters that cannot stay, like 们 or 发
    assert find_unconverted("余敏", tw) == find_unconverted("余", tw) == []


def test_a_second_pass_disagreeing_on_its_own_output_is_not_a_leftover(tw):
    # 风采 -> 風采, but 采 alone converts to 採: a second pass would change it
    assert tw.convert_plain("風采") == "風採"
    assert find_unconverted(tw.convert("风采"), tw) == []


def test_html_leftovers_name_the_attribute(tw):
    page = tw.convert_html('<p title="干部">头发</p>') + '<img alt="我们的发布会">'
    [leftover] = find_unconverted_html(page, tw)
    assert (leftover.found, leftover.again, leftover.where) == ("们的发布会", "們的發布會", "alt")


def test_code_and_kept_elements_are_not_checked(tw):
    page = '<p>幹部<code>我们</code><span translate="no">我们</span></p>'
    assert find_unconverted_html(page, tw) == []


def test_kept_names_shown_without_their_mark(tw):
    markdown = "Title: {{张伟们}}的故事"
    title = tw.convert(markdown.removeprefix("Title: "))
    page = f"<title>{title}</title><h1>{title}</h1>"
    assert [item.found for item in find_unconverted_html(page, tw)] == ["张伟们", "张伟们"]
    assert find_unconverted_html(page, tw, keep=no_convert_phrases(markdown)) == []
