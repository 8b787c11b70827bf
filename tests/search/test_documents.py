"""The text the index holds of each article: a quick reading of our renderer's markup that must
say exactly what HTMLParser says, for every page of both editions and for hostile input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.hant import TRADITIONAL, converter_for
from bulletin.render import markdown_to_html, split_header
from bulletin.search.documents import _BLANK_LINES, _TextCollector, text_from_html

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))


def _parsed(html: str) -> str:
    """The reference: HTMLParser's reading, as text_from_html always did."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _BLANK_LINES.sub("\n\n", "".join(collector.parts)).strip()


def test_every_article_of_both_editions_reads_as_htmlparser_reads_it(tmp_path):
    traditional = converter_for(TRADITIONAL, cache_dir=tmp_path)
    assert len(ARTICLES) == 21
    for path in ARTICLES:
        html = markdown_to_html(split_header(path.read_text(encoding="utf-8"))[1])
        for page in (html, traditional.convert_html(html)):
            text = text_from_html(page)
            assert text == _parsed(page), path
            assert "<" not in text and len(text) > 50


HOSTILE = [
    "<p>正文<img src=x onerror=\"alert('图')\">，{% include 'base.html' %}</p>",
    '<p>a <a href="/x" title="a>b">链接</a> &amp; &lt;script&gt; &#x4e2d;&#25991; &nbsp;</p>',
    "<p>注释<!-- 不是正文 -->之后</p><script>var x = '<p>';</script><style>p{}</style>",
    "<P>大写<BR/>换行</P><ul><li>一</li><li>二</li></ul>",
    "<p>1 < 2 and 3 > 2, a<b</p>",
    "<p>未闭合 <a href='x'",
    "</ p><p>正文</p><?xml version='1.0'?><![CDATA[x]]>",
]


def test_hostile_markup_reads_as_htmlparser_reads_it():
    for html in HOSTILE:
        assert text_from_html(html) == _parsed(html), html


_pieces = st.sampled_from(
    ["<p>", "</p>", "<br>", "<br/>", "<li>", "<em>", "</em>", '<a href="/a" title="x>y">',
     "</a>", "干部", "&amp;", "&lt;", "&#20013;", "&", "<", ">", " ", "\n", "<!-- c -->",
     "<script>1<2</script>", "'", '"', "<h2>", "</h2>", "<div class='a'>", "</div>"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=25))
def test_generated_markup_reads_as_htmlparser_reads_it(pieces):
    html = "".join(pieces)
    assert text_from_html(html) == _parsed(html)
