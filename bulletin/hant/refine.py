"""What the converter adds to OpenCC: people's names and word boundaries.

OpenCC converts the whole text first (fast). Then only the sentences that need it are
converted again, segment by segment: sentences holding a name (bulletin.hant.names) and
sentences where OpenCC's phrases and the segmenter's words disagree (bulletin.hant.boundaries).
There a name is its surname (SURNAME_FORMS) and its given name converted on its own, and
the rest is cut as OpenCC would cut it, without phrases crossing a sure word boundary; each
segment goes to OpenCC on its own (one call for all), so the glossary and every stage of the
edition's configuration still apply. What changed is kept as Corrections for the review list.

The editors still decide: a glossary phrase is never cut and no name is found inside one,
`{{name}}` marks never reach the converter, and each mechanism can be turned off
(ConversionOptions, from pelicanconf.py's BULLETIN_HANT_*).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import boundaries
from .names import Name, find_names, surname_form

NAME = "name"
BOUNDARY = "boundary"
CONTEXT = 10


@dataclass(frozen=True)
class ConversionOptions:
    """Which of the converter's own mechanisms run (all by default)."""

    credited_names: bool = True  # the ingest's credits and names in credit lines
    titled_names: bool = True  # names next to a title, role or speech verb, and lists of them
    boundaries: bool = True  # no OpenCC phrase across a word the segmenter is sure of

    @property
    def any(self) -> bool:
        return self.credited_names or self.titled_names or self.boundaries


@dataclass(frozen=True)
class Correction:
    kind: str  # NAME or BOUNDARY
    start: int
    end: int
    source: str  # the Simplified text
    opencc: str  # what OpenCC alone printed
    chosen: str  # what the edition prints
    how: str  # how the name was found, or the words around the boundary


