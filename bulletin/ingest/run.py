"""seeds/ -> content/: the whole ingest run, as one function the CLI and the plugin share."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..cache_keys import text_key
from ..hant import simplified_master
from ..pickle_cache import PickleCache
from ..render import (
    BULLETIN_FIELDS,
    bulletin_field,
    markdown_to_html,
    rendered_file,
    rendered_key,
    split_header,
)
from .article import Article, make_article
from .article_file import article_markdown, line_ranges
from .decode import decode_bytes
from .duplicates import set_aside
from .issue import IssueInfo, issue_key, parse_text, read_sidecar
from .issue_dates import estimate_issue_date, issue_year, masthead_of
from .model import DroppedLine, Warning
from .parsed_cache import issue_cache, seed_key
from .store import ContentStore, StoreResult

NO_DATE = "no date found"
Neighbours = tuple[dt.date | None, dt.date | None]  # the dates of the issues before and after


class IngestError(RuntimeError):
    """Raised in strict mode when any warning was found; nothing was written."""


class Articles(Sequence[Article]):
    """An issue's articles. Pickled (into the ingest cache, or from a parsing process) as one
    blob that is unpickled when an article is first asked for: a weekly build reads the
    report rows of every cached issue but none of their stories, whose many small objects
    made the cache of a large archive slow to load (BENCHMARKS.md)."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._items: list[Article] | None = list(articles)
        self._blob: bytes | None = None
        self._count = len(self._items)

    def append(self, article: Article) -> None:
        self._loaded().append(article)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # type: ignore[override]
        return self._loaded()[index]

    def __iter__(self) -> Iterator[Article]:
        return iter(self._loaded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Articles):
            other = other._loaded()
        return isinstance(other, list) and self._loaded() == other

    def __repr__(self) -> str:
        return f"Articles({self._loaded()!r})"

    def _loaded(self) -> list[Article]:
        if self._items is None:
            assert self._blob is not None
            self._items, self._blob = pickle.loads(self._blob), None
        return self._items

    def __getstate__(self) -> dict:
        blob = self._blob
        if blob is None:
            blob = pickle.dumps(self._items, protocol=pickle.HIGHEST_PROTOCOL)
        return {"blob": blob, "count": self._count}

    def __setstate__(self, state: dict) -> None:
        self._items, self._blob, self._count = None, state["blob"], state["count"]


@dataclass(frozen=True)
class ReportRow:
    """One article as the ingest report lists it."""

    order: int
    section: str
    title: str
    districts: tuple[str, ...]
    date: dt.date
    lines: tuple[int, int] | None  # first and last line in the raw file

    @classmethod
    def of(cls, article: Article) -> ReportRow:
        lines = article.story.lines()
        return cls(
            article.order,
            article.story.section,
            article.title,
            tuple(article.districts),
            article.date,
            (min(lines), max(lines)) if lines else None,
        )


@dataclass
class IssueReport:
    source: str
    info: IssueInfo
    encoding: str | None = None
    date: dt.date | None = None
    date_note: str = ""
    # "month" or "year" when the date is an estimate (the site says 日期待核); None: stated
    date_estimate: str | None = None
    # the estimate leans on the issues around it (the text gives no day with its year)
    dated_by_neighbours: bool = False
    headline: str | None = None
    articles: Articles = field(default_factory=Articles)
    rows: list[ReportRow] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    skipped: bool = False
    rendered: dict[str, str] = field(default_factory=dict)  # content path -> Markdown
    html: dict[str, str] = field(default_factory=dict)  # rendered_key(body) -> body HTML
    # BodyWork results of this parse: name -> {rendered_key(body): result}; never cached
    worked: dict[str, dict[str, str]] = field(default_factory=dict)
    # TextWork results of this parse: name -> {(field, text): result}; never cached
    worked_texts: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)


@dataclass
class IngestReport:
    issues: list[IssueReport]
    store: StoreResult
    seconds: float
    strict_failed: bool = False
    # BodyWork results for the issues parsed in this run: name -> {rendered_key(body): result}
    worked: dict[str, dict[str, str]] = field(default_factory=dict)
    # TextWork results for the issues parsed in this run: name -> {(field, text): result}
    worked_texts: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    # Sources of the issues parsed in this run; the others came unchanged from the cache
    parsed: set[str] = field(default_factory=set)

    @property
    def warnings(self) -> list[Warning]:
        return [w for issue in self.issues for w in issue.warnings]

    @property
    def articles(self) -> list[Article]:
        return [a for issue in self.issues for a in issue.articles]

    @property
    def article_count(self) -> int:
        """len(articles), without loading any issue's articles (see Articles)."""
        return sum(len(issue.articles) for issue in self.issues)


