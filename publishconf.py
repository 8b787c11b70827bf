"""Pelican settings for publishing (`invoke publish`): absolute URLs, a clean output folder.

The public address comes from BULLETIN_SITEURL (see pelicanconf.py); PUBLISH_TARGET is where
`invoke publish` copies output/ (an rsync target user@host:/path or a local folder). The
environment variable of the same name wins over the value here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403
from pelicanconf import SITE_PUBLIC_URL

SITEURL = SITE_PUBLIC_URL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

PUBLISH_TARGET = os.environ.get("PUBLISH_TARGET", "")
