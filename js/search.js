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
//
// Posting lists are JSON strings of packed integers (bulletin/search/packed.py), read by
// decodeField and decodeGaps: Chromium parsed and handed over JSON arrays of numbers far more
// slowly than strings, and those took most of a first query's time on a throttled CPU.

import { Tokenizer, isCjk, parseFoldMap } from "./tokenize.js";

export const PAGE_SIZE = 10;
// How many of the best candidates lunr itself scores and orders: the first two pages. Its cost
// grows with them (80 ms for 100 on a 4x throttled CPU); the typed-array order of the others is
// the same (tests/search/test_relevance.py).
export const LUNR_TOP = 2 * PAGE_SIZE;
// How many of the best results' records a search fetches while lunr scores: the first only.
// Each request costs a throttled main thread several ms before the first result is shown; the
// page asks for the others once it is painted.
export const PREFETCH = 1;

// Articles in the made-up index warmUp searches: enough for V8 to optimize the loops.
export const WARM_ARTICLES = 4000;

// What a key's shard is chosen by, as bulletin/search/index.py placement: a term itself, a
// trigram (three CJK characters; terms have at most two) its leading bigram, whose shard the
// query fetches anyway.
export function placement(key) {
  const chars = Array.from(key);
  return chars.length === 3 && isCjk(chars[0].codePointAt(0)) ? chars[0] + chars[1] : key;
}

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

// Posting lists travel as text (bulletin/search/packed.py): each number in groups of five bits,
// least significant first, one base64url character a group, whose value has 32 added while
// more groups follow. A string is parsed by JSON.parse in one scan; an array of numbers is not.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DIGIT = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i += 1) DIGIT[ALPHABET.charCodeAt(i)] = i;

// The numbers of a packed text.
export function unpack(text) {
  const numbers = new Uint32Array(text.length); // a number takes one character at least
  let count = 0;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < text.length; i += 1) {
    const digit = DIGIT[text.charCodeAt(i)];
    value += (digit & 31) * scale;
    if (digit & 32) {
      scale *= 32;
    } else {
      numbers[count] = value;
      count += 1;
      value = 0;
      scale = 1;
    }
  }
  return numbers.subarray(0, count);
}

// The packed text of non-negative integers, as packed.py writes it (for warmUp and tests).
export function pack(numbers) {
  let text = "";
  for (let number of numbers) {
    while (number >= 32) {
      text += ALPHABET[(number % 32) + 32];
      number = Math.floor(number / 32);
    }
    text += ALPHABET[number];
  }
  return text;
}

// lunr's BM25 parameters (lunr.Builder's defaults: k1 and b).
const K1 = 1.2;
const B = 0.75;

// Postings of one field of one segment as the build encodes them: the article gaps (numbers
// inside the segment), then the term frequencies.
export function decodeField(text) {
  const numbers = unpack(text);
  const count = numbers.length >> 1;
  const refs = new Int32Array(count);
  let number = 0;
  for (let i = 0; i < count; i += 1) {
    number += numbers[i];
    refs[i] = number;
  }
  return { refs, tfs: numbers.subarray(count) };
}

// lunr.idf: lunr counts the (field, article) pairs holding the term, over the whole archive.
export function lunrIdf(pairs, documents) {
  const x = (documents - pairs + 0.5) / (pairs + 0.5);
  return Math.log(1 + Math.abs(x));
}

// round(value, 3) as lunr.py's builder does it (Python's round: the double's exact value,
// ties to even), which Math.round(value * 1000) / 1000 misses on near-ties.
export function round3(value) {
  const scaled = value * 1000;
  const floor = Math.floor(scaled);
  if (Math.abs(scaled - floor - 0.5) > 1e-6) return Math.round(scaled) / 1000;
  if (Number.isInteger(value * 16) && scaled - floor === 0.5) {
    return (floor % 2 === 0 ? floor : floor + 1) / 1000; // an exact tie
  }
  return Number(value.toFixed(3)); // toFixed rounds the exact value
}

// Scores one segment's postings of a field as lunr.Builder would over the whole archive, into
// `refs` and `scores` from `at` (article numbers made the archive's); returns the new end.
function scoreField(field, first, lengths, average, idf, boost, refs, scores, at) {
  let end = at;
  for (let i = 0; i < field.refs.length; i += 1) {
    const ref = field.refs[i];
    const tf = field.tfs[i];
    // The same operations in the same order as lunr.Builder's _createFieldVectors.
    let score = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (lengths[ref] / average)) + tf);
    score *= boost;
    refs[end] = first + ref;
    scores[end] = round3(score);
    end += 1;
  }
  return end;
}

// Article numbers (packed gaps) as a bitmap, one byte an article: far lighter than a Set.
// `held` and `first`: mark a segment's articles in the archive's bitmap.
export function decodeGaps(text, count, held = new Uint8Array(count), first = 0) {
  const gaps = unpack(text);
  let number = first;
  for (let i = 0; i < gaps.length; i += 1) {
    number += gaps[i];
    held[number] = 1;
  }
  return held;
}

