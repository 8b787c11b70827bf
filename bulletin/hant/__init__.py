"""The Traditional Chinese editions, without Pelican: editions, conversion, glossary, checks.

The site integration needs only these names:

    editions_from_settings(BULLETIN_EDITIONS) -> [SIMPLIFIED, Edition(...), ...]
    converter_for(edition) -> EditionConverter   # one per edition and process, glossary inside
        .convert(text)        titles, summaries, tags ({{name}} marks honoured, braces dropped)
        .convert_html(html)   pages and fragments: text and alt/title/aria-label/meta content
        .convert_name(name)   a credited person's name alone (surname as a surname)
        (all take names=(...): people credited in the article's metadata, protected in it)
    set_default_options(ConversionOptions(...))  names / word boundaries on or off
    credited_names(value)              "Authors:"/"Photographers:" metadata -> names
    strip_no_convert_marks(text)       the same text for the Simplified master
    no_convert_plugin                  markdown-it plugin: {{name}} -> <span translate="no">
    find_unconverted_html(html, converter, keep=no_convert_phrases(markdown))  -> [] when done
    review_list(text, converter), format_review(items)   editors' review of OpenCC's guesses
    start_review(text, converter).result()               the same, OpenCC running meanwhile
    simplified_master(text)            (detect) a Traditional submission -> Simplified master
"""

from .check import Leftover, find_unconverted, find_unconverted_html
from .converter import (
    DEFAULT_CACHE_DIR,
    DEFAULT_GLOSSARY,
    EditionConverter,
    converter_for,
    set_default_options,
)
from .detect import Master, ScriptGuess, guess_script, simplified_master, to_simplified
from .edition_settings import (
    HONG_KONG,
    HONG_KONG_SETTINGS,
    SIMPLIFIED,
    TRADITIONAL,
    TRADITIONAL_SETTINGS,
    Edition,
    EditionError,
    edition_from_settings,
    editions_from_settings,
)
from .glossary import Glossary, GlossaryError, load_glossary, parse_glossary
from .names import credited_names
from .no_convert import no_convert_phrases, no_convert_plugin, strip_no_convert_marks
from .refine import ConversionOptions, Correction
from .review import PendingReview, ReviewItem, format_review, review_list, start_review

__all__ = [
    "DEFAULT_CACHE_DIR",
    "DEFAULT_GLOSSARY",
    "HONG_KONG",
    "HONG_KONG_SETTINGS",
    "SIMPLIFIED",
    "TRADITIONAL",
    "TRADITIONAL_SETTINGS",
    "ConversionOptions",
    "Correction",
    "Edition",
    "EditionConverter",
    "EditionError",
    "Glossary",
    "GlossaryError",
    "Leftover",
    "Master",
    "PendingReview",
    "ReviewItem",
    "ScriptGuess",
    "converter_for",
    "credited_names",
    "edition_from_settings",
    "editions_from_settings",
    "find_unconverted",
    "find_unconverted_html",
    "format_review",
    "guess_script",
    "load_glossary",
    "no_convert_phrases",
    "no_convert_plugin",
    "parse_glossary",
    "review_list",
    "set_default_options",
    "simplified_master",
    "start_review",
    "strip_no_convert_marks",
    "to_simplified",
]
