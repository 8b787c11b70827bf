"""Pure core of the bulletin archive: parsing, repair, tagging, Markdown output.

Nothing in this package imports Pelican; the plugins in ``plugins/`` connect it to Pelican's
signals. Data flows one way: seeds/ -> content/ -> Pelican -> output/.
"""
