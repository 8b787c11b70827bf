"""Search on a built site as a reader meets it: bytes per query and time to first result.

The site is served by nginx with gzip (tests/serving.py, through the search benchmark's
`serving`); each edition's own search.html is opened in headless Chromium; once the page has
loaded and the engine is ready the CPU is throttled 4x, and each query is typed into the page
in turn: the first in a fresh page, the others after it. Bytes are what went over the wire
(gzip-encoded bodies) from the moment the query was submitted until the network was idle.

    python bench/search_probe.py output/
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.browser_bench import ARGS, CHROMIUM, THROTTLE, serving  # noqa: E402

QUERIES = {"": ["工会驿站", "北碚", "陈大林"], "zh-hant/": ["工會驛站", "北碚", "陳大林"]}
READY = "document.getElementById('search-year').options.length > 1"
# Submit a query (as Enter does: typing waits for a pause first) and wait until the first result
# of *this* query is in the page.
TYPE = """async (q) => {
  const results = document.getElementById("search-results");
  const before = results.firstElementChild;
  const input = document.getElementById("search-input");
  const t0 = performance.now();
  input.value = q;
  document.getElementById("search-form").requestSubmit(); // Enter: no typing pause
  await new Promise((done) => {
    const check = () => {
      const first = results.firstElementChild;
      if (first && first !== before) done(); else setTimeout(check, 1);
    };
    check();
  });
  return performance.now() - t0;
}"""


def probe(site: Path, queries: dict[str, list[str]] = QUERIES) -> list[dict]:
    """One row per query: edition, query, kind (first/later), ms to first result, KB."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for edition, asked in queries.items():
            page = browser.new_page()
            received: list[int] = []
            page.on("requestfinished", _counter(received))
            page.goto(f"{base}/{edition}search.html")
            page.wait_for_function(READY, timeout=120_000)
            page.wait_for_load_state("networkidle")
            rows.append(_row(edition, "(page load: HTML, CSS, scripts, meta)", "load", 0, received))
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            for index, query in enumerate(asked):
                received.clear()
                ms = page.evaluate(TYPE, query)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)  # the store records of the visible results
                rows.append(_row(edition, query, "first" if index == 0 else "later", ms, received))
            page.close()
        browser.close()
    return rows


def _counter(received: list[int]):
    return lambda request: received.append(request.sizes()["responseBodySize"])


def _row(edition: str, query: str, kind: str, ms: float, received: list[int]) -> dict:
    return {
        "edition": edition or "(root)",
        "query": query,
        "kind": kind,
        "ms to first result": round(ms),
        "KB": round(sum(received) / 1024, 1),
        "requests": len(received),
    }


if __name__ == "__main__":
    for row in probe(Path(sys.argv[1] if len(sys.argv) > 1 else "output")):
        print(row)
