"""Search benchmark: synthetic archives of 1k-20k articles, our segmented index beside Pagefind.

    python bench/search_bench.py 1000 5000 20000 [--no-pagefind] [--no-browser] [--json]
                                                 [--markdown]

For each size it writes bulletin/synthetic.py's archive (issues of ten articles recombined from
the seed archive's paragraphs) and ingests it, makes the Traditional edition with OpenCC s2tw,
and reports: the index build time for both editions (tokenizing, writing; OpenCC conversion of
the articles is not counted, that is the Traditional edition's job) with a cold cache, the rebuild
after one new issue of ten articles with the cache that build left (into the same folder, and
into a fresh one), the peak memory of the build, the size of the index on disk,
and the bytes a reader downloads for a first query and for later ones, gzip-compressed
(scripts, meta, the segments' shards and field lengths, and the store files of the first page of
results), measured by
running js/search.js in Node against the files. Pagefind (`pagefind[extended]`, which segments
Chinese) indexes the same articles as HTML pages; its pagefind.js runs in Node the same way.

``run_benchmark`` is the function ``invoke bench`` can call.
"""

from __future__ import annotations

import gzip
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import browser_bench  # noqa: E402
from bulletin.ingest.run import ingest  # noqa: E402
from bulletin.search import build_search, documents_from_content  # noqa: E402
from bulletin.search.documents import SearchDocument, traditional_edition  # noqa: E402
from bulletin.synthetic import write_archive  # noqa: E402

HARNESS = ROOT / "js" / "harness.mjs"
PAGEFIND_HARNESS = ROOT / "js" / "pagefind-harness.mjs"
# A first query, then later ones in the same page; then single fresh queries.
SESSION = ["工会驿站", "北碚", "陈大林", "沙磁良缘"]
FRESH = ["工会", "劳模 宣讲", "过程"]
# Pagefind's default UI shows five results at first; ours shows ten.
PAGE_SIZE = 10
# Timed in Chromium, each on a fresh page that has loaded.
FIRST_RESULT = ["工会驿站", "工会", "劳模 宣讲", "过程"]
LANGS = {"zh": "zh-cn", "zh-hant": "zh-tw"}


def synthetic_archive(count: int, work: Path) -> tuple[list[SearchDocument], list]:
    """``count`` articles of bulletin/synthetic.py's archive as the ingest makes them (issues
    of ten, each with its issue date), and the next issue's articles."""
    write_archive(work / "seeds", count + ISSUE)
    ingest(work / "seeds", work / "content")
    docs = documents_from_content(work / "content" / "articles")
    last = max(doc["issue_date"] for doc in docs)
    return [d for d in docs if d["issue_date"] != last], [
        d for d in docs if d["issue_date"] == last
    ]


def folder_size(folder: Path) -> tuple[int, int, int]:
    """(files, bytes, bytes after gzip -6 of each file)."""
    files = raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            files += 1
            raw += len(data)
            packed += len(gzip.compress(data, 6, mtime=0))
    return files, raw, packed


def _node(script: Path, request: dict) -> list[dict]:
    done = subprocess.run(
        ["node", str(script)],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9, mtime=0))


@dataclass
class QueryBytes:
    query: str
    kind: str  # "first" (fresh page) or "later" (same page, after the queries before it)
    results: int
    bytes_gzip: int
    requests: int
    ms: float = 0.0


@dataclass
class Measure:
    engine: str
    articles: int
    build_seconds: float
    files: int
    bytes_raw: int
    bytes_gzip: int
    queries: list[QueryBytes] = field(default_factory=list)
    # Time to first result in headless Chromium, 4x CPU throttling: query -> milliseconds.
    first_result_ms: dict[str, float] = field(default_factory=dict)
    # Ours: rebuilding both editions after one new issue (ISSUE articles) with the cache the
    # full build left, into the same folder and into a fresh one; files the first rewrote.
    rebuild_seconds: float = 0.0
    rebuild_fresh_seconds: float = 0.0
    rebuild_files_written: int = 0
    peak_mb: float = 0.0  # largest process of the full build


def _in_script(queries: Sequence[str], edition: str) -> list[str]:
    """The Traditional edition is asked in Traditional, as its readers would."""
    if edition != "zh-hant":
        return list(queries)
    import opencc

    return [opencc.OpenCC("s2tw").convert(q) for q in queries]


def _query_plan(edition: str) -> list[dict]:
    plan = [{"q": q, "fresh": i == 0} for i, q in enumerate(_in_script(SESSION, edition))]
    plan += [{"q": q, "fresh": True} for q in _in_script(FRESH, edition)]
    return plan


