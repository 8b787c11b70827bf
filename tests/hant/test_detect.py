"""A partner's Traditional submission is recognised and becomes a Simplified master."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import opencc
import pytest

from bulletin.hant import guess_script, simplified_master, to_simplified
from bulletin.ingest.decode import decode_bytes

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [decode_bytes(path.read_bytes()).text or "" for path in SEEDS]


def test_simplified_seeds_pass_through_untouched(seed_texts):
    for text in seed_texts:
        master = simplified_master(text)
        assert not master.converted and master.text is text and master.note == ""


def test_traditional_versions_of_the_seeds_come_back_as_the_seeds(tw, hk, seed_texts):
    for text in seed_texts:
        for converter in (tw, hk):
            master = simplified_master(converter.convert(text))
            assert master.converted and "raw text is Traditional" in master.note
            # seed 002 writes the company 百龄祥昇 with a Traditional 昇; t2s makes it 升
            assert len(master.text) == len(text)
            pairs = enumerate(zip(text, master.text, strict=True))
            differences = [i for i, (a, b) in pairs if a != b]
            assert all(text[i] == "昇" for i in differences)


@pytest.mark.parametrize(
    ("partner", "master"),
    [
        ("他接著說：衞生工作著力於群眾", "他接着说：卫生工作着力于群众"),  # Taiwan and HK forms
        ("著名作家的著作很顯著", "著名作家的著作很显著"),  # 著 as in 著作 stays
        ("裡程碑與裏程碑都是里程碑", "里程碑与里程碑都是里程碑"),
        ("乾隆年間乾淨的頭髮", "乾隆年间干净的头发"),
    ],
)
def test_taiwan_and_hong_kong_forms_become_standard_simplified(partner, master):
    assert to_simplified(partner) == master


def test_plain_t2s_would_leave_taiwan_zhe_in_the_master():
    assert opencc.OpenCC("t2s").convert("接著說") == "接著说"


def test_no_tofu_risk_characters_in_the_master():
    # t2s's tofu-risk dictionary maps 遱 to U+2B437, which many fonts cannot show
    assert opencc.OpenCC("t2s").convert("遱") != "遱"
    assert to_simplified("遱") == "遱"


@pytest.mark.parametrize(
    "text",
    [
        "臺灣",  # too short to tell
        "本报讯 重庆市总工会与「臺灣」「香港」两地工会代表座谈，交流职工服务经验。",
        "",
    ],
)
def test_simplified_or_too_little_evidence_stays(text):
    assert not guess_script(text).is_traditional


def test_kept_character_tables_match_a_fresh_conversion(tmp_path, monkeypatch):
    """The tables of characters each conversion changes alone are kept on disk between
    ingests; kept, damaged or missing, they say the same as converting every code point."""
    from bulletin.hant import detect

    monkeypatch.setattr(detect, "DEFAULT_CACHE_DIR", tmp_path)
    codes = np.array([c for first, last in detect.HAN_RANGES for c in range(first, last + 1)])
    for name in ("t2s", "s2t"):
        fresh = detect._changed_alone_codes(name, codes)
        (kept,) = tmp_path.glob(f"changed-alone-{name}-*.txt")
        assert np.array_equal(detect._changed_alone_codes(name, codes), fresh)
        kept.write_text(kept.read_text(encoding="utf-8")[:-5], encoding="utf-8")  # damaged
        assert np.array_equal(detect._changed_alone_codes(name, codes), fresh)
        assert kept.read_text(encoding="utf-8").split("\n", 1)[0] == str(len(fresh))
    assert ord("們") in detect._changed_alone_codes("t2s", codes)
    assert ord("们") in detect._changed_alone_codes("s2t", codes)
