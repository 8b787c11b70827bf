"""`python -m bulletin.ingest`: the ingest's command line (what `invoke ingest` runs)."""

from .cli import main

raise SystemExit(main())
