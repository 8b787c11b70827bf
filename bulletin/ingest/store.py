"""Write generated articles into content/ without ever overwriting an editor's work.

content/ is the archive of record and is committed. A manifest records the hash of every file
the ingest wrote; a file whose bytes no longer match was edited by hand and is kept as it is.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..faults import fault_point
from ..files import atomic_write

MANIFEST_NAME = ".ingest-manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class StoreResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)  # removed by an editor: not recreated
    kept_foreign: list[str] = field(default_factory=list)  # a file the ingest never wrote
    removed: list[str] = field(default_factory=list)


class ContentStore:
    """content/ plus its manifest: {relative path: {"sha256": ..., "source": ...}}."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.manifest_path = root / MANIFEST_NAME
        self.entries: dict[str, dict[str, str]] = {}
        if self.manifest_path.exists():
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            self.entries = data.get("files", {})

    def put(self, relative: str, text: str, source: str, result: StoreResult) -> None:
        data = text.encode("utf-8")
        path = self.root / relative
        entry = self.entries.get(relative)
        if path.exists():
            current = path.read_bytes()
            if current == data:
                result.unchanged.append(relative)
                self.entries[relative] = {"sha256": sha256(data), "source": source}
                return
            if entry is None:
                result.kept_foreign.append(relative)
                return
            if sha256(current) != entry["sha256"]:
                result.kept_edited.append(relative)
                return
        elif entry is not None:
            result.kept_deleted.append(relative)
            return
        atomic_write(path, data)
        fault_point("ingest")  # the crash tests (bulletin/faults.py); inert otherwise
        self.entries[relative] = {"sha256": sha256(data), "source": source}
        result.written.append(relative)

    def retire(self, relative: str, result: StoreResult) -> None:
        """The ingest no longer produces this file: remove it unless an editor touched it."""
        entry = self.entries.get(relative)
        path = self.root / relative
        if entry is None:
            return
        if path.exists() and sha256(path.read_bytes()) != entry["sha256"]:
            result.kept_edited.append(relative)
            return
        path.unlink(missing_ok=True)
        del self.entries[relative]
        result.removed.append(relative)
        parent = path.parent
        if parent != self.root and parent.exists() and not any(parent.iterdir()):
            parent.rmdir()

    def sources(self) -> dict[str, list[str]]:
        by_source: dict[str, list[str]] = {}
        for relative, entry in sorted(self.entries.items()):
            by_source.setdefault(entry["source"], []).append(relative)
        return by_source

    def save(self) -> None:
        text = (
            json.dumps(
                {"version": 1, "files": dict(sorted(self.entries.items()))},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
        data = text.encode("utf-8")
        if not self.manifest_path.exists() or self.manifest_path.read_bytes() != data:
            atomic_write(self.manifest_path, data)
