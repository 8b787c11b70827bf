"""The build runner: not a plugin (no `register`), the process `invoke build` starts.

`python -m site_build SETTINGS OUTPUT [OVERRIDES-JSON]` (`__main__`) runs Pelican once for the
whole site (`runner`): under the content folder's lock, into a staging folder swapped in when
every edition succeeded, skipped when nothing changed since the last build (`last_build`),
with the one-line summary the site_progress plugin counted. What needs no Pelican is in
`bulletin/build/`.
"""
