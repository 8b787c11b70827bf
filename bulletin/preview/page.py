"""What the preview server changes in the pages it sends, and which page answers a missing one."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# Served by the preview server itself, same origin as the site: a page whose
# Content-Security-Policy allows only the site's own scripts ('self') still runs it.
SCRIPT_PATH = "/__preview/reload.js"
EVENTS_PATH = "/__preview/events"
NOT_FOUND = "404.html"
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def with_reload_script(html: bytes, version: int) -> bytes:
    """`html` with the reload script's tag before its last </body> (at the end when it has
    none). `version` is the site the page was read from; the script reloads on a newer one."""
    tag = f'<script src="{SCRIPT_PATH}" data-version="{int(version)}" defer></script>'.encode()
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]


def not_found_page(site: Path, url_path: str) -> Path | None:
    """The 404.html nearest the missing page: `/zh-hant/x` gets the Traditional edition's
    `zh-hant/404.html`, anything else the site's `404.html`; None when the site has none."""
    parts = [p for p in PurePosixPath("/" + url_path.split("?", 1)[0]).parts[1:] if p != ".."]
    for depth in range(len(parts), -1, -1):  # the innermost folder first, the site's root last
        candidate = site.joinpath(*parts[:depth], NOT_FOUND)
        if candidate.is_file():
            return candidate
    return None
