"""seeds/ -> content/: raw bulletin text in, one Markdown article per story out.

The stages, each handing new data to the next: ``decode`` (bytes -> lines), ``classify`` (lines
-> typed elements, by the rule table in ``rules``), ``repair`` (sentences cut by the layout
joined again), ``structure`` (elements -> stories), ``article`` (metadata: dates, districts,
credits, summary), ``markdown`` (the article file); ``issue.parse_text`` composes them for one
issue, ``run.ingest`` for the archive, ``store`` writes content/ without overwriting an editor's
edit. ``python -m bulletin.ingest`` is the command line.
"""
