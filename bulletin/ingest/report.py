"""The ingest report: a terminal table for the editor and a Markdown file to keep."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..files import atomic_write
from .run import NO_DATE, IngestReport

TABLE_MAX_ISSUES = 30  # beyond this the terminal gets counts; the report file has everything
WARNINGS_SHOWN = 40


def print_report(
    report: IngestReport, console: Console | None = None, report_path: Path | None = None
) -> None:
    console = console or Console()
    if len(report.issues) <= TABLE_MAX_ISSUES:
        _print_table(report, console)
    # The issues parsed in this run (a weekly build: the new one) speak; the warnings of issues
    # unchanged since an earlier run are counted, not repeated: with a few hundred issues
    # they filled the screen and hid the new issue's.
    where = f" in {report_path}" if report_path else ""
    shown, earlier = [], 0
    for issue in report.issues:
        warnings = [w for w in issue.warnings if w.code != "missing-date"]
        if issue.source in report.parsed:
            shown += warnings
        else:
            earlier += len(warnings)
    for warning in shown[:WARNINGS_SHOWN]:
        console.print(f"[yellow]warning[/] {warning.where()}: {warning.message}", highlight=False)
    if len(shown) > WARNINGS_SHOWN:
        console.print(f"… and {len(shown) - WARNINGS_SHOWN} more warnings{where}")
    if earlier:
        console.print(
            f"{earlier} warnings of issues unchanged since an earlier run: not repeated here"
            + (f", all are in {report_path}" if report_path else ""),
            highlight=False,
        )
    _print_store(report, console)
    console.print(summary_line(report), highlight=False)


def _print_table(report: IngestReport, console: Console) -> None:
    table = Table(title="Ingest", show_lines=False)
    for column in ("issue", "date", "stories", "warnings", "dropped"):
        table.add_column(column, justify="right" if column != "issue" else "left")
    for issue in _estimated_first(report.issues):
        table.add_row(
            issue.source,
            _date_cell(issue),
            "skipped" if issue.skipped else str(len(issue.articles)),
            str(len(issue.warnings)),
            str(len(issue.dropped)),
        )
    console.print(table)


def _estimated_first(issues: list) -> list:
    """Issues whose date is an estimate (or missing) first: they want the editor's look;
    then the others, in archive order."""
    return sorted(issues, key=lambda issue: issue.date_estimate is None and issue.date is not None)


def _date_cell(issue) -> str:
    if issue.date is None:
        return "no date: not published"
    if issue.date_estimate is not None:
        return f"{issue.date.isoformat()} (estimated, {issue.date_estimate})"
    return issue.date.isoformat()


def _print_store(report: IngestReport, console: Console) -> None:
    store = report.store
    for label, paths in (
        ("kept (edited by an editor)", store.kept_edited),
        ("kept (not written by the ingest)", store.kept_foreign),
        ("not recreated (deleted by an editor)", store.kept_deleted),
        ("removed (its source is gone)", store.removed),
    ):
        for path in paths:
            console.print(f"[cyan]{label}[/] content/{path}", highlight=False)


def summary_line(report: IngestReport) -> str:
    store = report.store
    return (
        f"{len(report.issues)} issues, {report.article_count} articles: "
        f"{len(store.written)} written, {len(store.unchanged)} unchanged, "
        f"{len(store.kept_edited)} kept as edited, {len(store.removed)} removed; "
        f"{len(report.warnings)} warnings; {report.seconds:.2f}s"
    )


def report_markdown(report: IngestReport) -> str:
    """Deterministic (no timings) so the file only changes when the archive does."""
    out = ["# Ingest report", ""]
    codes = Counter(w.code for w in report.warnings)
    out.append(
        f"{len(report.issues)} issues, {report.article_count} articles, "
        f"{len(report.warnings)} warnings"
        + (f" ({', '.join(f'{c}: {n}' for c, n in sorted(codes.items()))})" if codes else "")
    )
    estimated = [i.source for i in report.issues if i.date_estimate or i.date_note == NO_DATE]
    if estimated:
        out += ["", "Dates to check (estimated, shown on the site as 日期待核; state each in its"]
        out += ["sidecar, `date = YYYY-MM-DD`):", ""]
        out += [f"- {source}" for source in estimated]
    for issue in _estimated_first(report.issues):
        out += ["", f"## {issue.source}", ""]
        if issue.skipped:
            out.append("Skipped." + (f" {issue.date_note}." if issue.date_note == NO_DATE else ""))
        else:
            out.append(
                f"Encoding {issue.encoding}; date {issue.date} ({issue.date_note})"
                + (f"; headline {issue.headline}" if issue.headline else "")
            )
            out += [
                "",
                "| # | section | title | districts | date | lines |",
                "|---|---|---|---|---|---|",
            ]
            for row in issue.rows:
                span = f"{row.lines[0]}–{row.lines[1]}" if row.lines else ""
                out.append(
                    f"| {row.order} | {row.section} | {row.title} | "
                    f"{'、'.join(row.districts)} | {row.date} | {span} |"
                )
        if issue.warnings:
            out += ["", "Warnings:", ""]
            out += [f"- `{w.where()}` {w.code}: {w.message}" for w in issue.warnings]
        if issue.dropped:
            out += ["", "Dropped lines:", ""]
            out += [f"- line {d.line}: {d.text} ({d.reason})" for d in issue.dropped]
    return "\n".join(out) + "\n"


def write_report(report: IngestReport, path: Path) -> None:
    atomic_write(path, report_markdown(report).encode("utf-8"))
