"""Time to first result in headless Chromium with 4x CPU throttling, for the search benchmark.

Each query gets a fresh page; once the page has loaded and the engine is ready (our meta.json,
Pagefind's entry, meta and wasm), the CPU is throttled and the time from submitting the query to
the first page of results is measured inside the page: for our search page until the results
are in the document; for Pagefind until its API has the first five results' data (it renders
nothing, which favours it slightly). Served over loopback by nginx with gzip, as a static host
would (the project's tests/serving.py), or by Python's http.server where nginx is missing.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import sys
import threading
from collections.abc import Iterator, Sequence
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.serving import ARGS, CHROMIUM  # one launch recipe for tests and benches

THROTTLE = 4

OUR_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>bench</title>
</head><body><div id="search-app" data-index="/search/{edition}/" hidden>
<form id="search-form"><input id="search-input" name="q" type="search">
<select id="search-column"><option value=""></option></select>
<select id="search-district"><option value=""></option></select>
<select id="search-year"><option value=""></option></select></form>
<p id="search-status"></p><ol id="search-results"></ol><button id="search-more" hidden></button>
</div><script src="/search/lunr.min.js" defer></script>
<script type="module" src="/search/search-page.js"></script></body></html>
"""
OUR_QUERY = """async (q) => {
  const status = document.getElementById("search-status");
  const input = document.getElementById("search-input");
  const t0 = performance.now();
  input.value = q;
  document.getElementById("search-form").requestSubmit();
  await new Promise((done) => {
    const check = () => (document.querySelector("#search-results li") || status.textContent
      .startsWith("没有") ? done() : setTimeout(check, 1));
    check();
  });
  return performance.now() - t0;
}"""
PAGEFIND_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>bench</title>
</head><body><script type="module">
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
window.runQuery = async (q) => {{
  const t0 = performance.now();
  const found = await pagefind.search(q);
  await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
  return performance.now() - t0;
}};
window.benchReady = true;
</script></body></html>
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def serving(root: Path) -> contextlib.AbstractContextManager[str]:
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        from tests.serving import nginx_serving  # the tests' nginx set-up, gzip as a host

        return nginx_serving(root)
    return _python_serving(root)


@contextlib.contextmanager
def _python_serving(root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _measure(url: str, ready: str, run: str, queries: Sequence[str]) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in queries:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function(ready, timeout=120_000)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            times.append(page.evaluate(run, query))
            page.close()
        browser.close()
    return times


def ours_first_result_ms(root: Path, edition: str, queries: Sequence[str]) -> list[float]:
    """``root`` holds search/ as build_search wrote it."""
    (root / f"bench-{edition}.html").write_text(OUR_PAGE.format(edition=edition), "utf-8")
    with serving(root) as base:
        ready = "document.getElementById('search-year').options.length > 1"
        return _measure(f"{base}/bench-{edition}.html", ready, OUR_QUERY, queries)


def pagefind_first_result_ms(site: Path, lang: str, queries: Sequence[str]) -> list[float]:
    """``site`` is a site folder with Pagefind's bundle in pagefind/."""
    (site / "bench-pagefind.html").write_text(PAGEFIND_PAGE.format(lang=lang), "utf-8")
    with serving(site) as base:
        run = "(q) => window.runQuery(q)"
        return _measure(f"{base}/bench-pagefind.html", "window.benchReady === true", run, queries)
