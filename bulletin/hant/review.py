"""The review list: where OpenCC had to guess, so editors know where the glossary should grow.

OpenCC calls a span ambiguous when the dictionary entry it used has more than one candidate
(余 -> 餘 or 余; 了 -> 了 or 瞭). The native `opencc --ambiguities` reports exactly those spans
for a config; run on the edition's own config, glossary entries are never reported (each has
one candidate). Added here: glossary entries a longer built-in phrase starting earlier took
away (城口县志愿者 is cut 县志|愿者, so `志愿 = 志願` never applies), the people's names the
converter kept as names and the phrases it cut at a word boundary (bulletin.hant.refine),
where they changed what OpenCC alone prints: each is a guess an editor can overrule.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass

from .converter import EditionConverter
from .no_convert import kept_ranges
from .refine import NAME, Correction
from .wheel import dictionary_entries, native_tool

CONTEXT = 10
GUESS = "guess"
SHADOWED = "glossary-shadowed"
PROTECTED_NAME = "name"  # a person's name the converter found (bulletin.hant.names)
CORRECTED_BOUNDARY = "boundary"  # an OpenCC phrase across a word, undone


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # GUESS or SHADOWED
    source: str  # the Simplified phrase
    chosen: str  # what the edition prints
    start: int  # offsets in the text with the marks' braces removed
    end: int
    context: str  # Simplified text around it, the phrase in 【】
    candidates: tuple[str, ...] = ()  # what OpenCC knew for it, its choice first


def review_list(text: str, converter: EditionConverter) -> list[ReviewItem]:
    """Every guessed span and every overridden glossary entry in `text`, in text order."""
    return start_review(text, converter).result()


def start_review(text: str, converter: EditionConverter) -> PendingReview:
    """`review_list` with the native program started now and waited for in `.result()`: it
    loads OpenCC's dictionaries for about a quarter of a second, which a build spends
    rendering pages instead of waiting."""
    return PendingReview(text, converter)


class PendingReview:
    def __init__(self, text: str, converter: EditionConverter) -> None:
        if not converter.length_preserving:
            raise ValueError("the review list needs a config that converts character for character")
        self._converter = converter
        self._plain, self._kept = kept_ranges(text)
        self._native = _NativeAmbiguities(self._plain, converter)

    def result(self) -> list[ReviewItem]:
        plain, converter = self._plain, self._converter
        output, spans = self._native.result()
        output, corrections = converter.refined(plain, output)
        decided = [(c.start, c.end) for c in corrections]
        applied, shadowed = _glossary_use(plain, output, converter)
        covered = {
            index for start, end in [*self._kept, *applied, *decided] for index in range(start, end)
        }
        items = [
            _item(GUESS, plain, output, start, end, converter)
            for start, end in spans
            if covered.isdisjoint(range(start, end))
        ]
        items += [_corrected(plain, output, correction) for correction in corrections]
        items += [
            _item(
                SHADOWED, plain, output, start, end, converter, (converter.convert_plain(phrase),)
            )
            for start, end in shadowed
            for phrase in [plain[start:end]]
        ]
        return sorted(items, key=lambda item: (item.start, item.kind))


class _NativeAmbiguities:
    """The wheel's native CLI on `plain`, running in the background. Input and output go
    through files, not pipes: nobody reads a pipe while the build renders, and a full one
    would stall the program."""

    def __init__(self, plain: str, converter: EditionConverter) -> None:
        self._args = [native_tool("opencc"), "-c", converter.config_path, "--ambiguities"]
        # The files outlive this call: the stack closes (and so deletes) them in result().
        self._files = ExitStack()
        files = [tempfile.TemporaryFile() for _ in range(3)]  # noqa: SIM115
        stdin, stdout, stderr = (self._files.enter_context(file) for file in files)
        self._stdout, self._stderr = stdout, stderr
        stdin.write(plain.encode("utf-8"))
        stdin.seek(0)
        self._process = subprocess.Popen(self._args, stdin=stdin, stdout=stdout, stderr=stderr)

    def result(self) -> tuple[str, list[tuple[int, int]]]:
        """The converted text and the guessed spans in it."""
        returncode = self._process.wait()
        with self._files:
            self._stdout.seek(0)
            self._stderr.seek(0)
            printed, complaint = self._stdout.read(), self._stderr.read()
        if returncode:
            raise subprocess.CalledProcessError(returncode, self._args, printed, complaint)
        return _parse_ambiguities(printed.decode("utf-8"))


def _parse_ambiguities(printed: str) -> tuple[str, list[tuple[int, int]]]:
    output: list[str] = []
    length = 0
    spans: list[tuple[int, int]] = []
    for line in printed.splitlines():
        record = json.loads(line)
        piece = record.get("lit") or record.get("amb", {}).get("t")
        if piece is None:
            continue  # "def" (a source phrase's first use) and "end" carry no output
        if "amb" in record:
            spans.append((length, length + len(piece)))
        output.append(piece)
        length += len(piece)
    return "".join(output), spans


def _glossary_use(
    plain: str, output: str, converter: EditionConverter
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where glossary entries applied, and where one should have but a built-in phrase won."""
    applied: list[tuple[int, int]] = []
    shadowed: list[tuple[int, int]] = []
    taken: set[int] = set()
    for phrase in sorted(converter.glossary, key=len, reverse=True):
        if phrase not in plain:
            continue
        expected = converter.convert_plain(phrase)
        for match in re.finditer(re.escape(phrase), plain):
            start, end = match.span()
            if not taken.isdisjoint(range(start, end)):
                continue  # inside a longer glossary entry
            taken.update(range(start, end))
            ok = output[start:end] == expected
            (applied if ok else shadowed).append((start, end))
    return applied, shadowed


