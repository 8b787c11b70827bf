"""The ingest as a command: ``python -m bulletin.cli`` (what ``invoke ingest`` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from ..build.lock import ContentLocked, content_lock
from .issue import sidecar_errors
from .report import print_report, write_report
from .run import BodyWork, IngestReport, TextWork, ingest, seed_files

PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing


def run(
    seeds: Path,
    content: Path,
    report_path: Path | None,
    strict: bool,
    quiet: bool = False,
    cache: Path | None = None,
    body_work: dict[str, BodyWork] | None = None,
    text_work: dict[str, TextWork] | None = None,
) -> IngestReport:
    console = Console(stderr=True, quiet=quiet)
    total = len(seed_files(seeds))
    if total >= PROGRESS_FROM and not quiet:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("ingest", total=total)
            report = ingest(
                seeds,
                content,
                strict=strict,
                progress=lambda done, _n, _name: progress.update(task, completed=done),
                cache_dir=cache,
                body_work=body_work,
                text_work=text_work,
            )
    else:
        report = ingest(
            seeds, content, strict=strict, cache_dir=cache, body_work=body_work, text_work=text_work
        )
    if report_path:
        write_report(report, report_path)
    print_report(report, console, report_path)
    if report.strict_failed:
        console.print("[red]strict mode: warnings found, nothing was written[/]")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Turn raw bulletin issues into Markdown articles.")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument(
        "--report",
        type=lambda value: Path(value) if value else None,
        default=Path("reports/ingest.md"),
        help="where to write the report ('' for none)",
    )
    parser.add_argument("--strict", action="store_true", help="any warning is fatal")
    parser.add_argument(
        "--cache",
        type=lambda value: Path(value) if value else None,
        default=Path("cache"),
        help="where parsed issues are kept between runs ('' for none)",
    )
    args = parser.parse_args(argv)
    if not args.seeds.is_dir():
        print(f"error: seeds folder {args.seeds} does not exist", file=sys.stderr)
        return 2
    try:
        with content_lock(args.content, "ingest"):
            report = run(args.seeds, args.content, args.report, args.strict, cache=args.cache)
    except ContentLocked as locked:
        print(f"error: {locked}", file=sys.stderr)
        return 2
    errors = sidecar_errors(report.warnings)
    for error in errors:
        print(f"error: {error.where()}: {error.message}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} sidecar errors: those issues were not ingested", file=sys.stderr)
    return 1 if report.strict_failed or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
