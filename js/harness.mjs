// Runs the browser's search code (js/search.js) in Node against a built index on disk, the way a
// page would: fetch is replaced by reading files, and every file a query needs is counted with
// its gzip size. Used by the relevance tests (pytest) and by the benchmark.
//
//   node js/harness.mjs < request.json
//   request: {"index": "<edition folder>", "pageSize": 10, "lunrTop": 100 (optional),
//             "queries": [{"q": "工会驿站", "filters": {"year": 2024}, "fresh": false}, ...]}
//   answer:  one entry per query: total, hits (number, id, title, score, phrase), files fetched
//            for it (path, bytes, gzip), and milliseconds.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

import { ArchiveSearch, PAGE_SIZE } from "./search.js";

const require = createRequire(import.meta.url);
const lunr = require("lunr");

const request = JSON.parse(readFileSync(0, "utf8"));

function diskSearch(index, log) {
  return new ArchiveSearch({
    baseUrl: index,
    lunr,
    ...(request.lunrTop ? { lunrTop: request.lunrTop } : {}),
    fetchJson: async (path) => {
      const data = readFileSync(path);
      log.push({ path: relative(index, path), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length });
      return JSON.parse(data.toString("utf8"));
    },
  });
}

const pageSize = request.pageSize ?? PAGE_SIZE;
let log = [];
let search = diskSearch(request.index, log);
const answers = [];
for (const { q, filters = {}, fresh = false } of request.queries) {
  if (fresh) search = diskSearch(request.index, (log = []));
  log.length = 0;
  const started = performance.now();
  const found = await search.search(q, filters);
  const shown = await Promise.all(found.hits.slice(0, pageSize).map((hit) => search.document(hit.id)));
  const ms = performance.now() - started;
  answers.push({
    q,
    filters,
    total: found.total,
    groups: found.groups,
    hits: found.hits.map((hit, i) => ({ ...hit, docId: shown[i]?.id, title: shown[i]?.title })),
    files: [...log],
    ms,
  });
}
process.stdout.write(JSON.stringify(answers));
