"""Serve a built site with nginx, gzip on, the way a static host would, for browser tests."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# Debian's Chromium, as the browser tests and the browser benchmark start it.
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this
# machine's closed network refuses.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = """
daemon off;
worker_processes 1;
user root root;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {work}/body;
  proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi;
  scgi_temp_path {work}/scgi;
  gzip on;
  gzip_min_length 256;
  gzip_types text/css application/javascript text/javascript application/json application/xml
             application/atom+xml image/svg+xml text/xml;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    charset utf-8;
    error_page 404 /404.html;
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx_serving(root: Path) -> Iterator[str]:
    """Start nginx on a free local port serving root; yield its base URL; stop it after."""
    work = Path(tempfile.mkdtemp(prefix="nginx-test-"))
    port = free_port()
    (work / "nginx.conf").write_text(
        CONFIG.format(work=work, port=port, root=root.resolve()), encoding="utf-8"
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                raise RuntimeError(f"nginx did not start: {process.stderr.read()!r} {log}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
