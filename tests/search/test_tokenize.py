"""The Python tokenizer against the vectors shared with js/tokenize.js, and against the
JavaScript tokenizer itself on random text."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from bulletin.search.foldmap import (
    TO_SIMPLIFIED,
    TO_TRADITIONAL,
    _converter,
    build_fold_map,
    simplify_char,
)
from bulletin.search.index import shard_of
from bulletin.search.postings import CJK_CLASS, CLASSES
from bulletin.search.tokenize import Tokenizer

SHARED = json.loads(Path(__file__).with_name("token_vectors.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[2]
FOLD_CHARS = list(SHARED["foldMap"])
FOLD_MAP = dict(zip(FOLD_CHARS[0::2], FOLD_CHARS[1::2], strict=True))


@pytest.mark.parametrize("vector", SHARED["vectors"], ids=lambda v: v["name"])
def test_shared_vectors(vector):
    tokenizer = Tokenizer(FOLD_MAP if vector["fold"] else None)
    assert tokenizer.tokens(vector["text"]) == vector["tokens"]
    assert tokenizer.query_groups(vector["text"]) == vector["groups"]
    assert tokenizer.trigrams(vector["text"]) == vector["trigrams"]


def test_shared_shard_numbers():
    for case in SHARED["shards"]:
        assert shard_of(case["term"], case["shards"]) == case["shard"]


def test_spans_point_into_the_original_text():
    tokenizer = Tokenizer(FOLD_MAP)
    text = "工會驛站𠀀𠀁 ＡＢＣ"
    for token in tokenizer.spans(text):
        assert tokenizer.fold(text[token.start : token.end]) == token.text


def test_fast_and_span_paths_agree():
    tokenizer = Tokenizer(FOLD_MAP)
    text = "北碚區總工會2024年“沙磁良緣”Café 𠀀𠀁。"
    assert tokenizer.tokens(text) == [t.text for t in tokenizer.spans(text)]


def test_fold_map_makes_traditional_and_simplified_meet():
    fold_map = build_fold_map(["陈大林在北碚区工会驿站", "陳大林在北碚區工會驛站"])
    tokenizer = Tokenizer(fold_map)
    assert tokenizer.tokens("陳大林在北碚區工會驛站") == tokenizer.tokens("陈大林在北碚区工会驿站")
    assert all(len(key) == 1 and len(value) == 1 for key, value in fold_map.items())
    # The map holds forms a reader may type that the archive never printed (Hong Kong 着 for 著).
    assert "會" in fold_map and "區" in fold_map


def test_fold_map_is_limited_to_the_archive_and_has_no_chains():
    fold_map = build_fold_map(["工会"])
    assert set(fold_map) <= {"會", "工"} | set(fold_map)
    assert len(fold_map) < 10
    big = build_fold_map(["發髮過着著裡為"])
    assert all(big.get(target, target) == target for target in big.values())
    assert simplify_char("髮") == "发"


@pytest.mark.parametrize("config", [*TO_SIMPLIFIED, *TO_TRADITIONAL])
def test_the_fold_maps_light_configs_convert_every_cjk_character_as_opencc_does(config):
    """The fold map converts one character at a time with OpenCC's configs stripped of their
    phrase dictionaries (they load 100 times faster); for every CJK character the result must
    be the full config's. Run again whenever OpenCC is upgraded."""
    import opencc

    chars = "\n".join(chr(code) for code in np.flatnonzero(CLASSES == CJK_CLASS))
    assert len(chars) > 2 * 100_000
    light = _converter(config)
    assert "Phrases" not in Path(light.config).read_text(encoding="utf-8")
    assert light.convert(chars) == opencc.OpenCC(config).convert(chars)


def _random_text(rng: random.Random) -> str:
    pools = [
        "北碚區工會驛站沙磁良緣陳大林发髮過过着著裡里為为",
        "abcXYZ019ＡＢＣ１２３éÉßÿ×÷",
        " \u3000\t，。“”、：-_/",
        "𠀀𠀁𠁞😀カタ한국\uf900",
    ]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randrange(0, 30)))


def test_python_and_javascript_tokenize_random_text_alike(node):
    rng = random.Random(5)
    texts = [_random_text(rng) for _ in range(400)]
    module = json.dumps((ROOT / "js" / "tokenize.js").as_uri())
    script = (
        f"import {{Tokenizer, parseFoldMap}} from {module};"
        "import {readFileSync} from 'node:fs';"
        "const input = JSON.parse(readFileSync(0, 'utf8'));"
        "const t = new Tokenizer(parseFoldMap(input.fold));"
        "const out = input.texts.map((x) => [t.tokens(x), t.queryGroups(x), t.trigrams(x)]);"
        "console.log(JSON.stringify(out));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps({"fold": SHARED["foldMap"], "texts": texts}),
        capture_output=True,
        text=True,
        check=True,
    )
    tokenizer = Tokenizer(FOLD_MAP)
    expected = [
        [tokenizer.tokens(x), tokenizer.query_groups(x), tokenizer.trigrams(x)] for x in texts
    ]
    assert json.loads(done.stdout) == expected


def test_fold_map_is_read_back_for_the_same_characters(tmp_path, monkeypatch):
    import bulletin.search.foldmap as foldmap

    cache_file = tmp_path / "fold.json"
    made = build_fold_map(["工會驛站 頭髮"], cache_file)
    assert made == build_fold_map(["工會驛站 頭髮"]) and cache_file.exists()

    def no_opencc(_used):
        raise AssertionError("the map was made again")

    with monkeypatch.context() as patched:
        patched.setattr(foldmap, "_fold_map", no_opencc)
        # The same characters in another order and with other text: the kept map.
        assert build_fold_map(["頭髮 abc 站驛會工"], cache_file) == made
    # A new character: made again, and it now folds.
    assert build_fold_map(["工會驛站 頭髮 發"], cache_file)["發"] == "发"
    # Other OpenCC configurations (a change to characters_only, say): made again.
    with monkeypatch.context() as patched:
        patched.setattr(foldmap, "_fold_map", no_opencc)
        patched.setattr(foldmap, "_light_config", lambda name: {"changed": name})
        with pytest.raises(AssertionError, match="made again"):
            build_fold_map(["工會驛站 頭髮 發"], cache_file)
    # A damaged file is no map at all.
    cache_file.write_text("{not json", encoding="utf-8")
    assert build_fold_map(["工會驛站 頭髮"], cache_file) == made
