"""Where the installed `opencc` wheel keeps its configs, dictionaries and native tools.

The Python binding only converts; the dictionary dump (`opencc_dict`) and the ambiguity stream
(`opencc --ambiguities`) exist only as native programs shipped inside the wheel, next to the
dictionaries. The wheel's `opencc` console script is a Python CLI without `--ambiguities`.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import opencc

from ..files import atomic_write

PACKAGE_DIR = Path(opencc.__file__).resolve().parent
SHARE_DIR = PACKAGE_DIR / "clib" / "share" / "opencc"
BIN_DIR = PACKAGE_DIR / "clib" / "bin"
VERSION: str = opencc.__version__


class NativeToolMissing(RuntimeError):
    """This opencc installation has no native command-line tools (only the Python binding)."""


def builtin_config(name: str) -> dict:
    """A built-in config (e.g. 's2tw') as JSON with every dictionary path made absolute.

    OpenCC resolves relative dictionary paths against the config's own folder and a search
    path compiled into the wheel (a build directory that does not exist on this machine), so a
    config written anywhere else must name the built-in dictionaries absolutely.
    """
    config = json.loads((SHARE_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return _absolute(config)


def _absolute(node):
    if isinstance(node, dict):
        return {
            key: (str(SHARE_DIR / value) if key == "file" else _absolute(value))
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute(item) for item in node]
    return node


def native_tool(name: str) -> Path:
    """A native tool of this very wheel (not `opencc` on PATH: that is the Python CLI)."""
    path = BIN_DIR / name
    if not path.is_file() or not os.access(path, os.X_OK):
        raise NativeToolMissing(f"the opencc wheel has no native {name} at {path}")
    return path


def writable_dir(preferred: Path) -> Path:
    """The cache folder, or a private temp folder when the checkout is read-only."""
    try:
        preferred.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=preferred):
            return preferred
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"bulletin-opencc-{os.getuid()}"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


@lru_cache(maxsize=4)
def dictionary_entries(name: str, cache_dir: Path) -> dict[str, tuple[str, ...]]:
    """A built-in dictionary (e.g. 'STCharacters') as {key: candidates, default first}.

    The .ocd2 files are marisa tries; the wheel's own opencc_dict dumps them to text once.
    """
    dump = writable_dir(cache_dir) / f"{name}-{VERSION}.txt"
    if not dump.exists():
        source = SHARE_DIR / f"{name}.ocd2"
        command = [native_tool("opencc_dict"), "-i", source, "-o", "/dev/stdout"]
        dumped = subprocess.run(
            [*command, "-f", "ocd2", "-t", "text"], check=True, capture_output=True
        )
        atomic_write(dump, dumped.stdout)  # parallel builds may dump it at the same time
    entries: dict[str, tuple[str, ...]] = {}
    for line in dump.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        entries[key] = tuple(values.split(" "))
    return entries
