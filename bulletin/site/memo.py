"""Pages whose inputs did not change are not rendered again, they are carried over.

Every page the site writes gets a key: a hash of everything its template reads (the stories on
it, their neighbours, the theme, the code and the settings). The memo remembers, per page, the
key it was last written with and the file it became (size, mtime, inode). When the key and the
file still match, the page is carried over instead of rendered: hard-linked from the previous
site into the new one (the build writes into an empty staging folder, see staging.py), or left
alone when the build writes in place. A file changed or removed behind the build's back no
longer matches and is simply rendered again, so the memo can make a build faster, never wrong.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

from ..files import atomic_write_text

log = logging.getLogger(__name__)
FORMAT = 1
# Settings that name where this particular build writes (a staging folder carries the pid);
# they do not change what a page says.
RUN_SETTINGS = frozenset(
    {"OUTPUT_PATH", "SITE_OUTPUT_PATH", "SITE_PREVIOUS_OUTPUT", "SITE_PROGRESS_TARGET",
     "SITE_PROGRESS", "CACHE_PATH", "BULLETIN_QUIET", "BULLETIN_REPORT_PATH",
     "BULLETIN_REVIEW_PATH", "BULLETIN_REVIEW", "BULLETIN_REVIEW_ISSUES",
     "LOAD_CONTENT_CACHE", "SITE_LOAD_CONTENT_CACHE", "SITE_FINGERPRINT",
     "BULLETIN_SHARED_CACHE", "SITE_TIMINGS", "PUBLISH_TARGET",
     # content_checks: what this run found; a page's own key covers its source file
     "BULLETIN_KEEP_GOING", "BULLETIN_STRICT_DATES", "BULLETIN_CHECKED_BY", "BULLETIN_OUTCOME",
     "BULLETIN_PUBLISHED_BEFORE", "BULLETIN_SUBSTITUTES"}
)  # fmt: skip


def _plain(value: Any) -> Any:
    """JSON for settings values json cannot encode, without memory addresses."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__qualname__, **dataclasses.asdict(value)}
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(map(str, value))
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return type(value).__qualname__


def settings_digest(settings: Mapping[str, Any]) -> str:
    chosen = {key: value for key, value in settings.items() if key not in RUN_SETTINGS}
    text = json.dumps(chosen, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def files_digest(
    folders: Iterable[Path], suffixes: frozenset[str] | None = None, skip: Iterable[str] = ()
) -> str:
    """Every file under `folders` (names and bytes), in a fixed order; folders named in `skip`
    (and __pycache__) are left out."""
    digest = hashlib.sha256()
    left_out = {"__pycache__", *skip}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if not path.is_file() or left_out.intersection(path.relative_to(folder).parts):
                continue
            if suffixes is not None and path.suffix not in suffixes:
                continue
            digest.update(f"{path.relative_to(folder)}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def page_key(*parts: object) -> str:
    """A key from strings, numbers and (nested) lists of them."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class PageMemo:
    """{page name: [key, size, mtime_ns, inode]} of the pages written by the last build."""

    def __init__(self, memo_file: Path | None, previous_root: Path, current_root: Path) -> None:
        self.file = memo_file
        self.previous_root = Path(previous_root)
        self.current_root = Path(current_root)
        self.in_place = self.previous_root.resolve() == self.current_root.resolve()
        self.old = self._load()
        self.new: dict[str, list] = {}
        self.carried = 0
        self.rendered = 0
        self._folders: set[Path] = set()

    def carry_over(self, name: str, key: str) -> bool:
        """True when the page `name` with this key is already in place (linked or kept)."""
        entry = self.old.get(name)
        if not entry or entry[0] != key:
            return False
        previous = self.previous_root / name
        try:
            stat = previous.stat()
        except OSError:
            return False
        if entry[1:] != [stat.st_size, stat.st_mtime_ns, stat.st_ino]:
            return False
        if not self.in_place:
            target = self.current_root / name
            if target.parent not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            try:
                os.link(previous, target)
            except OSError:  # another filesystem, or the build already wrote it: render
                return False
        self.new[name] = entry
        self.carried += 1
        return True

    def record(self, name: str, key: str) -> None:
        """The page was rendered into the current site; remember how it looks."""
        try:
            stat = (self.current_root / name).stat()
        except OSError:
            return
        self.new[name] = [key, stat.st_size, stat.st_mtime_ns, stat.st_ino]
        self.rendered += 1

    def save(self) -> None:
        if self.file is None:
            return
        atomic_write_text(self.file, json.dumps({"format": FORMAT, "pages": self.new}))

    def _load(self) -> dict[str, list]:
        if self.file is None or not self.file.is_file():
            return {}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
                raise ValueError("unknown format")
            return data["pages"]
        except (OSError, ValueError, AttributeError) as error:
            log.warning("ignoring the page memo %s (%s); rendering every page", self.file, error)
            return {}