def _item(
    kind: str,
    plain: str,
    output: str,
    start: int,
    end: int,
    converter: EditionConverter,
    candidates: tuple[str, ...] | None = None,
) -> ReviewItem:
    source = plain[start:end]
    if candidates is None:
        candidates = _candidates(source, converter)
    context = (
        plain[max(0, start - CONTEXT) : start] + f"【{source}】" + plain[end : end + CONTEXT]
    ).replace("\n", " ")
    return ReviewItem(kind, source, output[start:end], start, end, context, candidates)


def _corrected(plain: str, output: str, correction: Correction) -> ReviewItem:
    kind = PROTECTED_NAME if correction.kind == NAME else CORRECTED_BOUNDARY
    item = _item(kind, plain, output, correction.start, correction.end, None, (correction.opencc,))
    return ReviewItem(**{**item.__dict__, "candidates": (correction.opencc, correction.how)})


def _candidates(source: str, converter: EditionConverter) -> tuple[str, ...]:
    for dictionary in ("STPhrases", "STCharacters"):
        found = dictionary_entries(dictionary, converter.cache_dir).get(source)
        if found:
            return found
    return ()


_FOUND_BY = {
    "known": "credited, or named so elsewhere in the text",
    "credit": "in a credit line",
    "title": "next to a title or role",
    "speech": "before a speech verb",
    "listed": "listed with 、 beside a name",
}


def format_review(items: Iterable[ReviewItem], heading: str = "Conversion review") -> str:
    """Markdown for the editors' report: one line per phrase, most frequent first."""
    items = list(items)
    if not items:
        return f"## {heading}\n\nNothing to review: OpenCC had no choice to make.\n"
    counts = Counter((item.kind, item.source, item.chosen) for item in items)
    first = {}
    for item in items:
        first.setdefault((item.kind, item.source, item.chosen), item)
    lines = [f"## {heading}", ""]
    for key, count in counts.most_common():
        item = first[key]
        options = "/".join(item.candidates) if item.candidates else "?"
        if item.kind == PROTECTED_NAME:
            opencc, how = item.candidates
            note = f"a name ({_FOUND_BY.get(how, how)}); OpenCC alone prints {opencc}"
        elif item.kind == CORRECTED_BOUNDARY:
            opencc, words = item.candidates
            note = f"words {words}; OpenCC's phrase across them printed {opencc}"
        elif item.kind == SHADOWED:
            note = (
                f"glossary says {options}; a built-in phrase starting earlier won: add the compound"
            )
        else:
            note = f"chose {item.chosen} from {options}"
        lines.append(f"- {item.source} → {item.chosen} ×{count}: {note} — {item.context}")
    return "\n".join(lines) + "\n"
