"""How much the Traditional editions add to a build: `python bench/hant_bench.py`.

Measures, on this machine, with the repository glossary:
- building a converter (config written, dictionaries loaded) - once per edition and process;
- OpenCC alone on the seed articles' text, as one long string and as many short calls;
- converting the seed archive's rendered HTML: the article bodies (markdown-it) and, if a
  build exists, every page in output/ - split into finding the text (html.parser) and OpenCC;
- the leftover check on the same pages.
Times are the best of several runs, in CPU seconds of this process (OpenCC converts on the
calling thread), so other work on a shared machine disturbs them less than wall time would.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from bulletin.hant.check import find_unconverted_html  # noqa: E402
from bulletin.hant.converter import DEFAULT_CACHE_DIR, REPO_ROOT, _converter, converter_for  # noqa: E402
from bulletin.hant.edition_settings import HONG_KONG, TRADITIONAL  # noqa: E402
from bulletin.hant.markup import convert_slots  # noqa: E402
from bulletin.hant.slots import scan, scan_with_html_parser  # noqa: E402


def best(run: Callable[[], object], repeat: int) -> float:
    """Fastest CPU time of `repeat` runs: this process's own work, whatever else is running."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.machine()}, {platform.system()}, {model or 'cpu ?'}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, opencc {opencc.__version__}"
    )


def seed_articles() -> list[str]:
    return [
        p.read_text(encoding="utf-8") for p in sorted(REPO_ROOT.glob("content/articles/**/*.md"))
    ]


def rendered_bodies(articles: list[str]) -> list[str]:
    from bulletin.render import markdown_to_html, split_header

    return [markdown_to_html(split_header(text)[1]) for text in articles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scale", type=int, default=40, help="copies of the seed text")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "output")
    args = parser.parse_args()
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f}\n")

    def build() -> None:
        _converter.cache_clear()
        converter_for(TRADITIONAL, cache_dir=DEFAULT_CACHE_DIR)

    print(f"converter build (config + dictionaries): {best(build, args.repeat) * 1000:.0f} ms")
    tw = converter_for(TRADITIONAL)
    hk = converter_for(HONG_KONG)

    articles = seed_articles()
    text = "\n".join(articles)
    long_text = "\n".join([text] * args.scale)
    chars = len(long_text)
    plain = opencc.OpenCC("s2tw")
    rows = [
        ("OpenCC s2tw, built-in config", lambda: plain.convert(long_text)),
        ("s2tw + glossary (zh-hant)", lambda: tw.convert_plain(long_text)),
        ("s2hk + glossary (zh-hant-hk)", lambda: hk.convert_plain(long_text)),
    ]
    print(f"\nOne string of {chars:,} characters ({args.scale} x the 21 seed articles):")
    for label, run in rows:
        seconds = best(run, args.repeat)
        print(f"  {label:32} {seconds * 1000:7.1f} ms  {chars / seconds / 1e6:5.2f} M chars/s")

    lines = [line for line in text.splitlines() if line.strip()]
    line_chars = sum(map(len, lines))

    def one_by_one() -> None:
        for line in lines:
            tw.convert_plain(line)

    seconds = best(one_by_one, args.repeat)
    print(
        f"  {len(lines)} lines, one call each      {seconds * 1000:7.1f} ms  "
        f"{line_chars / seconds / 1e6:5.2f} M chars/s ({seconds / len(lines) * 1e6:.1f} µs/call)"
    )

    bodies = rendered_bodies(articles)
    report_pages("Seed article bodies rendered by bulletin.render", bodies, tw, args.repeat)
    pages = [p.read_text(encoding="utf-8") for p in sorted(args.output.glob("**/*.html"))]
    if pages:
        report_pages(f"Every page of the current build ({args.output})", pages, tw, args.repeat)


def report_pages(title: str, pages: list[str], tw, repeat: int) -> None:
    chars = sum(map(len, pages))
    slots = [scan(page) for page in pages]
    text_chars = sum(slot.end - slot.start for page_slots in slots for slot in page_slots)
    print(f"\n{title}: {len(pages)} pages, {chars:,} characters ({text_chars:,} to convert)")
    total = best(lambda: [tw.convert_html(page) for page in pages], repeat)
    finding = best(lambda: [scan(page) for page in pages], repeat)
    reference = best(lambda: [scan_with_html_parser(page) for page in pages], repeat)
    pairs = list(zip(pages, slots, strict=True))
    converting = best(lambda: [convert_slots(p, s, tw.convert_many) for p, s in pairs], repeat)
    converted = [tw.convert_html(page) for page in pages]
    check = best(lambda: [find_unconverted_html(page, tw) for page in converted], repeat)
    rate = chars / total / 1e6
    print(f"  convert_html, all pages        {total * 1000:7.1f} ms  {rate:5.2f} M chars/s of HTML")
    print(f"    finding the text             {finding * 1000:7.1f} ms")
    print(f"      (html.parser would take    {reference * 1000:7.1f} ms)")
    print(f"    OpenCC and splicing          {converting * 1000:7.1f} ms")
    print(f"  leftover check, all pages      {check * 1000:7.1f} ms")
    size = statistics.mean([len(page) for page in pages])
    print(f"  per page: {size:,.0f} chars, {total / len(pages) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