ProgressFn = Callable[[int, int, str], None]
# More work on the rendered bodies (say, an edition's conversion), done where they are
# rendered: in the parsing processes, on every core. One call per issue, with all its bodies,
# each with the people its article credits (writers, photographers: names to protect).
BodyWork = Callable[[list[tuple[str, tuple[str, ...]]]], list[str]]
# The run's BodyWork by name. A module global, not an argument: the parsing processes are
# forked and inherit it, so a closure over OpenCC converters need not be pickled.
_body_work: dict[str, BodyWork] = {}
# The same for the texts a reader sees beside each body, as (field, text) pairs: the title,
# subtitle and issue title as Pelican will read them, the summary escaped as the site's reader
# holds it (bulletin.render.bulletin_field). One call per issue, with all its texts.
TextWork = Callable[[list[tuple[str, str]]], list[str]]
_text_work: dict[str, TextWork] = {}
HEADER_TEXTS = ("title", "kicker", "subtitle", "issue_title", "summary")


def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


def process_seed(path: Path, source: str, neighbours: Neighbours | None = None) -> IssueReport:
    """Everything about one issue, in memory; nothing is written here. `neighbours`, the
    dates of the issues before and after it, bound the estimate of a date the issue does not
    state."""
    info, sidecar_warnings = read_sidecar(path)
    report = IssueReport(source=source, info=info, warnings=list(sidecar_warnings))
    if sidecar_warnings:  # what the editor stated cannot be read: keep the issue as it was
        report.skipped = True
        return report
    decoded = decode_bytes(path.read_bytes())
    if decoded.text is None:
        report.skipped = True
        report.warnings.append(Warning(source, None, "unreadable", f"skipped: {decoded.problem}"))
        return report
    report.encoding = decoded.encoding
    text = _simplified_master(decoded.text, source, report)
    parsed = parse_text(text, source, info.section)
    report.headline = parsed.headline
    report.dropped = parsed.dropped
    report.warnings.extend(parsed.warnings)
    if not _date_issue(report, text, path, neighbours):
        return report
    assert report.date is not None
    year = (
        report.date.year if report.date_estimate is None else issue_year(text) or report.date.year
    )
    texts: set[tuple[str, str]] = set()  # the header texts TextWork is done on
    credited: dict[str, tuple[str, ...]] = {}  # rendered_key(body) -> the people it credits
    for order, story in enumerate(parsed.stories, start=1):
        article = make_article(story, info.key, order, report.date, year, report.date_estimate)
        lines = set(story.lines())
        article.review = [f"line {w.line}: {w.message}" for w in parsed.warnings if w.line in lines]
        report.articles.append(article)
        report.rows.append(ReportRow.of(article))
        meta = {
            "Issue": info.key,
            "Issue_date": report.date.isoformat(),
            "Issue_date_estimated": report.date_estimate or "",
            "Issue_number": info.number or "",
            "Issue_title": info.title or parsed.headline or "",
            "Source": f"{source}:{line_ranges(story.lines())}",
        }
        text = article_markdown(article, meta)
        report.rendered[f"articles/{info.key}/{article.slug}.md"] = text
        header, body = split_header(text)
        texts.update(header_texts(header))
        report.html[rendered_key(body)] = markdown_to_html(body)
        credited[rendered_key(body)] = (*article.authors, *article.photographers)
    for name, work in _body_work.items():
        keys = list(report.html)
        bodies = [(report.html[k], credited[k]) for k in keys]
        report.worked[name] = dict(zip(keys, work(bodies), strict=True))
    for name, text_work in _text_work.items():
        ordered = sorted(texts)
        report.worked_texts[name] = dict(zip(ordered, text_work(ordered), strict=True))
    if not parsed.stories:
        report.warnings.append(Warning(source, None, "no-stories", "no story found in the file"))
    return report


