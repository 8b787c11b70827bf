// Runs Pagefind's own pagefind.js in Node against a bundle on disk, for the search benchmark
// (bench/search_bench.py): fetch is replaced by reading files, each counted with what it
// costs over the wire (Pagefind's index, fragment, meta and wasm files are gzip already;
// JavaScript and JSON are counted gzip -9).
//
//   node js/pagefind-harness.mjs < {"bundle": ".../pagefind", "results": 5,
//                                   "queries": [{"q": "工会", "fresh": true}, ...]}
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const request = JSON.parse(readFileSync(0, "utf8"));
const script = pathToFileURL(`${request.bundle}/pagefind.js`);
let log = [];

function cost(path, data) {
  return /\.(js|json)$/.test(path) ? gzipSync(data, { level: 9 }).length : data.length;
}

globalThis.fetch = async (input) => {
  const path = fileURLToPath(String(input).split("?")[0]);
  const data = readFileSync(path);
  log.push({ path: basename(path), bytes: data.length, gzip: cost(path, data) });
  return new Response(data);
};

let pagefind = null;
let instance = 0;
const answers = [];
for (const { q, fresh = false } of request.queries) {
  if (fresh || !pagefind) {
    instance += 1;
    pagefind = await import(`${script.href}?instance=${instance}`);
  }
  log = fresh ? [] : log;
  log.length = 0;
  if (fresh) {
    const data = readFileSync(fileURLToPath(script));
    log.push({ path: "pagefind.js", bytes: data.length, gzip: cost("pagefind.js", data) });
  }
  const started = performance.now();
  const found = await pagefind.search(q);
  const shown = await Promise.all(found.results.slice(0, request.results ?? 5).map((r) => r.data()));
  answers.push({
    q,
    total: found.results.length,
    urls: shown.map((page) => page.url),
    files: [...log],
    ms: performance.now() - started,
  });
}
process.stdout.write(JSON.stringify(answers));