def _kinds(plan: list[dict]) -> list[str]:
    return ["first" if step["fresh"] else "later" for step in plan]


ISSUE = 10  # articles in a synthetic issue (bulletin/synthetic.py)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure_ours(
    docs: dict[str, list[SearchDocument]], issue: list[SearchDocument], out: Path
) -> list[Measure]:
    cache = out.parent / "search-cache"
    started = time.perf_counter()
    build_search(docs, out, cache_dir=cache)
    seconds = time.perf_counter() - started
    peak = _peak_mb()
    rebuilt = _rebuild(docs, issue, out, cache)
    scripts = sum(_gz(out / name) for name in ("lunr.min.js", "search.js", "tokenize.js"))
    scripts += _gz(out / "search-page.js")
    measures = []
    for edition in docs:
        plan = _query_plan(edition)
        files, raw, packed = folder_size(out / edition)
        measure = Measure("lunr shards", len(docs[edition]), seconds, files, raw, packed)
        measure.rebuild_seconds, measure.rebuild_fresh_seconds, measure.rebuild_files_written = (
            rebuilt[edition]
        )
        measure.peak_mb = peak
        request = {"index": str(out / edition), "pageSize": PAGE_SIZE, "queries": plan}
        answers = _node(HARNESS, request)
        for kind, answer in zip(_kinds(plan), answers, strict=True):
            fetched = sum(f["gzip"] for f in answer["files"]) + (scripts if kind == "first" else 0)
            requests = len(answer["files"]) + (4 if kind == "first" else 0)
            measure.queries.append(
                QueryBytes(answer["q"], kind, answer["total"], fetched, requests, answer["ms"])
            )
        measures.append(measure)
    return measures


def _rebuild(
    docs: dict[str, list[SearchDocument]], issue: list[SearchDocument], out: Path, cache: Path
) -> dict[str, tuple[float, float, int]]:
    """Time a rebuild after one new issue, into ``out`` and into a fresh folder, then put the
    original index back so the queries run against it."""
    later = {
        name: [*documents, *(traditional_edition(issue) if name == "zh-hant" else issue)]
        for name, documents in docs.items()
    }
    warm = out.parent / "search-cache-warm"
    shutil.copytree(cache, warm)
    started = time.perf_counter()
    built = build_search(later, out, cache_dir=cache, assets=False)
    same_folder = time.perf_counter() - started
    started = time.perf_counter()
    build_search(later, out.parent / "search-fresh", cache_dir=warm, assets=False)
    fresh_folder = time.perf_counter() - started
    shutil.rmtree(out.parent / "search-fresh")
    build_search(docs, out, assets=False)
    return {name: (same_folder, fresh_folder, index.files_written) for name, index in built.items()}


def _html_page(doc: SearchDocument, lang: str) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in doc["body"].split("\n\n"))
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(doc['title'])}</title></head><body><main data-pagefind-body>"
        f"<h1>{escape(doc['title'])}</h1><p>{escape(doc['subtitle'])}</p>"
        f"<p>{doc['date']} {escape(doc['column'])} {escape(' '.join(doc['districts']))}</p>"
        f"{paragraphs}</main></body></html>"
    )


def measure_pagefind(docs: dict[str, list[SearchDocument]], out: Path) -> list[Measure]:
    """Pagefind on the same articles, one HTML page each, one site per edition."""
    for edition, documents in docs.items():
        for doc in documents:
            page = out / edition / doc["url"].strip("/") / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(_html_page(doc, LANGS.get(edition, "zh-cn")), encoding="utf-8")
    started = time.perf_counter()
    for edition in docs:
        subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(out / edition), "--silent"],
            check=True,
        )
    seconds = time.perf_counter() - started
    measures = []
    for edition in docs:
        plan = _query_plan(edition)
        bundle = out / edition / "pagefind"
        files, raw, packed = folder_size(bundle)
        measure = Measure("Pagefind", len(docs[edition]), seconds, files, raw, packed)
        request = {"bundle": str(bundle), "results": 5, "queries": plan}
        answers = _node(PAGEFIND_HARNESS, request)
        for kind, answer in zip(_kinds(plan), answers, strict=True):
            measure.queries.append(
                QueryBytes(
                    answer["q"],
                    kind,
                    answer["total"],
                    sum(f["gzip"] for f in answer["files"]),
                    len(answer["files"]),
                    answer["ms"],
                )
            )
        measures.append(measure)
    return measures