def _date_issue(report: IssueReport, text: str, path: Path, neighbours: Neighbours | None) -> bool:
    """Set the issue's date: stated in the sidecar or by the masthead line, else estimated
    (and said to be). False when nothing at all dates the issue: it is not published."""
    info, source, sidecar = report.info, report.source, path.with_suffix(".toml").name
    top = masthead_of(text.splitlines())
    if top is not None and info.number is None and top[1]:
        info.number = top[1]
    if info.date:
        report.date, report.date_note = info.date, f"stated in {sidecar}"
        return True
    if top is not None:
        report.date, report.date_note = top[0], f"stated by the masthead (line {top[2]})"
        return True
    estimate = estimate_issue_date(text, *(neighbours or (None, None)))
    report.dated_by_neighbours = estimate is None or estimate.leans_on_neighbours
    if estimate is None:
        report.date_note = NO_DATE
        report.skipped = True
        report.warnings.append(
            Warning(
                source,
                None,
                "no-date",
                f"not published: nothing dates this issue (no date in its text, no issue "
                f"before or after it); state it in {sidecar} (date = YYYY-MM-DD)",
            )
        )
        return False
    report.date, report.date_estimate, how = estimate.date, estimate.precision, estimate.how
    report.date_note = f"estimated: {how}"
    shown = "year" if report.date_estimate == "year" else "year and month"
    report.warnings.append(
        Warning(
            source,
            None,
            "missing-date",
            f"issue date not stated; estimated {report.date.isoformat()} ({how}), shown as "
            f"its {shown} with 日期待核; state it in {sidecar}",
        )
    )
    return True


def header_texts(header: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (field, text) pairs of an article's header (split_header's) that TextWork is done
    on, each as the site's reader will hold it."""
    return [
        (key, bulletin_field(key, value) if key in BULLETIN_FIELDS else value)
        for key, value in header
        if key in HEADER_TEXTS and value
    ]


def _simplified_master(text: str, source: str, report: IssueReport) -> str:
    """A bulletin already in Traditional characters (a partner's submission) becomes
    a Simplified master, so columns, districts and dates are recognised and every edition has
    it; the report says so, because OpenCC's t2s conversion deserves an editor's look."""
    master = simplified_master(text)
    if master.converted:
        # the mainland's quotation marks, as every Simplified issue prints them
        master = replace(master, text=master.text.translate(_MAINLAND_QUOTES))
        report.warnings.append(
            Warning(
                source,
                None,
                "converted-from-traditional",
                f"converted from Traditional: {master.note}",
            )
        )
    return master.text


_MAINLAND_QUOTES = str.maketrans("「」『』", "“”‘’")
PARALLEL_FROM = 40  # issues to parse; below that, starting worker processes costs more


def _issues_in_order(
    seeds_dir: Path,
    files: list[Path],
    cache,
    progress: ProgressFn | None,
    report: IngestReport,
) -> Iterator[IssueReport]:
    """Every issue parsed, in the files' order, from the cache where its input did not change;
    each is yielded as soon as it is known, so the caller can write it while the others parse.

    Issues are independent except for one thing: an issue that states no date has it
    estimated between the issues before and after it. So issues are parsed without their
    neighbours (on every core when there are many), and the rare issue whose date is an
    estimate is parsed again, in order, once the next issue is known.
    """
    sources = [f"{seeds_dir.name}/{path.name}" for path in files]
    keys = [seed_key(path, source) for path, source in zip(files, sources, strict=True)]
    parsed: list[IssueReport | None] = [cache.get(key) for key in keys]
    todo = [index for index, issue in enumerate(parsed) if issue is None]
    done = len(files) - len(todo)
    fresh = _parse(files, sources, todo)  # in the order of `todo`
    previous: dt.date | None = None
    waiting: int | None = None  # an undated issue waiting for the date of the next one

    def estimated(index: int, following: dt.date | None) -> IssueReport:
        key = text_key(keys[index], repr((previous, following)))  # the estimate's inputs
        issue = cache.get(key)
        if issue is None:
            issue = process_seed(files[index], sources[index], (previous, following))
            _take_worked(issue, report)
            cache.put(key, issue)
            report.parsed.add(sources[index])
        return issue

    try:
        for index, (path, source) in enumerate(zip(files, sources, strict=True)):
            issue = parsed[index]
            if issue is None:
                parsed_index, issue = next(fresh)
                assert parsed_index == index
                _take_worked(issue, report)  # results go to their owners, not into the cache
                cache.put(keys[index], issue)
                report.parsed.add(source)
                done += 1
                if progress:
                    progress(done, len(files), path.name)
            if waiting is not None:
                held = estimated(waiting, issue.date)
                previous = held.date or previous
                yield held
                waiting = None
            if issue.dated_by_neighbours:
                waiting = index
                continue
            previous = issue.date or previous
            yield issue
        if waiting is not None:
            yield estimated(waiting, None)
    finally:
        fresh.close()  # the worker processes are shut down, also when the caller failed
    cache.save()


def _take_worked(issue: IssueReport, report: IngestReport) -> None:
    """Move the issue's BodyWork and TextWork results into the run's report."""
    for name, results in issue.worked.items():
        report.worked.setdefault(name, {}).update(results)
    for name, texts in issue.worked_texts.items():
        report.worked_texts.setdefault(name, {}).update(texts)
    issue.worked = {}
    issue.worked_texts = {}


