// Archive search in the browser: lunr.js over lazily fetched index shards.
//
// The build (bulletin/search/index.py) writes, per edition, meta.json, term shards t/<n>.json,
// trigram shards p/<n>.json, one store file per article d/<n>.json and facet lists f/c<i>.json,
// f/d<i>.json. A query fetches meta.json once, then only the shards that hold its terms (and,
// for three or more CJK characters, its trigrams); from those postings it assembles a small
// lunr.Index (lunr's own Index, Vector and TokenSet) and asks it with idx.query, never
// idx.search: a reader's text would be parsed as lunr query syntax, and lunr's default pipeline
// (trimmer, stop words, stemmer) would delete Chinese tokens.
//
// Scores are lunr's: each posting carries the score lunr's builder gives that term in that field
// of that article, which is the only part of an article's vector a query's dot product reads.
// Building lunr objects for every one of 20,000 matching articles takes far longer than a phone
// may: the candidates are ranked first with lunr's own formula in typed arrays (for required
// terms, lunr's score is the sum of the postings' scores over the square root of the number of
// terms), and lunr.Index.query then scores the top of that ranking (lunrTop articles), which is
// all a reader sees first. tests/search/test_relevance.py checks that both orders agree.

import { Tokenizer, parseFoldMap } from "./tokenize.js";

export const PAGE_SIZE = 10;
// How many of the best candidates lunr itself scores and orders: the first two pages. Its cost
// grows with them (80 ms for 100 on a 4x throttled CPU); the typed-array order of the others is
// the same (tests/search/test_relevance.py).
export const LUNR_TOP = 2 * PAGE_SIZE;
// How many of the best results' records a search fetches while lunr scores (a phone's screen).
export const PREFETCH = 3;

// FNV-1a over code points, as bulletin/search/index.py shard_of.
export function shardOf(term, shards) {
  let value = 0x811c9dc5;
  for (const char of term) {
    value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0;
  }
  return value % shards;
}

