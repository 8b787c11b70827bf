"""`python -m bulletin.hant`: the review list and a converter for editors at the terminal."""

from __future__ import annotations

import io

from bulletin.hant.__main__ import main

from .conftest import ARTICLES


def test_review_an_issue_folder(capsys):
    assert main(["review", str(ARTICLES[0].parent)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"## {sorted(ARTICLES[0].parent.glob('*.md'))[0]} (zh-hant)")
    assert "chose" in out


def test_convert_standard_input(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("副主席余敏为干部点赞"))
    assert main(["convert", "--edition", "zh-hant-hk"]) == 0
    assert capsys.readouterr().out == "副主席余敏為幹部點讚"
