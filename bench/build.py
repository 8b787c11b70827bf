"""`invoke build` as the benchmark runs it: a staged build of one settings file into a folder.

python bench/build.py pelicanconf.py OUTPUT '{"SETTING": value, ...}'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from site_build.runner import build_and_exit  # noqa: E402

if __name__ == "__main__":
    settings, output, overrides = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    build_and_exit(ROOT / settings, Path(output).resolve(), overrides)
