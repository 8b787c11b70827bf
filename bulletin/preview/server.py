"""The preview's HTTP server: a built site on 127.0.0.1, as a static host serves it (a missing
page gets the site's own 404.html with status 404), plus, when live, the reload script and
the event stream it listens to (Server-Sent Events: one long response, no extra library).

Nothing is written anywhere: the script's tag is added to each HTML page as it is sent.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Sequence
from dataclasses import asdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import BuildError
from .page import EVENTS_PATH, SCRIPT_PATH, not_found_page, with_reload_script

RELOAD_JS = Path(__file__).with_name("reload.js")
KEEPALIVE_SECONDS = 15  # an idle event stream says something now and then to notice a closed tab


class Preview:
    """What is served and what the open pages are told; shared by the request threads and
    the watch loop. `version` grows each time the site served changes (the pages reload)."""

    def __init__(self, site: Path, live: bool) -> None:
        self.live = live
        self._site = Path(site)
        self._version = 0
        self._errors: tuple[BuildError, ...] = ()
        self._changes = 0
        self._closed = False
        self._changed = threading.Condition()

    @property
    def site(self) -> Path:
        with self._changed:
            return self._site

    @property
    def version(self) -> int:
        with self._changed:
            return self._version

    def show(self, site: Path, errors: Sequence[BuildError], reload: bool) -> None:
        """Serve `site` from now on, with `errors` on every page; `reload` the open pages."""
        with self._changed:
            self._site, self._errors = Path(site), tuple(errors)
            self._version += 1 if reload else 0
            self._changes += 1
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def news(self, seen: int, timeout: float) -> tuple[int, str | None]:
        """Wait until something changed after change number `seen`: (the change number now,
        the state as JSON), or (seen, None) on timeout, or (-1, None) once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._changes != seen or self._closed, timeout)
            if self._closed:
                return -1, None
            if self._changes == seen:
                return seen, None
            state = {"version": self._version, "errors": [_shown(e) for e in self._errors]}
            return self._changes, json.dumps(state, ensure_ascii=False)


def _shown(error: BuildError) -> dict:
    return {**asdict(error), "text": str(error)}


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview  # set on the subclass `start` makes

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(self.preview.site), **kwargs)

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal is the build's: one line per request would bury its messages

    def end_headers(self) -> None:
        if self.preview.live:
            self.send_header("Cache-Control", "no-store")  # a reload shows the new build
        super().end_headers()

    def do_GET(self) -> None:
        if self.preview.live and urlsplit(self.path).path == EVENTS_PATH:
            self._stream_events()
        else:
            super().do_GET()  # send_head, then the body it opened

    def send_head(self):
        if not self.preview.live:
            return super().send_head()
        if urlsplit(self.path).path == SCRIPT_PATH:
            kind, body = "text/javascript; charset=utf-8", RELOAD_JS.read_bytes()
        elif (page := self._html_page()) is not None:
            kind, body = "text/html; charset=utf-8", self._page_body(page)
        else:
            return super().send_head()
        self._respond(200, kind, body, send_body=False)
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        page = None
        if code == 404:
            page = not_found_page(Path(self.directory), unquote(urlsplit(self.path).path))
        if page is None:
            return super().send_error(code, message, explain)
        self._respond(404, "text/html; charset=utf-8", self._page_body(page))

    def _html_page(self) -> Path | None:
        """The HTML file this GET or HEAD asks for, if it is one (a folder's index.html)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # SimpleHTTPRequestHandler redirects to the folder's URL
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _page_body(self, page: Path) -> bytes:
        version = self.preview.version  # before reading: a page newer than it reloads once more
        body = page.read_bytes()
        return with_reload_script(body, version) if self.preview.live else body

    def _respond(self, status: int, kind: str, body: bytes, send_body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body and self.command != "HEAD":
            self.wfile.write(body)

    def _stream_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = -2  # the state now, at once
        try:
            while True:
                seen, state = self.preview.news(seen, KEEPALIVE_SECONDS)
                if seen == -1:
                    return
                self.wfile.write(f"data: {state}\n\n".encode() if state else b": idle\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def start(preview: Preview, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Serve `preview` on host:port from a thread of its own; `shutdown()` stops it."""
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True  # an open event stream never holds the process up
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server