async function fetchJsonOverHttp(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

function joinUrl(base, path) {
  return base.endsWith("/") ? base + path : `${base}/${path}`;
}

// Postings of one field as the build encodes them: article gap, score x 1000, ...
function decodeField(flat) {
  const count = flat.length / 2;
  const refs = new Int32Array(count);
  const scores = new Float64Array(count);
  let number = 0;
  for (let i = 0; i < count; i += 1) {
    number += flat[2 * i];
    refs[i] = number;
    scores[i] = flat[2 * i + 1] / 1000;
  }
  return { refs, scores };
}

// Article numbers as a bitmap (one byte an article): far lighter than a Set of thousands.
function decodeGaps(gaps, count) {
  const held = new Uint8Array(count);
  let number = 0;
  for (const gap of gaps) held[(number += gap)] = 1;
  return held;
}

// Whole-phrase matches first, then the higher score, then the newer article.
function byRank(a, b) {
  return b.phrase - a.phrase || b.score - a.score || b.id - a.id;
}

// The candidates of a query with their scores: the best few found in one pass, the whole
// order only on demand.
class Ranking {
  constructor(ids, sums, norm, phraseSets) {
    this.ids = ids;
    this.sums = sums;
    this.norm = norm;
    this.phraseSets = phraseSets;
  }

  hit(id) {
    return {
      id,
      score: this.sums[id] / this.norm,
      phrase: this.phraseSets.every((set) => set[id] === 1),
    };
  }

  // The best `limit` hits in order: a sorted list of at most `limit` that a candidate enters
  // only when it beats the worst of them.
  best(limit) {
    const top = [];
    for (const id of this.ids) {
      if (top.length === limit) {
        const worst = top[limit - 1];
        // Scores first: most candidates lose to the worst of the list right here.
        if (worst.phrase && this.sums[id] / this.norm < worst.score) continue;
        const hit = this.hit(id);
        if (byRank(hit, worst) >= 0) continue;
        top.pop();
        top.splice(insertionPoint(top, hit), 0, hit);
      } else {
        const hit = this.hit(id);
        top.splice(insertionPoint(top, hit), 0, hit);
      }
    }
    this.top = top;
    return top.map((hit) => ({ ...hit }));
  }

  // Every hit in order but those `best` returned, which come first.
  rest() {
    const topIds = new Set((this.top || []).map((hit) => hit.id));
    const rest = [];
    for (const id of this.ids) if (!topIds.has(id)) rest.push(this.hit(id));
    return rest.sort(byRank);
  }
}

function insertionPoint(sorted, hit) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (byRank(sorted[middle], hit) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

// A query's results: `total`, `slice(start, end)` of the ordered hits, and `hits`, all of them.
export class Found {
  constructor(query, groups, terms, top = [], ranking = null) {
    this.query = query;
    this.groups = groups;
    this.terms = terms;
    this.top = top;
    this.ranking = ranking;
    this.total = ranking ? ranking.ids.length : 0;
    this.all = null;
  }

  get hits() {
    this.all ??= this.ranking ? this.top.concat(this.ranking.rest()) : [];
    return this.all;
  }

  slice(start, end) {
    return end <= this.top.length ? this.top.slice(start, end) : this.hits.slice(start, end);
  }
}

export class ArchiveSearch {
  // baseUrl: the edition's index folder; lunr: the lunr.js global; fetchJson: url -> object.
  // prefetch: how many of the best results' records to fetch as soon as they are known.
  constructor({
    baseUrl,
    lunr,
    fetchJson = fetchJsonOverHttp,
    lunrTop = LUNR_TOP,
    prefetch = PREFETCH,
  }) {
    this.baseUrl = baseUrl;
    this.lunrTop = lunrTop;
    this.prefetch = prefetch;
    this.lunr = lunr;
    this.fetchJson = fetchJson;
    this.files = new Map(); // path -> Promise of parsed JSON, so nothing is fetched twice
    this.postings = new Map(); // term -> decoded postings per field, or null when absent
    this.phrases = new Map(); // trigram -> bitmap of the articles holding it
    this.metaPromise = null;
  }

  load(path) {
    if (!this.files.has(path)) {
      const promise = this.fetchJson(joinUrl(this.baseUrl, path));
      promise.catch(() => this.files.delete(path)); // let a later query retry
      this.files.set(path, promise);
    }
    return this.files.get(path);
  }

  ready() {
    if (!this.metaPromise) {
      this.metaPromise = this.load("meta.json").then((meta) => {
        this.meta = meta;
        this.tokenizer = new Tokenizer(parseFoldMap(meta.fold));
        return meta;
      });
    }
    return this.metaPromise;
  }

  async loadTerms(terms) {
    const missing = terms.filter((term) => !this.postings.has(term));
    const shards = [...new Set(missing.map((term) => shardOf(term, this.meta.shards)))];
    const loaded = await Promise.all(shards.map((n) => this.load(`t/${n}.json`)));
    const byShard = new Map(shards.map((n, i) => [n, loaded[i]]));
    for (const term of missing) {
      const encoded = byShard.get(shardOf(term, this.meta.shards))[term];
      this.postings.set(term, encoded ? encoded.map(decodeField) : null);
    }
  }

  async loadTrigrams(trigrams) {
    const missing = trigrams.filter((key) => !this.phrases.has(key));
    const count = this.meta.phraseShards;
    const shards = [...new Set(missing.map((key) => shardOf(key, count)))];
    const loaded = await Promise.all(shards.map((n) => this.load(`p/${n}.json`)));
    const byShard = new Map(shards.map((n, i) => [n, loaded[i]]));
    for (const key of missing) {
      const gaps = byShard.get(shardOf(key, count))[key] || [];
      this.phrases.set(key, decodeGaps(gaps, this.meta.documents));
    }
  }

  // A lunr.Index holding just these terms and, of their postings, those of the given articles:
  // lunr matches and scores those articles exactly as it would with the whole index.
  indexFor(terms, articles) {
    const lunr = this.lunr;
    const fields = this.meta.fields;
    const invertedIndex = Object.create(null);
    const vectors = new Map();
    terms.forEach((term, termIndex) => {
      const entry = { _index: termIndex };
      this.postings.get(term).forEach(({ refs, scores }, f) => {
        const byRef = Object.create(null);
        for (let i = 0; i < refs.length; i += 1) {
          if (!articles.has(refs[i])) continue;
          const ref = String(refs[i]);
          byRef[ref] = {};
          const key = `${fields[f]}/${ref}`;
          if (!vectors.has(key)) vectors.set(key, []);
          vectors.get(key).push(termIndex, scores[i]);
        }
        entry[fields[f]] = byRef;
      });
      invertedIndex[term] = entry;
    });
    const fieldVectors = Object.create(null);
    for (const [key, elements] of vectors) fieldVectors[key] = new lunr.Vector(elements);
    return new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: lunr.TokenSet.fromArray([...terms].sort()),
      fields,
      pipeline: new lunr.Pipeline(),
    });
  }

  lunrScores(terms, articles) {
    const lunr = this.lunr;
    const results = this.indexFor(terms, articles).query((q) => {
      for (const term of terms) {
        q.term(term, {
          presence: lunr.Query.presence.REQUIRED,
          usePipeline: false,
          wildcard: lunr.Query.wildcard.NONE,
        });
      }
    });
    return new Map(results.map((result) => [Number(result.ref), result.score]));
  }

  async facet(kind, name) {
    const list = kind === "column" ? this.meta.columns : this.meta.districts;
    const number = list.findIndex(([value]) => value === name);
    if (number < 0) return new Set();
    const gaps = await this.load(`f/${kind === "column" ? "c" : "d"}${number}.json`);
    const members = new Set();
    let id = 0;
    for (const gap of gaps) members.add((id += gap));
    return members;
  }

  // Every query term is required; stories that hold each space-separated part of the query as a
  // whole phrase (every trigram of it) come first, then lunr's score, then the newer story.
  async search(query, filters = {}) {
    // Once meta.json is here the shards are requested before this function first yields.
    if (!this.meta) await this.ready();
    const groups = this.tokenizer.queryGroups(query);
    const terms = [...new Set(groups.flat())];
    if (!terms.length) return new Found(query, groups, terms);
    const trigrams = [...new Set(this.tokenizer.trigrams(query))];
    const [keep] = await Promise.all([
      this.filter(filters),
      this.loadTerms(terms),
      this.loadTrigrams(trigrams),
    ]);
    if (terms.some((term) => !this.postings.get(term))) return new Found(query, groups, terms);
    // lunr's score of every article holding all terms, in one pass over the postings.
    const count = this.meta.documents;
    const sums = new Float64Array(count);
    const matched = new Uint16Array(count);
    const lastTerm = new Int32Array(count).fill(-1);
    terms.forEach((term, t) => {
      for (const { refs, scores } of this.postings.get(term)) {
        for (let i = 0; i < refs.length; i += 1) {
          const ref = refs[i];
          sums[ref] += scores[i];
          if (lastTerm[ref] !== t) {
            lastTerm[ref] = t;
            matched[ref] += 1;
          }
        }
      }
    });
    // Candidates are the articles of the last term that hold every other term too, kept in
    // typed arrays: tens of thousands of objects and a full sort cost a slow phone dearly.
    const phraseSets = trigrams.map((key) => this.phrases.get(key));
    const norm = Math.sqrt(terms.length);
    const last = terms.length - 1;
    const ids = new Int32Array(count);
    let total = 0;
    for (const { refs } of this.postings.get(terms[last])) {
      for (let i = 0; i < refs.length; i += 1) {
        const id = refs[i];
        if (lastTerm[id] !== last || matched[id] !== terms.length) continue;
        lastTerm[id] = -1; // an article holding the term in two fields is a candidate once
        if (keep && !keep(id)) continue;
        ids[total] = id;
        total += 1;
      }
    }
    const ranking = new Ranking(ids.subarray(0, total), sums, norm, phraseSets);
    // The best lunrTop in order; the rest are ordered only when a reader pages past them.
    const top = ranking.best(this.lunrTop);
    // The first page's records are fetched while lunr scores: its order is this one (the
    // relevance tests check), so they are the records the page will show.
    for (const hit of top.slice(0, this.prefetch)) this.document(hit.id);
    // lunr itself scores and orders what the reader sees first.
    const scores = this.lunrScores(terms, new Set(top.map((hit) => hit.id)));
    for (const hit of top) hit.score = scores.get(hit.id);
    top.sort(byRank);
    return new Found(query, groups, terms, top, ranking);
  }

  // Runs every step of a search once on a made-up two-article index, without fetching:
  // the first real query then runs compiled code, not code parsed and compiled on the spot.
  warmUp() {
    const saved = { meta: this.meta, postings: this.postings, phrases: this.phrases };
    try {
      this.meta = { ...this.meta, documents: 2 };
      const field = decodeField([0, 1500, 1, 700]);
      this.postings = new Map([["工会", this.meta.fields.map(() => field)]]);
      this.phrases = new Map();
      this.lunrScores(["工会"], new Set([0, 1]));
      highlight("重庆工会驿站", this.tokenizer, this.tokenizer.queryGroups("工会"), 120);
    } finally {
      Object.assign(this, saved);
    }
  }

  async filter({ column, district, year } = {}) {
    const tests = [];
    if (year) {
      const range = this.meta.years.find(([y]) => String(y) === String(year));
      tests.push(range ? (id) => id >= range[1] && id <= range[2] : () => false);
    }
    for (const [kind, name] of [
      ["column", column],
      ["district", district],
    ]) {
      if (name) {
        const members = await this.facet(kind, name);
        tests.push((id) => members.has(id));
      }
    }
    return tests.length ? (id) => tests.every((test) => test(id)) : null;
  }

  document(id) {
    return this.load(`d/${id}.json`);
  }
}

