// The search page: results as you type, filters, ?q= in the URL, keyboard navigation.
//
// Page contract (the theme provides these ids; see bulletin/search/README.md):
//   #search-app       wrapper, `hidden` until this script runs; data-index = URL of the
//                     edition's index folder (e.g. "/search/zh/")
//   #search-form      <form role="search"> with #search-input (<input type="search" name="q">)
//   #search-column, #search-district, #search-year   <select>s whose first option (value "")
//                     means "all"; this script adds the other options from the index
//   #search-status    result count and messages (aria-live="polite")
//   #search-results   <ol> the results go into
//   #search-more      <button hidden> that shows the next page of results
//   #search-strings   optional <script type="application/json"> with this edition's words
// lunr.min.js must be loaded (classic script) before this module runs.
// Reader text and article text are only ever inserted with textContent, never as HTML.

import { ArchiveSearch, PAGE_SIZE, highlight } from "./search.js";

const DEFAULT_STRINGS = {
  count: "找到 {count} 篇文章",
  none: "没有找到包含“{query}”的文章",
  prompt: "输入人名、地名或活动名称搜索",
  loading: "正在搜索…",
  error: "搜索暂时不可用",
  separator: " · ",
  districtSeparator: "、",
};
const FILTERS = ["column", "district", "year"];
const SNIPPET_LENGTH = 120;

function $(id) {
  return document.getElementById(id);
}