def _pagefind_available() -> bool:
    """pagefind[extended] is a benchmark-only dependency (pip install 'pagefind[extended]')."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        print("Pagefind is not installed: pip install 'pagefind[extended]'", file=sys.stderr)
        return False
    return shutil.which("node") is not None


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(browser_bench.CHROMIUM).exists()


def run_benchmark(
    sizes: Sequence[int] = (1000, 5000, 20000), pagefind: bool = True, browser: bool = True
) -> list[dict]:
    """Build and measure each size; print a table per size and return the figures."""
    figures = []
    browser = browser and _browser_available()
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"search-bench-{size}-") as tmp:
            hans, issue = synthetic_archive(size, Path(tmp) / "archive")
            editions = {"zh": hans, "zh-hant": traditional_edition(hans)}
            measures = measure_ours(editions, issue, Path(tmp) / "search")
            if browser:
                for edition, measure in zip(editions, measures, strict=True):
                    queries = _in_script(FIRST_RESULT, edition)
                    times = browser_bench.ours_first_result_ms(Path(tmp), edition, queries)
                    measure.first_result_ms = dict(zip(queries, times, strict=True))
            if pagefind and _pagefind_available():
                found = measure_pagefind(editions, Path(tmp) / "site")
                if browser:
                    for (edition, lang), measure in zip(LANGS.items(), found, strict=True):
                        queries = _in_script(FIRST_RESULT, edition)
                        site = Path(tmp) / "site" / edition
                        times = browser_bench.pagefind_first_result_ms(site, lang, queries)
                        measure.first_result_ms = dict(zip(queries, times, strict=True))
                measures += found
        for edition, measure in zip(list(editions) * 2, measures, strict=False):
            figure = {"edition": edition, **asdict(measure)}
            figures.append(figure)
            print(_describe(figure), flush=True)
    return figures


def _describe(figure: dict) -> str:
    lines = [
        f"{figure['engine']} · {figure['articles']} articles · {figure['edition']}: "
        f"build {figure['build_seconds']:.1f} s (both editions), {figure['files']} files, "
        f"{figure['bytes_raw'] / 1e6:.1f} MB ({figure['bytes_gzip'] / 1e6:.1f} MB gzipped)"
    ]
    if figure["rebuild_seconds"]:
        lines.append(
            f"  after one new issue: rebuild {figure['rebuild_seconds']:.1f} s in the same folder "
            f"({figure['rebuild_files_written']} files rewritten), "
            f"{figure['rebuild_fresh_seconds']:.1f} s into a fresh folder; "
            f"peak {figure['peak_mb']:.0f} MB"
        )
    for q in figure["queries"]:
        lines.append(
            f"  {q['kind']:5} {q['query']:8} {q['results']:6} results "
            f"{q['bytes_gzip'] / 1024:7.1f} KB in {q['requests']} files, {q['ms']:.0f} ms in Node"
        )
    for query, ms in figure["first_result_ms"].items():
        lines.append(f"  Chromium 4x throttled, fresh page: {query} first results in {ms:.0f} ms")
    return "\n".join(lines)


def markdown(figures: Sequence[dict]) -> str:
    """The figures as Markdown tables for BENCHMARKS.md: one row per engine, edition and size."""
    lines = [
        "| engine | articles | edition | build s (both) | index MB (gzip) | files |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f['engine']} | {f['articles']} | {f['edition']} | {f['build_seconds']:.1f} "
            f"| {f['bytes_raw'] / 1e6:.1f} ({f['bytes_gzip'] / 1e6:.1f}) | {f['files']} |"
        )
    lines += ["", "| engine | articles | edition | query | kind | results | KB gzip | files |"]
    lines.append("|---|---|---|---|---|---|---|---|")
    for f in figures:
        for q in f["queries"]:
            lines.append(
                f"| {f['engine']} | {f['articles']} | {f['edition']} | {q['query']} | {q['kind']} "
                f"| {q['results']} | {q['bytes_gzip'] / 1024:.1f} | {q['requests']} |"
            )
    timed = [f for f in figures if f["first_result_ms"]]
    if timed:
        lines += ["", "| engine | articles | edition | query | first results, ms |"]
        lines.append("|---|---|---|---|---|")
        for f in timed:
            for query, ms in f["first_result_ms"].items():
                lines.append(
                    f"| {f['engine']} | {f['articles']} | {f['edition']} | {query} | {ms:.0f} |"
                )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> None:
    sizes = [int(arg) for arg in argv if arg.isdigit()] or [1000, 5000, 20000]
    figures = run_benchmark(
        sizes, pagefind="--no-pagefind" not in argv, browser="--no-browser" not in argv
    )
    if "--json" in argv:
        print(json.dumps(figures, ensure_ascii=False))
    if "--markdown" in argv:
        print(markdown(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
