"""One OpenCC converter per edition and process, with the editors' glossary inside it.

OpenCC objects cannot be pickled, so worker processes must build their own: an
`EditionConverter` pickles as a recipe (edition, glossary entries, cache folder) and the
receiving process builds - once - its own converter from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import opencc

from .config import edition_config, write_config
from .edition_settings import LENGTH_PRESERVING_CONFIGS, Edition
from .glossary import Glossary, load_glossary
from .markup import convert_html, joined_conversion
from .no_convert import has_marks, split_marks
from .refine import ConversionOptions, Correction, Refiner

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GLOSSARY = REPO_ROOT / "glossary"
DEFAULT_CACHE_DIR = REPO_ROOT / "cache" / "opencc"

GlossaryEntries = tuple[tuple[str, str], ...]
DEFAULT_OPTIONS = ConversionOptions()


class EditionConverter:
    """Converts Simplified text, Markdown-free plain text or HTML, for one edition."""

    def __init__(
        self,
        edition: Edition,
        glossary: GlossaryEntries,
        cache_dir: Path,
        options: ConversionOptions = DEFAULT_OPTIONS,
    ) -> None:
        if edition.opencc_config is None:
            raise ValueError(f"{edition.code} is the master edition; it is never converted")
        self.edition = edition
        self.glossary: Mapping[str, str] = dict(glossary)
        self.cache_dir = cache_dir
        self.options = options
        self._recipe = (edition, glossary, cache_dir, options)
        config = edition_config(edition.opencc_config, self.glossary)
        self.config_path = write_config(edition.code, config, cache_dir)
        self._opencc = opencc.OpenCC(str(self.config_path))
        self._refiner = (
            Refiner(
                options, self._opencc.convert, config, self.config_path, cache_dir, self.glossary
            )
            if options.any and self.length_preserving
            else None
        )

    @property
    def key(self) -> str:
        """Changes with everything the output depends on: config (glossary inside), options."""
        options = self.options
        flags = "".join(
            "1" if on else "0"
            for on in (options.credited_names, options.titled_names, options.boundaries)
        )
        return f"{Path(self.config_path).name}+{flags}"

    @property
    def length_preserving(self) -> bool:
        """Output has as many characters as input (needed to line the two up)."""
        return self.edition.opencc_config in LENGTH_PRESERVING_CONFIGS

    def convert_opencc(self, text: str) -> str:
        """OpenCC with the glossary, nothing else (no names, no word boundaries)."""
        return self._opencc.convert(text) if text else text

    def convert_plain(self, text: str, names: Iterable[str] = ()) -> str:
        """OpenCC with the glossary, names and word boundaries (bulletin.hant.refine); the
        braces of marks are converted as text. `names`: people credited elsewhere."""
        if not text:
            return text
        converted = self._opencc.convert(text)
        if self._refiner is None:
            return converted
        return self._refiner.refine(text, converted, names)[0]

    def corrections(self, text: str, names: Iterable[str] = ()) -> list[Correction]:
        """What names and word boundaries changed in OpenCC's conversion of `text`."""
        return self.refined(text, self.convert_opencc(text), names)[1]

    def refined(
        self, text: str, converted: str, names: Iterable[str] = ()
    ) -> tuple[str, list[Correction]]:
        """OpenCC's `converted` text of `text` with names and word boundaries corrected, and
        the corrections (for the review list, which has OpenCC's output already)."""
        if self._refiner is None or not text:
            return converted, []
        return self._refiner.refine(text, converted, names)

    def convert_name(self, name: str) -> str:
        """A person's name on its own (an author in a list): the surname as a surname."""
        return self.convert_plain(name, (name,) if self.options.credited_names else ())

    def convert(self, text: str, names: Iterable[str] = ()) -> str:
        """Plain text (a title, a summary, a tag): marked names lose their braces, stay as is."""
        if not has_marks(text):
            return self.convert_plain(text, names)
        layout = list(split_marks(text))
        pieces = [piece for piece, keep in layout if not keep]
        converted = iter(self.convert_many(pieces, [False] * len(pieces), names))
        return "".join(piece if keep else next(converted) for piece, keep in layout)

    def convert_many(
        self,
        texts: Iterable[str],
        joins: Iterable[bool] | None = None,
        names: Iterable[str] = (),
    ) -> list[str]:
        """Many short texts in one OpenCC call; joins[i] glues texts[i] to texts[i-1]."""
        texts = list(texts)
        joins = [False] * len(texts) if joins is None else list(joins)
        names = tuple(names)
        return joined_conversion(lambda text: self.convert_plain(text, names), texts, joins)

    def convert_html(self, html: str, names: Iterable[str] = ()) -> str:
        """A page or fragment: text and readable attributes converted, markup untouched.
        `names`: people credited elsewhere (the article's Authors), protected in the text."""
        names = tuple(names)
        return convert_html(html, lambda texts, joins: self.convert_many(texts, joins, names))

    def __reduce__(self):
        return (_converter, self._recipe)

    def __repr__(self) -> str:
        return (
            f"EditionConverter({self.edition.code}, {self.edition.opencc_config}, "
            f"{len(self.glossary)} glossary entries, {self.options})"
        )


_default_options = [ConversionOptions()]


def set_default_options(options: ConversionOptions) -> None:
    """The options `converter_for` uses when given none: a site run sets them from its
    settings once (plugins/site_editions), before any converter is asked for."""
    _default_options[0] = options


def converter_for(
    edition: Edition,
    glossary: Path | Glossary | None = DEFAULT_GLOSSARY,
    cache_dir: Path = DEFAULT_CACHE_DIR,
    options: ConversionOptions | None = None,
) -> EditionConverter:
    """The process's converter for `edition`; built on first use, rebuilt if the glossary changed.

    `glossary` is a file or folder of glossary files (default: glossary/ in the repository), a
    parsed Glossary, or None for plain OpenCC; `options` turn names and word boundaries on and
    off (default: set_default_options's, all on unless set).
    """
    options = _default_options[0] if options is None else options
    if glossary is None:
        entries: GlossaryEntries = ()
    else:
        parsed = glossary if isinstance(glossary, Glossary) else _load(glossary, _stamp(glossary))
        entries = tuple(sorted(parsed.entries_for(edition.code).items()))
    return _converter(edition, entries, Path(cache_dir), options)


@lru_cache(maxsize=16)
def _converter(
    edition: Edition,
    glossary: GlossaryEntries,
    cache_dir: Path,
    options: ConversionOptions = DEFAULT_OPTIONS,
) -> EditionConverter:
    return EditionConverter(edition, glossary, cache_dir, options)


def _stamp(path: Path) -> tuple:
    """Changes whenever an editor saves, adds or removes a glossary file."""
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    return tuple((str(file), file.stat().st_mtime_ns, file.stat().st_size) for file in files)


@lru_cache(maxsize=8)
def _load(path: Path, _stamp: tuple) -> Glossary:
    return load_glossary(path)
