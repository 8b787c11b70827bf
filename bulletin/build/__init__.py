"""What a build does around Pelican, with no Pelican in it: one build at a time per content
folder (`lock`), the new site swapped in whole (`staging`), a build with nothing to do skipped
(`uptodate`), and the published copy kept equal to the site (`publish`). The runner that starts
Pelican with these is `plugins/site_build`."""