// The hot loops of a search, as small functions: the made-up search of warmUp gets them
// optimized by V8 before a reader's first query.

// Adds one field's postings of term number `t` to the articles' sums and counts the articles'
// terms (an article holding the term in several fields counts it once).
function addScores({ refs, scores }, t, sums, matched, lastTerm) {
  for (let i = 0; i < refs.length; i += 1) {
    const ref = refs[i];
    sums[ref] += scores[i];
    if (lastTerm[ref] !== t) {
      lastTerm[ref] = t;
      matched[ref] += 1;
    }
  }
}

// Appends to `ids` (holding `total`) the articles of `refs`, a field of the last term, that
// hold all `terms` terms and pass `keep`; returns the new total.
function addCandidates(refs, terms, matched, lastTerm, keep, ids, total) {
  let count = total;
  for (let i = 0; i < refs.length; i += 1) {
    const id = refs[i];
    if (lastTerm[id] !== terms - 1 || matched[id] !== terms) continue;
    lastTerm[id] = -1; // an article holding the term in two fields is a candidate once
    if (keep && !keep(id)) continue;
    ids[count] = id;
    count += 1;
  }
  return count;
}

// Facets: what a reader filters by, and their lists' names in meta.json and f.json.
const FACETS = { column: "columns", district: "districts", year: "years" };

// Scores this close are equal: the same lunr score summed in another order (typed arrays,
// lunr.js, lunr.py, fields met in another order) differs in its last bits.
export const SCORE_TIE = 1e-9;

