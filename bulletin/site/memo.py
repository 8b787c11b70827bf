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

import json
import logging
import os
from pathlib import Path

from ..cache_keys import text_key
from ..files import atomic_write_text

log = logging.getLogger(__name__)
FORMAT = 1


def page_key(*parts: object) -> str:
    """A key from strings, numbers and (nested) lists of them."""
    return text_key(json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str))


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
