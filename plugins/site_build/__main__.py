"""python -m site_build SETTINGS OUTPUT [OVERRIDES-JSON]: build the site (runner.build_and_exit).

`invoke build` runs this with plugins/ and the project root on PYTHONPATH."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from site_build.runner import build_and_exit

if __name__ == "__main__":
    settings, output = sys.argv[1], sys.argv[2]
    overrides = json.loads(sys.argv[3]) if len(sys.argv) > 3 else None
    build_and_exit(Path(settings), Path(output).resolve(), overrides)
