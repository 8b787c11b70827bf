"""The glossary file format, and the known OpenCC traps, each shown to be real."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import opencc
import pytest

from bulletin.hant import (
    TRADITIONAL,
    ConversionOptions,
    GlossaryError,
    converter_for,
    load_glossary,
    parse_glossary,
    review_list,
)
from bulletin.hant.config import edition_config, write_config
from bulletin.hant.wheel import SHARE_DIR, builtin_config

GLOSSARY = Path(__file__).resolve().parents[2] / "glossary"

# ---- the file format ---------------------------------------------------------------------


def test_sections_comments_and_edition_overrides():
    glossary = parse_glossary(
        "# a comment\n[all]\n余先生 = 余先生   # surname\n了解 = 瞭解\n"
        "\n[zh-hant-hk]\n了解 = 了解\n"
    )
    assert glossary.entries_for("zh-hant") == {"余先生": "余先生", "了解": "瞭解"}
    assert glossary.entries_for("zh-hant-hk") == {"余先生": "余先生", "了解": "了解"}
    assert glossary.unknown_sections({"zh-hant"}) == ["zh-hant-hk"]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("余先生 = 余先生\n", "put a section"),
        ("[all]\n余先生 = 余先生\n余先生 = 餘先生\n", r"already in \[all\]"),
        ("[all]\n点赞 = 點讚讚\n", "same number"),
        ("[all]\n点赞\n", "expected"),
        ("[all]\n点 赞 = 點 讚\n", "no spaces"),
    ],
)
def test_bad_lines_are_named_with_file_and_line(text, complaint):
    with pytest.raises(GlossaryError, match=complaint) as raised:
        parse_glossary(text, "names.txt")
    assert "names.txt:" in str(raised.value)


def test_a_folder_is_one_glossary(tmp_path):
    (tmp_path / "names.txt").write_text("[all]\n余敏 = 余敏\n", encoding="utf-8")
    (tmp_path / "places.txt").write_text("[all]\n澄江 = 澄江\n", encoding="utf-8")
    assert load_glossary(tmp_path).entries_for("zh-hant") == {"余敏": "余敏", "澄江": "澄江"}
    (tmp_path / "more.txt").write_text("[all]\n余敏 = 餘敏\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="already"):
        load_glossary(tmp_path)


def test_the_repository_glossary_loads_and_covers_issue_4():
    entries = load_glossary(GLOSSARY).entries_for("zh-hant")
    for phrase in ("余先生", "余敏", "范某某", "被发", "了如何", "点赞"):
        assert phrase in entries


# ---- the traps, verified on the installed wheel -------------------------------------------


def test_trap_relative_dictionary_paths_are_not_found_outside_the_wheel(tmp_path):
    copy = tmp_path / "s2tw.json"
    shutil.copy(SHARE_DIR / "s2tw.json", copy)
    with pytest.raises(RuntimeError, match=r"STPhrases\.ocd2"):
        opencc.OpenCC(str(copy))
    absolute = builtin_config("s2tw")
    files = _files(absolute)
    assert files and all(Path(file).is_absolute() and Path(file).exists() for file in files)


def _files(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "file"] + _files(list(node.values()))
    if isinstance(node, list):
        return [file for item in node for file in _files(item)]
    return []


def _without(config: dict, where: str) -> dict:
    """The glossary config with the glossary taken out of segmentation or the chain."""
    if where == "segmentation":
        config["segmentation"]["dict"]["dicts"].pop(0)
    else:
        config["conversion_chain"][0]["dict"]["dicts"].pop(0)
    return config


@pytest.mark.parametrize(
    ("where", "text", "wrong", "right"),
    [
        # 被发 is an OpenCC phrase: without the glossary in segmentation, 被发|放 is cut first
        ("segmentation", "工资被发放", "工資被髮放", "工資被發放"),
        # in segmentation only, the chain never looks the override up
        ("chain", "余先生说", "餘先生說", "余先生說"),
    ],
)
def test_trap_the_glossary_must_be_in_segmentation_and_chain(cache_dir, where, text, wrong, right):
    glossary = {"被发放": "被發放", "余先生": "余先生"}
    whole = edition_config("s2tw", glossary)
    assert opencc.OpenCC(str(write_config("t", whole, cache_dir))).convert(text) == right
    half = _without(edition_config("s2tw", glossary), where)
    assert opencc.OpenCC(str(write_config("t", half, cache_dir))).convert(text) == wrong


OPENCC_ONLY = ConversionOptions(credited_names=False, titled_names=False, boundaries=False)


def test_trap_a_longer_phrase_starting_earlier_wins(cache_dir):
    text = "城口县志愿者嘉许激励办法"
    word = parse_glossary("[all]\n志愿 = 志願\n")
    only_word = converter_for(TRADITIONAL, word, cache_dir, OPENCC_ONLY)
    assert only_word.convert(text).startswith("城口縣誌願者")  # 县志 (county annals) won
    [item] = [i for i in review_list(text, only_word) if i.kind == "glossary-shadowed"]
    assert (item.source, item.chosen, item.candidates) == ("志愿", "誌願", ("志願",))
    compound = parse_glossary("[all]\n志愿 = 志願\n县志愿 = 縣志願\n")
    with_compound = converter_for(TRADITIONAL, compound, cache_dir, OPENCC_ONLY)
    assert with_compound.convert(text).startswith("城口縣志願者")
    # word boundaries (县|志愿者) do without the compound
    assert converter_for(TRADITIONAL, word, cache_dir).convert(text).startswith("城口縣志願者")


def test_glossary_output_still_goes_through_the_regional_variant_step(cache_dir):
    from bulletin.hant import HONG_KONG

    glossary = parse_glossary("[all]\n平台 = 平臺\n")
    assert converter_for(HONG_KONG, glossary, cache_dir).convert("平台") == "平台"


# ---- one converter per process ------------------------------------------------------------


def test_one_converter_per_edition_and_glossary(cache_dir, tmp_path):
    file = tmp_path / "g.txt"
    file.write_text("[all]\n点赞 = 點讚\n", encoding="utf-8")
    first = converter_for(TRADITIONAL, file, cache_dir)
    assert converter_for(TRADITIONAL, file, cache_dir) is first
    file.write_text("[all]\n点赞 = 點贊\n余先生 = 余先生\n", encoding="utf-8")
    os.utime(file, ns=(1, 1))  # a different stamp even within one clock tick
    second = converter_for(TRADITIONAL, file, cache_dir)
    assert second is not first
    assert second.convert("点赞的余先生") == "點贊的余先生"


def test_config_file_is_written_once_and_is_valid_json(tw):
    config = json.loads(tw.config_path.read_text(encoding="utf-8"))
    assert config["conversion_chain"][0]["dict"]["dicts"][0]["type"] == "inline"
    assert tw.config_path.name.startswith("zh-hant-")


def test_converter_pickles_as_a_recipe_for_worker_processes(tw):
    assert pickle.loads(pickle.dumps(tw)) is tw  # same process: the cached one
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(tw.convert, "余先生的干部点赞").result() == "余先生的幹部點讚"