// The text split into [{text, mark}] segments: whole-phrase occurrences of a query group are
// marked, or its single tokens where the phrase is not there. With maxLength, a window of about
// that many UTF-16 units around the first mark, with "…" where text was cut.
export function highlight(text, tokenizer, groups, maxLength = Infinity) {
  const folded = tokenizer.fold(text);
  const ranges =
    folded.length === text.length
      ? matchRanges(folded, groups)
      : tokenRanges(tokenizer.spans(text), groups);
  return segmentsAround(text, ranges, maxLength);
}

// The text of a group whose tokens chain as bigrams (陈大, 大林 -> 陈大林), or null.
function phraseText(group) {
  const chars = Array.from(group[0]);
  for (const token of group.slice(1)) {
    const pair = Array.from(token);
    if (pair.length !== 2 || pair[0] !== chars[chars.length - 1]) return null;
    chars.push(pair[1]);
  }
  return chars.join("");
}

function occurrences(haystack, needle) {
  const found = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    found.push([at, at + needle.length]);
  }
  return found;
}

// Ranges by plain string search in the folded text (the same length as the original): the
// whole phrase where it is there, otherwise each token of the group.
function matchRanges(folded, groups) {
  const ranges = [];
  for (const group of groups) {
    const phrase = phraseText(group);
    const whole = phrase ? occurrences(folded, phrase) : [];
    if (whole.length) ranges.push(...whole);
    else for (const token of group) ranges.push(...occurrences(folded, token));
  }
  return ranges;
}

