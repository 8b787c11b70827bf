"""The no-convert mark {{…}}: invisible in every edition, its inside never converted."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from bulletin.hant import no_convert_phrases, no_convert_plugin, strip_no_convert_marks


@pytest.fixture(scope="module")
def md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).use(no_convert_plugin)


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("副主席{{余华}}说", '<p>副主席<span translate="no">余华</span>说</p>\n'),
        (
            "[{{余华}}](/a/{{b}}/)",
            '<p><a href="/a/%7B%7Bb%7D%7D/"><span translate="no">余华</span></a></p>\n',
        ),
        ("`{{余华}}`", "<p><code>{{余华}}</code></p>\n"),
        ("\\{{余华}}", "<p>{{余华}}</p>\n"),  # escaped: literal braces
        ("{{余\n华}}", "<p>{{余\n华}}</p>\n"),  # a mark stays on one line
        ("{{}}", "<p>{{}}</p>\n"),
    ],
)
def test_markdown_plugin(md, markdown, html):
    assert md.render(markdown) == html


def test_plain_text_marks(tw, hk):
    title = "副主席{{余华}}为干部点赞"
    assert strip_no_convert_marks(title) == "副主席余华为干部点赞"
    assert tw.convert(title) == "副主席余华為幹部點讚"
    assert hk.convert(title) == "副主席余华為幹部點讚"  # 华 stays Simplified: as the editor wrote
    assert no_convert_phrases(title + "，{{范某}}") == {"余华", "范某"}


def test_a_mark_cuts_phrase_context(tw):
    # the text on either side of a kept name is converted on its own
    assert tw.convert("头{{X}}发") == "頭X發"


def test_rendered_mark_survives_html_conversion(md, tw):
    html = md.render("副主席{{余华}}说，{{范某}}的头发")
    assert tw.convert_html(html) == (
        '<p>副主席<span translate="no">余华</span>說，<span translate="no">范某</span>的頭髮</p>\n'
    )


def test_raw_marks_in_html_text_and_attributes(tw):
    html = '<p title="{{余华}}在会上">副主席{{余华}}说</p>'
    assert tw.convert_html(html) == '<p title="余华在會上">副主席余华說</p>'
