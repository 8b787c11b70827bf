"""The preview's pure parts: the script tag added to a page, the 404 page a missing one gets,
and the errors read from what a build printed (as `python -m site_build` prints them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin.preview.errors import BuildError, build_errors
from bulletin.preview.page import SCRIPT_PATH, not_found_page, with_reload_script

ROOT = Path("/work/project")
TAG = f'<script src="{SCRIPT_PATH}" data-version="7" defer></script>'.encode()


def test_the_script_goes_before_the_last_closing_body_tag():
    page = "<html><body><p>正文 </body> in a quote</p>\n</BODY >\n</html>".encode()
    served = with_reload_script(page, 7)
    assert served == page.replace(b"\n</BODY >", b"\n" + TAG + b"</BODY >")
    assert served.decode("utf-8").count("正文") == 1  # the text around it is untouched


def test_a_page_without_a_body_tag_gets_the_script_at_its_end():
    assert with_reload_script(b"<p>x", 7) == b"<p>x" + TAG


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for path in ("404.html", "zh-hant/404.html", "zh-hant/articles/a.html", "articles/a.html"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("/nothing.html", "404.html"),
        ("/articles/gone.html", "404.html"),
        ("/zh-hant/articles/gone.html", "zh-hant/404.html"),
        ("/zh-hant/no/such/folder/", "zh-hant/404.html"),
        ("/zh-hant-hk/x.html", "404.html"),  # an edition the site does not have
        ("/zh-hant/../../../etc/passwd", "zh-hant/404.html"),  # never outside the site
        ("/articles/gone.html?q=1", "404.html"),
    ],
)
def test_a_missing_page_gets_the_nearest_404_page(site, url, page):
    assert not_found_page(site, url) == site / page


def test_a_site_without_a_404_page_has_none(tmp_path):
    assert not_found_page(tmp_path, "/x.html") is None


# What a build printed (through the preview, lines kept whole) when an article's header did
# not parse: plugins/mdit_reader's record, then Pelican's, once per edition.
BAD_HEADER = """\
5 issues, 20 articles: 0 written, 19 unchanged, 1 kept as edited, 0 removed; 11 warnings; 0.01s
warning seeds/003_960ec6b5d8572fdb.txt:89: paragraph starts mid-sentence ('老城洗车，开车过…')
Building /work/project/content → output/
[15:05:03] ERROR    content/articles/001/001-01.md:2: Date: 2024-13-45: month must be in 1..12      __init__.py:59
           ERROR    Could not process articles/001/001-01.md                                       generators.py:721
[15:05:03] ERROR    content/articles/001/001-01.md:2: Date: 2024-13-45: month must be in 1..12      __init__.py:59
           ERROR    Could not process articles/001/001-01.md                                       generators.py:721
  read 19 articles (5 issues), 8 columns, 14 districts
           WARNING  Something else, not an error                                                  generators.py:1
Built 19 articles in 5 issues, 1 page in 2 editions: 130 HTML files (176 with feeds) into output/ in 1.3 s
"""  # noqa: E501


def test_a_logged_error_is_read_with_its_file_and_line_once():
    assert build_errors(BAD_HEADER, 0, ROOT) == [
        BuildError("Date: 2024-13-45: month must be in 1..12", "content/articles/001/001-01.md", 2)
    ]


def test_an_error_of_several_lines_is_read_whole_and_without_a_place_when_it_names_none():
    printed = (
        "[10:00:00] ERROR    Could not write the sitemap:          sitemap.py:12\n"
        "                    disk full\n"
        "  read 19 articles (5 issues), 8 columns, 14 districts\n"
    )
    assert build_errors(printed, 0, ROOT) == [BuildError("Could not write the sitemap: disk full")]


def test_a_clean_build_has_no_errors():
    clean = "\n".join(line for line in BAD_HEADER.splitlines() if "ERROR" not in line)
    assert build_errors(clean, 0, ROOT) == []


# A build that failed on a template (status 1): the traceback as the runner prints it.
TEMPLATE_FAILURE = """\
Building /work/project/content → output/
Traceback (most recent call last):
  File "/work/project/plugins/site_build/runner.py", line 99, in build_and_exit
    build_site(settings_file, output, overrides=overrides)
  File "/usr/lib/python3.11/site-packages/jinja2/environment.py", line 942, in handle_exception
    raise rewrite_traceback_stack(source=source)
  File "/work/project/theme/templates/article.html", line 3, in template
    {% set issue = article.bulletin_issue %} {% if %}
    ^^^^^^^^^^^^^^^^^^^^^^^^^
jinja2.exceptions.TemplateSyntaxError: Expected an expression, got 'end of statement block'
build failed: /work/project/output was left as it was
"""


def test_a_failed_build_names_the_projects_innermost_frame_and_the_exception():
    assert build_errors(TEMPLATE_FAILURE, 1, ROOT) == [
        BuildError(
            "jinja2.exceptions.TemplateSyntaxError: Expected an expression, "
            "got 'end of statement block'",
            "theme/templates/article.html",
            3,
        )
    ]


def test_a_build_that_did_not_start_says_why():
    printed = "build not started: a build (pid 12) is running on content/\n"
    assert build_errors(printed, 1, ROOT) == [BuildError(printed.strip())]
    assert str(BuildError("m", "a.md", 2)) == "a.md:2: m"


def test_a_build_stopped_by_the_content_checks_names_each_file_and_line():
    printed = (
        "error: content/articles/a/a-01.md:2: Date: '2024-13-45' is not valid; expected a date\n"
        "error: “标题” (articles/a/a-01.md) would vanish: its header has errors (listed above)\n"
        "build stopped, output/ was left as it was: 1 story not published: …\n"
    )
    first, second = build_errors(printed, 1, Path("/project"))
    assert (first.file, first.line) == ("content/articles/a/a-01.md", 2)
    assert first.message.startswith("Date: '2024-13-45' is not valid")
    assert "would vanish" in second.message
