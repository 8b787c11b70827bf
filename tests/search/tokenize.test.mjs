// The JavaScript tokenizer against the vectors the Python tokenizer is tested with.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { highlight, shardOf } from "../../js/search.js";
import { Tokenizer, parseFoldMap } from "../../js/tokenize.js";

const shared = JSON.parse(readFileSync(new URL("./token_vectors.json", import.meta.url), "utf8"));
const folded = new Tokenizer(parseFoldMap(shared.foldMap));
const plain = new Tokenizer();

for (const vector of shared.vectors) {
  test(`tokens: ${vector.name}`, () => {
    const tokenizer = vector.fold ? folded : plain;
    assert.deepEqual(tokenizer.tokens(vector.text), vector.tokens);
    assert.deepEqual(tokenizer.queryGroups(vector.text), vector.groups);
    assert.deepEqual(tokenizer.trigrams(vector.text), vector.trigrams);
  });
}

test("shard numbers match the Python build", () => {
  for (const { term, shards, shard } of shared.shards) {
    assert.equal(shardOf(term, shards), shard, term);
  }
});

test("spans are UTF-16 offsets into the original text, across astral characters", () => {
  const text = "𠀀𠀁，過程";
  for (const span of folded.spans(text)) {
    assert.equal(folded.fold(text.slice(span.start, span.end)), span.text);
  }
  assert.deepEqual(
    folded.spans(text).map((s) => [s.start, s.end]),
    [
      [0, 4],
      [5, 7],
    ],
  );
});

test("highlight marks the whole phrase, in the original script", () => {
  const segments = highlight("市總工會驛站建設", folded, [["工会", "会驿", "驿站"]]);
  assert.deepEqual(segments, [
    { text: "市總", mark: false },
    { text: "工會驛站", mark: true },
    { text: "建設", mark: false },
  ]);
});

test("highlight marks scattered tokens when the phrase is absent", () => {
  const marked = highlight("工会和驿站", plain, [["工会", "会驿", "驿站"]])
    .filter((s) => s.mark)
    .map((s) => s.text);
  assert.deepEqual(marked, ["工会", "驿站"]);
});

test("a long text is cut around the first match without splitting a character", () => {
  const text = `${"𠀀".repeat(200)}北碚${"甲".repeat(200)}`;
  const segments = highlight(text, plain, [["北碚"]], 60);
  assert.equal(segments[0].text, "…");
  assert.equal(segments.at(-1).text, "…");
  assert.ok(segments.some((s) => s.mark && s.text === "北碚"));
  for (const s of segments) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(s.text));
});