def _parse(files: list[Path], sources: list[str], todo: list[int]):
    """(index, parsed issue) for each index in `todo`, in order."""
    jobs = [(files[i], sources[i], (None, None)) for i in todo]
    if len(todo) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield from zip(todo, (process_seed(*job) for job in jobs), strict=True)
        return
    # fork: workers start at once with the parser loaded, and any caller's main module works
    # (spawn would import it again). They only parse and return; they never print, so the
    # progress bar's thread in the parent is no concern.
    context = multiprocessing.get_context("fork")
    # A caller may have paused the garbage collector while it loads (the site's runner): the
    # workers, which make and drop a great deal, collect as usual.
    with ProcessPoolExecutor(os.cpu_count(), mp_context=context, initializer=gc.enable) as pool:
        yield from zip(todo, pool.map(_process_job, jobs, chunksize=8), strict=True)


def _store_issue(
    store: ContentStore, issue: IssueReport, result: StoreResult, produced: set[str]
) -> None:
    for relative, text in issue.rendered.items():
        store.put(relative, text, issue.source, result)
        produced.add(relative)


def _keep_rendered(issues: list[IssueReport], cache_dir: Path | None) -> None:
    """The bodies' HTML for the site's readers (bulletin.render), rendered by the workers."""
    if cache_dir is None:
        return
    rendered = PickleCache(rendered_file(cache_dir))
    for issue in issues:
        for key, html in issue.html.items():
            rendered.put(key, html)
    rendered.save()


def _repeated_issue(path: Path, repeat) -> IssueReport:
    message = (
        f"not published: the same issue as {repeat.original} "
        f"({repeat.similarity:.0%} of its text alike); remove one of the two files"
    )
    issue = IssueReport(source=repeat.name, info=IssueInfo(key=issue_key(path)))
    issue.warnings.append(Warning(repeat.name, None, "duplicate-issue", message))
    return issue


def _process_job(job: tuple[Path, str, Neighbours]) -> IssueReport:
    return process_seed(*job)


def ingest(
    seeds_dir: Path,
    content_dir: Path,
    *,
    strict: bool = False,
    progress: ProgressFn | None = None,
    cache_dir: Path | None = None,
    body_work: dict[str, BodyWork] | None = None,
    text_work: dict[str, TextWork] | None = None,
) -> IngestReport:
    """Parse every seed and write content/, each issue as soon as it is parsed (strict mode:
    only once every issue is parsed and none has a warning).

    With `cache_dir`, issues whose input did not change since the last run are not parsed again.
    `body_work` is done on the bodies of the issues parsed (see BodyWork), `text_work` on their
    header texts (TextWork); the results are in the report's `worked` and `worked_texts`.
    """
    started = time.perf_counter()
    files = seed_files(seeds_dir)
    result = StoreResult()
    report = IngestReport([], result, 0.0)
    store = ContentStore(content_dir)
    produced: set[str] = set()
    issues = report.issues
    # An issue saved twice is published once; the copy's articles, if any, are retired below.
    files, repeats = set_aside(seeds_dir, files, store.sources(), cache_dir)
    _body_work.clear()
    _body_work.update(body_work or {})
    _text_work.clear()
    _text_work.update(text_work or {})
    try:
        # Each issue's files are written while the worker processes parse the next ones
        # (written afterwards, they kept one core busy while the other waited); strict mode
        # writes nothing before every issue is known to be free of warnings.
        for issue in _issues_in_order(seeds_dir, files, issue_cache(cache_dir), progress, report):
            issues.append(issue)
            if not strict:
                _store_issue(store, issue, result, produced)
    except BaseException:
        store.save()  # the manifest names the files written so far: they stay the ingest's
        raise
    finally:
        _body_work.clear()
        _text_work.clear()
    for path, repeat in repeats:
        issues.append(_repeated_issue(path, repeat))
        report.parsed.add(repeat.name)  # its warning is shown by every run, not only the first
    _keep_rendered(issues, cache_dir)
    if strict and report.warnings:
        report.strict_failed = True
        report.seconds = time.perf_counter() - started
        return report
    if strict:
        for issue in issues:
            _store_issue(store, issue, result, produced)
    unreadable = {i.source for i in issues if i.skipped}
    for source, paths in store.sources().items():
        if source in unreadable:
            continue  # a file that failed to decode keeps its earlier articles
        for relative in paths:
            if relative not in produced:
                store.retire(relative, result)
    store.save()
    report.seconds = time.perf_counter() - started
    return report