// Whole-phrase matches first, then the higher score, then the newer article.
function byRank(a, b) {
  const score = Math.abs(b.score - a.score) > SCORE_TIE ? b.score - a.score : 0;
  return b.phrase - a.phrase || score || b.id - a.id;
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
    return { id, score: this.sums[id] / this.norm, phrase: this.phrase(id) };
  }

  // Whether the article holds every trigram of the query.
  phrase(id) {
    for (const set of this.phraseSets) if (set[id] !== 1) return false;
    return true;
  }

  // The best `limit` hits in order: a sorted list of at most `limit` that a candidate enters
  // only when it beats the worst of them.
  best(limit) {
    const top = [];
    const { ids, sums, norm } = this;
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i];
      if (top.length === limit) {
        const worst = top[limit - 1];
        // Scores first: most candidates lose to the worst of the list right here, before an
        // object is made for them (thousands of candidates on a slow phone).
        if (sums[id] / norm < worst.score - SCORE_TIE && (worst.phrase || !this.phrase(id))) {
          continue;
        }
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

// The first place in the ascending `sorted` whose value is not below `value`.
function lowerBound(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
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
    this.lengths = new Map(); // segment name -> its articles' token counts per field
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
        // Every query scores with every segment's field lengths: fetched now, while the reader
        // types, rather than beside the query's shards (a request costs a throttled phone
        // several ms of main thread). A failure here is retried by the query.
        for (const segment of meta.segments) this.segmentLengths(segment).catch(() => {});
        return meta;
      });
    }
    return this.metaPromise;
  }

  // The token counts per field of a segment's articles (lunr's field lengths).
  segmentLengths(segment) {
    const [name] = segment;
    return this.load(`s/${name}/n.json`).then((fields) => {
      if (!this.lengths.has(name)) this.lengths.set(name, fields.map(unpack));
      return this.lengths.get(name);
    });
  }

  // Every segment's shard of each of `keys` (terms and trigrams): per segment, key -> value.
  async loadKeys(keys) {
    return Promise.all(
      this.meta.segments.map(async ([name, , , count]) => {
        const shardOfKey = (key) => shardOf(placement(key), count);
        const shards = [...new Set(keys.map(shardOfKey))];
        const loaded = await Promise.all(shards.map((n) => this.load(`s/${name}/t/${n}.json`)));
        const byShard = new Map(shards.map((n, i) => [n, loaded[i]]));
        return (key) => byShard.get(shardOfKey(key))[key];
      }),
    );
  }

  async loadTerms(terms) {
    const missing = terms.filter((term) => !this.postings.has(term));
    if (!missing.length) return;
    const segments = this.meta.segments;
    const [lookups, lengths] = await Promise.all([
      this.loadKeys(missing),
      Promise.all(segments.map((segment) => this.segmentLengths(segment))),
    ]);
    for (const term of missing) {
      const parts = lookups.map((lookup) => lookup(term));
      this.postings.set(term, parts.some(Boolean) ? this.scored(parts, lengths) : null);
    }
  }

  // One term's postings per field over the whole archive, {refs, scores}, from its lists in
  // each segment (undefined where a segment lacks it), scored with the archive's statistics:
  // lunr's idf from the (field, article) pairs of every segment, its average field lengths
  // from meta.json. Segments are in article order, so the joined lists stay sorted.
  scored(parts, lengths) {
    const { boosts, documents, segments } = this.meta;
    const decoded = parts.map((fields) => fields && fields.map(decodeField));
    let pairs = 0;
    for (const fields of decoded) if (fields) for (const { refs } of fields) pairs += refs.length;
    const idf = lunrIdf(pairs, documents);
    return boosts.map((boost, f) => {
      let count = 0;
      for (const fields of decoded) if (fields) count += fields[f].refs.length;
      const refs = new Int32Array(count);
      const scores = new Float64Array(count);
      const average = this.meta.lengths[f] / documents;
      let at = 0;
      decoded.forEach((fields, s) => {
        if (fields) {
          const first = segments[s][1];
          at = scoreField(fields[f], first, lengths[s][f], average, idf, boost, refs, scores, at);
        }
      });
      return { refs, scores };
    });
  }

  async loadTrigrams(trigrams) {
    const missing = trigrams.filter((key) => !this.phrases.has(key));
    if (!missing.length) return;
    const lookups = await this.loadKeys(missing);
    for (const key of missing) {
      const held = new Uint8Array(this.meta.documents);
      lookups.forEach((lookup, s) => {
        decodeGaps(lookup(key) || "", 0, held, this.meta.segments[s][1]);
      });
      this.phrases.set(key, held);
    }
  }

  // A lunr.Index holding just these terms and, of their postings, those of the given articles:
  // lunr matches and scores those articles exactly as it would with the whole index. The few
  // articles are looked up in each (sorted) list rather than the lists read through: a common
  // term has a posting in nearly every article.
  indexFor(terms, articles) {
    const lunr = this.lunr;
    const fields = this.meta.fields;
    const wanted = [...articles].sort((a, b) => a - b);
    const invertedIndex = Object.create(null);
    const vectors = new Map();
    terms.forEach((term, termIndex) => {
      const entry = { _index: termIndex };
      this.postings.get(term).forEach(({ refs, scores }, f) => {
        const byRef = Object.create(null);
        for (const id of wanted) {
          const i = lowerBound(refs, id);
          if (refs[i] !== id) continue;
          const ref = String(id);
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

  // The articles of a column, district or year: each segment's facets file lists its own.
  async facet(kind, name) {
    const segments = this.meta.segments;
    const lists = await Promise.all(segments.map((segment) => this.load(`f/${segment[4]}.json`)));
    const members = new Set();
    lists.forEach((facets, s) => {
      const text = facets[FACETS[kind]][String(name)];
      let id = segments[s][1];
      if (text) for (const gap of unpack(text)) members.add((id += gap));
    });
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
      for (const field of this.postings.get(term)) addScores(field, t, sums, matched, lastTerm);
    });
    // Candidates are the articles of the last term that hold every other term too, kept in
    // typed arrays: tens of thousands of objects and a full sort cost a slow phone dearly.
    const phraseSets = trigrams.map((key) => this.phrases.get(key));
    const norm = Math.sqrt(terms.length);
    const ids = new Int32Array(count);
    let total = 0;
    for (const { refs } of this.postings.get(terms[terms.length - 1])) {
      total = addCandidates(refs, terms.length, matched, lastTerm, keep, ids, total);
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

  // Runs a whole search (a three-term phrase query) once on a made-up index of `articles`
  // articles, without fetching: the first real query then runs code V8 has compiled and
  // optimized. On a 4x throttled CPU the loops over 20,000 postings took longer interpreted
  // than the shards took to arrive.
  async warmUp(articles = WARM_ARTICLES) {
    const saved = { ...this };
    try {
      const fields = this.meta.fields;
      const segment = ["warm-up", 0, articles, 1, 1];
      this.meta = { ...this.meta, documents: articles, segments: [segment] };
      this.meta.lengths = fields.map(() => 120 * articles);
      this.prefetch = 0;
      this.postings = new Map();
      this.phrases = new Map();
      const query = "工会驿站";
      const gaps = pack(Array.from({ length: articles }, (_, id) => (id ? 1 : 0)));
      const tfs = pack(Array.from({ length: articles }, (_, id) => 1 + (id % 7)));
      const few = pack([0, 1, 2, 1]); // articles 0 and 1 (gaps 0, 1), twice and once
      const counts = Array.from({ length: articles }, (_, id) => 60 + ((7 * id) % 120));
      const lengths = [fields.map(() => unpack(pack(counts)))];
      for (const term of this.tokenizer.queryGroups(query).flat()) {
        const parts = [fields.map((_, f) => (f === 2 ? gaps + tfs : few))];
        this.postings.set(term, this.scored(parts, lengths));
      }
      for (const key of this.tokenizer.trigrams(query)) {
        this.phrases.set(key, decodeGaps(gaps, articles));
      }
      const found = await this.search(query);
      highlight("重庆工会驿站", this.tokenizer, found.groups, 120);
    } finally {
      Object.assign(this, saved);
    }
  }

  async filter({ column, district, year } = {}) {
    const tests = [];
    for (const [kind, name] of [
      ["year", year],
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
