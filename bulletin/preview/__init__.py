"""The editors' preview: `invoke serve` and `invoke livereload` (tasks.py).

Pure parts, unit-tested: `page` (the reload script's tag added to the HTML served, the site's
own 404 page for a missing one) and `errors` (what a build's output says went wrong, with file
and line). `server` serves a built site on 127.0.0.1 (both tasks); `watch` rebuilds it on every
change with the build `invoke build` runs and tells the open pages (livereload only). Nothing of
the preview is ever written into output/: the script is added to each page as it is sent.
"""
