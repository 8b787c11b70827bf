"""The runner's side of bulletin/build/uptodate.py: skip a build that has nothing to do."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pelican.settings import read_settings
from plugin_signals import enabled, ingested

from bulletin.build.fingerprint import files_digest, site_fingerprint
from bulletin.build.uptodate import (
    build_key,
    changed_paths,
    file_states,
    path_state,
    record_key,
    recorded_key,
)
from bulletin.ingest.store import MANIFEST_NAME
from bulletin.search.assets import LUNR_JS

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
RECORD = "last-build.json"  # in CACHE_PATH
# Besides what the page keys name (bulletin/build/fingerprint.py): the search index's
# code, browser scripts and libraries.
SEARCH_CODE = [ROOT / "bulletin" / "search", ROOT / "plugins" / "site_search", ROOT / "js"]
LIBRARIES = ("lunr", "numpy")


class LastBuild:
    """What a build starts from, compared with what the last successful build left."""

    def __init__(
        self,
        settings_file: Path,
        override: Mapping[str, Any],
        output: Path,
        settings: Mapping[str, Any],
    ) -> None:
        """`settings`: read from `settings_file` with `override`, before any run changed them."""
        self.settings_file = Path(settings_file).resolve()
        self.override = dict(override)
        self.output = Path(output).resolve()
        self.record = Path(settings["CACHE_PATH"]) / RECORD
        self.seeds = Path(settings.get("BULLETIN_SEEDS_PATH") or "seeds")
        self.content = Path(settings["PATH"])
        review = settings.get("BULLETIN_REVIEW_PATH") or ""
        editions = [e.get("code", "") for e in settings.get("EDITIONS") or ()]
        self.reports = [settings.get("BULLETIN_REPORT_PATH") or ""]
        self.reports += [review.format(edition=code) for code in editions if review]
        # Only a site whose pages carry a fingerprint of what they are made of (site_incremental)
        self.applies = enabled(settings, "site_incremental")
        self.inputs = self._inputs(settings) if self.applies else {}
        self.states = self._states() if self.applies else {}
        self._written_by_ingest: set[str] = set()

    def up_to_date(self) -> bool:
        if not self.applies:
            return False
        return recorded_key(self.record) == self._key(self.inputs, self.states)

    @contextmanager
    def watching_ingest(self) -> Iterator[None]:
        """Note the content files the build's own ingest writes or removes."""

        def noted(_sender, report=None, **_kwargs) -> None:
            if report is not None:
                self._written_by_ingest.update(report.store.written, report.store.removed)

        ingested.connect(noted)
        try:
            yield
        finally:
            ingested.disconnect(noted)

    def remember(self) -> None:
        """After a successful build: record its key, unless something besides its ingest
        changed an input meanwhile (that change may not be in the site: the next build runs)."""
        if not self.applies:
            return
        inputs = self._inputs(read_settings(str(self.settings_file), override=self.override))
        states = self._states()
        explained = {f"content/{path}" for path in (*self._written_by_ingest, MANIFEST_NAME)}
        changed = {
            f"{folder}/{path}"
            for folder in states
            for path in changed_paths(self.states[folder], states[folder])
        }
        if inputs != self.inputs or changed - explained:
            log.info("an input changed during the build; the next build will run in full")
            return
        record_key(self.record, self._key(inputs, states))

    def _inputs(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "settings file": str(self.settings_file),
            "override": {k: v for k, v in self.override.items() if k != "OUTPUT_PATH"},
            "pages": site_fingerprint(settings),  # theme, glossary, code, libraries, settings
            "search code": files_digest(SEARCH_CODE),  # what the pages' fingerprint leaves out
            "lunr.js": path_state(LUNR_JS),
            "libraries": [version(name) for name in LIBRARIES],
        }

    def _states(self) -> dict[str, dict]:
        return {"seeds": file_states(self.seeds), "content": file_states(self.content)}

    def _key(self, inputs: Mapping[str, Any], states: Mapping[str, dict]) -> str:
        site = {
            "output": [str(self.output), path_state(self.output)],
            "reports": {report: path_state(Path(report)) for report in self.reports if report},
        }
        return build_key({**inputs, **states, **site})
