"""The browser files a site with search must serve next to the index.

lunr.js comes from node_modules (package.json pins it, package-lock.json locks it; `npm ci`
installs it) and is copied into the site: nothing is loaded from a CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = ROOT / "js"
LUNR_JS = ROOT / "node_modules" / "lunr" / "lunr.min.js"
# Served files: the page script imports search.js, which imports tokenize.js.
BROWSER_FILES = ("tokenize.js", "search.js", "search-page.js")


class MissingLunrError(FileNotFoundError):
    pass


def copy_assets(dest: Path) -> list[Path]:
    """Copy lunr.min.js and the search scripts into ``dest``; return the files written. A file
    already there with the same bytes is left alone, so a weekly publish does not copy it."""
    if not LUNR_JS.exists():
        raise MissingLunrError(f"{LUNR_JS} is missing: run `npm ci` in {ROOT} first")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for source, target in [
        (LUNR_JS, dest / "lunr.min.js"),
        *((JS_DIR / name, dest / name) for name in BROWSER_FILES),
    ]:
        if not target.exists() or target.read_bytes() != source.read_bytes():
            target.unlink(missing_ok=True)  # it may be a hard link into a published site
            written.append(Path(shutil.copyfile(source, target)))
    return written