// The same by tokens, for the rare text whose folding changes its UTF-16 length.
function tokenRanges(tokens, groups) {
  const ranges = [];
  for (const group of groups) {
    let found = false;
    for (let i = 0; i + group.length <= tokens.length; i += 1) {
      if (group.every((term, k) => tokens[i + k].text === term)) {
        ranges.push([tokens[i].start, tokens[i + group.length - 1].end]);
        found = true;
      }
    }
    if (!found) {
      for (const t of tokens) if (group.includes(t.text)) ranges.push([t.start, t.end]);
    }
  }
  return ranges;
}

function segmentsAround(text, ranges, maxLength) {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  let from = 0;
  let to = text.length;
  if (text.length > maxLength) {
    const anchor = merged.length ? merged[0][0] : 0;
    from = Math.max(0, Math.min(anchor - Math.floor(maxLength / 4), text.length - maxLength));
    to = Math.min(text.length, from + maxLength);
    if (isLowSurrogate(text.charCodeAt(from))) from -= 1; // never cut a character in two
    if (isLowSurrogate(text.charCodeAt(to))) to += 1;
  }
  const segments = [];
  if (from > 0) segments.push({ text: "…", mark: false });
  let at = from;
  for (const [start, end] of merged) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) segments.push({ text: text.slice(at, s), mark: false });
    segments.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) segments.push({ text: text.slice(at, to), mark: false });
  if (to < text.length) segments.push({ text: "…", mark: false });
  return segments;
}

function isLowSurrogate(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}