function strings() {
  const script = $("search-strings");
  if (!script) return DEFAULT_STRINGS;
  try {
    return { ...DEFAULT_STRINGS, ...JSON.parse(script.textContent) };
  } catch {
    return DEFAULT_STRINGS;
  }
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function appendSegments(parent, segments) {
  for (const { text, mark } of segments) {
    const clean = text.replace(/\s+/g, " ");
    if (mark) {
      const element = document.createElement("mark");
      element.textContent = clean;
      parent.append(element);
    } else {
      parent.append(document.createTextNode(clean));
    }
  }
}

function nextFrame() {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

function addOptions(select, values) {
  if (!select) return;
  for (const [value, count] of values) {
    const option = document.createElement("option");
    option.value = String(value);
    option.textContent = count === undefined ? String(value) : `${value} (${count})`;
    select.append(option);
  }
}

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const state = { q: params.get("q") || "" };
  for (const name of FILTERS) state[name] = params.get(name) || "";
  return state;
}

function urlFor(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
}

export async function mountSearchPage({ lunr = globalThis.lunr } = {}) {
  const app = $("search-app");
  const form = $("search-form");
  const input = $("search-input");
  const status = $("search-status");
  const list = $("search-results");
  const more = $("search-more");
  const selects = Object.fromEntries(FILTERS.map((name) => [name, $(`search-${name}`)]));
  const words = strings();
  if (!app || !form || !input || !status || !list || !lunr) return null;

  const engine = new ArchiveSearch({ baseUrl: app.dataset.index, lunr });
  app.hidden = false;
  let found = null;
  let shown = 0;
  let sequence = 0;
  let typingTimer = 0;

  function current() {
    const state = { q: input.value.trim() };
    for (const name of FILTERS) state[name] = selects[name]?.value || "";
    return state;
  }

  function apply(state) {
    input.value = state.q;
    for (const name of FILTERS) if (selects[name]) selects[name].value = state[name];
  }

  // Enter, a filter and Back/Forward leave an entry the reader may come back to; typing
  // after one starts a new entry (then keeps replacing it) instead of overwriting it.
  let committed = false;
  function remember(push, state) {
    const url = urlFor(state);
    const keep = push || committed;
    committed = push || (committed && url === here());
    if (url === here()) return;
    window.history[keep ? "pushState" : "replaceState"](null, "", url);
  }

  function here() {
    return `${window.location.pathname}${window.location.search}${window.location.hash}`;
  }

  // Appends the next page of results, each as soon as it and those above it have arrived, and
  // calls `onFirst` once the first has been painted. The first record is asked for alone (the
  // search fetched it already): the other requests would only hold up the main thread before
  // the first result is shown.
  async function renderMore(onFirst = () => {}) {
    const mine = sequence;
    const page = found.slice(shown, shown + PAGE_SIZE);
    const pending = page.slice(0, 1).map((hit) => engine.document(hit.id));
    shown += page.length;
    if (more) more.hidden = true;
    let first = null;
    if (!page.length) onFirst();
    for (let i = 0; i < page.length; i += 1) {
      const doc = await (pending[i] ?? engine.document(page[i].id));
      if (mine !== sequence) return null;
      const link = renderResult(doc);
      if (i === 0) {
        // Let the first result be painted before the count, the URL and the other requests.
        await nextFrame();
        if (mine !== sequence) return null;
        onFirst();
        pending.push(...page.slice(1).map((hit) => engine.document(hit.id)));
      }
      first ??= link;
    }
    if (more) more.hidden = shown >= found.total;
    return first;
  }

  function renderResult(doc) {
    const item = document.createElement("li");
    item.className = "search-result";
    const heading = document.createElement("h3");
    const link = document.createElement("a");
    link.href = doc.url;
    appendSegments(link, highlight(doc.title, engine.tokenizer, found.groups));
    heading.append(link);
    const meta = document.createElement("p");
    meta.className = "search-meta";
    const time = document.createElement("time");
    time.dateTime = doc.date;
    time.textContent = doc.date;
    const details = [doc.column, doc.districts.join(words.districtSeparator)].filter(Boolean);
    meta.append(time, document.createTextNode(details.map((d) => words.separator + d).join("")));
    const snippet = document.createElement("p");
    snippet.className = "search-snippet";
    const text = doc.subtitle ? `${doc.subtitle}\n${doc.text}` : doc.text;
    appendSegments(snippet, highlight(text, engine.tokenizer, found.groups, SNIPPET_LENGTH));
    item.append(heading, meta, snippet);
    list.append(item);
    return link;
  }

  // Searches for what the form holds. `push` (true: a new history entry, false: replace, null:
  // leave the URL alone) is applied with the count once the first result is in the page: each
  // costs a throttled main thread milliseconds the first result should have.
  async function run(push = null) {
    const state = current();
    const mine = ++sequence;
    const announce = (message) => {
      status.textContent = message;
      if (push !== null) remember(push, state);
    };
    if (!state.q) {
      found = null;
      list.replaceChildren();
      if (more) more.hidden = true;
      announce(words.prompt);
      return;
    }
    status.textContent = words.loading;
    try {
      const result = await engine.search(state.q, state);
      if (mine !== sequence) return;
      found = result;
      shown = 0;
      list.replaceChildren();
      const message = result.total
        ? fill(words.count, { count: result.total, query: state.q })
        : fill(words.none, { query: state.q });
      await renderMore(() => announce(message));
    } catch (error) {
      if (mine !== sequence) return;
      announce(words.error);
      console.error(error);
    }
  }

  function resultLinks() {
    return [...list.querySelectorAll(".search-result h3 a")];
  }

  let meta;
  try {
    meta = await engine.ready();
  } catch (error) {
    status.textContent = words.error;
    console.error(error);
    return null;
  }
  // Before the page says it is ready, not during a query; a failure only costs speed.
  if (!readUrl().q) await engine.warmUp().catch((error) => console.error(error));
  addOptions(selects.column, meta.columns);
  addOptions(selects.district, meta.districts);
  addOptions(
    selects.year,
    meta.years.map(([year]) => [year]).reverse(), // newest first
  );

  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => run(false), 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    run(true);
  });
  for (const name of FILTERS) {
    selects[name]?.addEventListener("change", () => run(true));
  }
  more?.addEventListener("click", async () => {
    const first = await renderMore();
    first?.focus();
  });
  window.addEventListener("popstate", () => {
    committed = true;
    apply(readUrl());
    run();
  });
  // Arrow keys move between the search box and the result links; Escape returns to the box.
  app.addEventListener("keydown", (event) => {
    const links = resultLinks();
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && (document.activeElement === input || at >= 0)) {
      const next = links[at + 1];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    } else if (event.key === "Escape" && at >= 0) {
      input.focus();
    }
  });

  // What a reader typed while the index loaded stays: the URL's query wins only if it has one.
  const initial = readUrl();
  if (!initial.q) initial.q = input.value.trim();
  apply(initial);
  await run();
  return engine;
}

if (typeof document !== "undefined" && document.getElementById("search-app")) {
  mountSearchPage();
}
