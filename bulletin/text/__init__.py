"""Text rules shared by parsing and the site: which braces are no-convert marks (braces),
Traditional quotation marks (quotes), an edition's converted text and its master
(edition_text). Parsing code (bulletin.cache_keys): the ingest converts bodies with them."""