class Refiner:
    def __init__(
        self,
        options: ConversionOptions,
        convert: Callable[[str], str],
        config: dict,
        config_path: Path,
        cache_dir: Path,
        glossary: Iterable[str] = (),
    ) -> None:
        """`config`: the edition's OpenCC config, written at `config_path`; `cache_dir`: where
        OpenCC's dictionaries are dumped as text."""
        self.options = options
        self._convert = convert
        self._glossary = tuple(glossary)
        self._surnames: dict[str, str] = {}
        self._cutter = boundaries.PhraseCutter(config, cache_dir, self._glossary)
        self._ambiguous_path = config_path.with_name(f"{config_path.stem}-ambiguous.txt")

    @cached_property
    def _ambiguous(self) -> boundaries.AmbiguousPhrases:
        return boundaries.load_ambiguous_phrases(
            self._ambiguous_path, self._cutter.phrases, self._convert
        )

    def refine(
        self, text: str, converted: str, known: Iterable[str] = ()
    ) -> tuple[str, list[Correction]]:
        """OpenCC's `converted` text of `text`, corrected; and what was corrected."""
        options = self.options
        if len(converted) != len(text) or text.isascii():
            return converted, []
        names = []
        if options.credited_names or options.titled_names:
            names = find_names(
                text,
                known if options.credited_names else (),
                boundaries.is_word,
                titled=options.titled_names,
                credits=options.credited_names,
                tag=boundaries.tagged_words,
            )
            names = self._misprinted(text, converted, names)
            if names and self._glossary:
                names = [name for name in names if not self._in_glossary_phrase(text, name)]
        flagged = (
            boundaries.disagreeing_sentences(text, converted, self._convert, self._ambiguous)
            if options.boundaries
            else []
        )
        spans = _sentences_to_redo(text, names, flagged)
        if not spans:
            return converted, []
        return self._redo(text, converted, spans, names)

    def _in_glossary_phrase(self, text: str, name: Name) -> bool:
        """A glossary phrase overlaps the name: the editors' line decides there."""
        for phrase in self._glossary:
            start = text.find(phrase, max(0, name.start - len(phrase) + 1), name.end + len(phrase))
            if 0 <= start < name.end:
                return True
        return False

    def _surname(self, surname: str) -> str:
        form = self._surnames.get(surname)
        if form is None:
            form = self._surnames[surname] = surname_form(surname, self._convert)
        return form

    def _misprinted(self, text: str, converted: str, names: list[Name]) -> list[Name]:
        """The names OpenCC printed otherwise than a name is printed (most are right: 王, 李)."""
        if not names:
            return names
        givens = [text[name.start + name.surname : name.end] for name in names]
        printed = self._convert("\n".join(givens)).split("\n")
        if len(printed) != len(names):
            return names
        wrong = []
        for name, given in zip(names, printed, strict=True):
            middle = name.start + name.surname
            surname = self._surname(text[name.start : middle])
            if converted[name.start : middle] != surname or converted[middle : name.end] != given:
                wrong.append(name)
        return wrong

    def _redo(
        self,
        text: str,
        converted: str,
        spans: list[tuple[int, int]],
        names: list[Name],
    ) -> tuple[str, list[Correction]]:
        segments: list[tuple[int, int]] = []
        surnames: list[int] = []  # the segments that are surnames
        names = sorted(names, key=lambda name: name.start)
        index = 0
        for start, end in spans:
            position = start
            while index < len(names) and names[index].start < start:
                index += 1
            while index < len(names) and names[index].start < end:
                name = names[index]
                segments += self._cut(text, position, name.start)
                surnames.append(len(segments))
                segments.append((name.start, name.start + name.surname))
                if name.end > name.start + name.surname:
                    segments.append((name.start + name.surname, name.end))
                position = name.end
                index += 1
            segments += self._cut(text, position, end)
        pieces = [text[s:e] for s, e in segments]
        results = self._convert("\n".join(pieces)).split("\n")
        if len(results) != len(pieces):
            return converted, []  # a piece held a newline of its own: leave OpenCC's text
        for segment in surnames:
            results[segment] = self._surname(pieces[segment])
        out = []
        position = 0
        for (start, end), result in zip(segments, results, strict=True):
            out += (converted[position:start], result)
            position = end
        out.append(converted[position:])
        refined = "".join(out)
        return refined, _corrections(text, converted, refined, spans, names)

    def _cut(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        if start >= end:
            return []
        part = text[start:end]
        if not self.options.boundaries or not self._ambiguous.occur_in(part):
            return [(start, end)]  # OpenCC cuts it as it always does (no cut can matter)
        cut = self._cutter.cut(part, boundaries.sure_words(part))
        return [(start + s, start + e) for s, e in cut]


def _sentences_to_redo(
    text: str, names: list[Name], flagged: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    if not names:
        return flagged
    # a name never crosses a sentence end: names are CJK characters only
    named = boundaries.spans_holding(
        list(boundaries.sentences(text)), [(name.start, name.end) for name in names]
    )
    return sorted({*flagged, *named})


def _corrections(
    text: str,
    converted: str,
    refined: str,
    spans: list[tuple[int, int]],
    names: list[Name],
) -> list[Correction]:
    found = []
    named: set[int] = set()
    for name in names:
        named.update(range(name.start, name.end))
        if refined[name.start : name.end] != converted[name.start : name.end]:
            found.append(
                _correction(NAME, text, converted, refined, name.start, name.end, name.how)
            )
    for start, end in spans:
        position = start
        while position < end:
            if refined[position] == converted[position] or position in named:
                position += 1
                continue
            stop = position + 1
            while stop < end and refined[stop] != converted[stop] and stop not in named:
                stop += 1
            context = text[max(start, position - 4) : min(end, stop + 4)]
            words = "|".join(boundaries.words(context))
            found.append(_correction(BOUNDARY, text, converted, refined, position, stop, words))
            position = stop
    return sorted(found, key=lambda c: c.start)


def _correction(
    kind: str, text: str, converted: str, refined: str, start: int, end: int, how: str
) -> Correction:
    return Correction(
        kind, start, end, text[start:end], converted[start:end], refined[start:end], how
    )
