"""Vanilla Pelican, the benchmark's baseline: default Markdown reader and theme, no plugins,
single edition, no search. Only what is needed to read the same articles is set."""

AUTHOR = "bench"
SITENAME = "vanilla"
SITEURL = ""
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PLUGINS: list[str] = []  # otherwise installed pelican.plugins.* packages register themselves
CHECK_MODIFIED_METHOD = "sha256"  # file times cannot be trusted in a fresh copy
