"""Pure helpers for the archive website (no Pelican import): slugs, issues, archives, related
stories, charts, structured data, sitemap and the theme's translation tables.

The Pelican glue lives in plugins/site_*; everything here is plain Python so it can be unit-tested
and reused by the other editions.
"""
