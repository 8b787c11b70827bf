"""The packed posting text: the bulk encoder against the reference one, and the shards the
Python writer made for the seed archive read back by the browser's own decoders (Node)."""

from __future__ import annotations

import json
import subprocess
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from bulletin.search.packed import pack, packed_lists, unpack

ROOT = Path(__file__).resolve().parents[2]
EDGES = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 2**20 - 1, 2**20, 2**30, 2**32 - 1]


def test_bulk_encoder_is_the_reference_one():
    rng = np.random.default_rng(5)
    gaps = np.concatenate([EDGES, rng.integers(0, 40, 3000), rng.integers(0, 2**32, 500)])
    milli = np.concatenate([EDGES[::-1], rng.integers(0, 250_000, 3500)])
    bounds = np.array([0, 0, 1, 12, 12, 2000, len(gaps)])
    lists = packed_lists((gaps, milli), bounds)
    for text, (start, stop) in zip(lists, pairwise(bounds), strict=True):
        rows = zip(gaps[start:stop], milli[start:stop], strict=True)
        numbers = [int(n) for pair in rows for n in pair]
        assert text.decode("ascii") == pack(numbers)
        assert unpack(text.decode("ascii")) == numbers


def test_packed_text_is_short_and_needs_no_json_escape():
    assert pack([0, 31, 32, 1023, 1024]) == "Af" + "gB" + "_f" + "ggB"  # 1024: 0, 0, 1
    assert json.dumps(pack(EDGES)) == f'"{pack(EDGES)}"'
    with pytest.raises(ValueError):
        pack([2**32])
    with pytest.raises(ValueError):
        unpack("g")  # a number cut short


READ_IN_NODE = """
import { readFileSync, readdirSync } from "node:fs";
import { decodeField, decodeGaps, pack, unpack } from "./js/search.js";
const index = process.argv[1];
const meta = JSON.parse(readFileSync(`${index}/meta.json`, "utf8"));
// [segment name, shard] for each shard of each segment's folder.
const shards = (folder) => meta.segments.flatMap(([name]) =>
  readdirSync(`${index}/s/${name}/${folder}`).map((file) =>
    [name, JSON.parse(readFileSync(`${index}/s/${name}/${folder}/${file}`, "utf8"))]));
const terms = {};
const trigrams = {};
for (const [segment, shard] of shards("t")) {
  for (const [key, value] of Object.entries(shard)) {
    if (typeof value !== "string") continue; // a trigram's value is one packed text
    const held = decodeGaps(value, meta.documents);
    const numbers = [...held.keys()].filter((n) => held[n] === 1);
    if (unpack(value).reduce((a, b) => a + b, 0) !== numbers.at(-1)) throw new Error(key);
    trigrams[`${segment} ${key}`] = numbers;
  }
  for (const [term, fields] of Object.entries(shard)) {
    if (typeof fields === "string") continue;
    terms[`${segment} ${term}`] = fields.map((text) => {
      if (pack(unpack(text)) !== text) throw new Error(`pack: ${term}`); // warmUp's encoder
      const { refs, tfs } = decodeField(text);
      return [Array.from(refs), Array.from(tfs)];
    });
  }
}

process.stdout.write(JSON.stringify({ terms, trigrams }));
"""


def _python_reading(index: Path) -> tuple[dict, dict]:
    terms, trigrams = {}, {}
    for shard in index.glob("s/*/t/*.json"):
        segment = shard.parent.parent.name
        for term, fields in json.loads(shard.read_text(encoding="utf-8")).items():
            if isinstance(fields, str):  # a trigram: the articles holding it, packed gaps
                trigrams[f"{segment} {term}"] = np.cumsum(unpack(fields)).tolist()
                continue
            terms[f"{segment} {term}"] = []
            for text in fields:
                numbers = unpack(text)  # the article gaps, then the term frequencies
                half = len(numbers) // 2
                refs = np.cumsum(numbers[:half]).tolist()
                terms[f"{segment} {term}"].append([refs, numbers[half:]])
    return terms, trigrams


@pytest.mark.parametrize("edition", ["zh", "zh-hant"])
def test_browser_reads_what_python_wrote(node, built_search, edition):
    index = built_search / edition
    done = subprocess.run(
        [node, "--input-type=module", "-e", READ_IN_NODE, str(index)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    read = json.loads(done.stdout)
    terms, trigrams = _python_reading(index)
    assert len(terms) > 1000 and len(trigrams) > 1000
    assert read["terms"] == terms
    assert read["trigrams"] == trigrams
