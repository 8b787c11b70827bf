"""Writes the page types Pelican does not have: issues, date archives, partner places, the
overview, the 404 page; and copies the theme's root files (favicon.ico) to the top."""

from __future__ import annotations

import os
import shutil
from functools import partial

from pelican.generators import Generator

from .jinja import site_root_path
from .settings import enabled, setting


class ArchiveGenerator(Generator):
    def generate_output(self, writer) -> None:
        if not enabled(self.settings):
            return
        ctx = self.context
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"], blog=True)
        issues = ctx.get("bulletin_issues", [])
        for issue in issues:
            write(issue.save_as, self.get_template("issue"), ctx, issue=issue, page_kind="issue")
        write(
            setting(self.settings, "ISSUES_SAVE_AS"),
            self.get_template("issues"),
            ctx,
            page_kind="issues",
        )
        self._write_archives(write)
        self._write_partners(write)
        write(
            setting(self.settings, "OVERVIEW_SAVE_AS"),
            self.get_template("overview"),
            ctx,
            page_kind="overview",
        )
        self._write_not_found(writer)
        self._copy_root_files()

    def _write_archives(self, write) -> None:
        ctx = self.context
        years = ctx.get("bulletin_years", [])
        write(
            setting(self.settings, "ARCHIVES_SAVE_AS"),
            self.get_template("archives"),
            ctx,
            page_kind="archives",
        )
        for year in years:
            write(year.save_as, self.get_template("archive_year"), ctx, year=year, page_kind="year")
            for month in year.months:
                write(
                    month.save_as,
                    self.get_template("archive_month"),
                    ctx,
                    year=year,
                    month=month,
                    page_kind="month",
                )

    def _write_partners(self, write) -> None:
        template = self.get_template("partner")
        for place in self.context.get("bulletin_partners", []):
            write(
                place.save_as,
                template,
                self.context,
                place=place,
                articles=place.articles,
                template_name="partner",
                url=place.url,
                page_name=os.path.splitext(place.url)[0],
                page_kind="partner",
            )

    def _write_not_found(self, writer) -> None:
        # A server shows 404.html at any depth, so its links cannot be relative to its own
        # place: they start from the site's root path instead.
        ctx = dict(self.context, SITEURL=site_root_path(self.settings))
        writer.write_file(
            setting(self.settings, "NOT_FOUND_SAVE_AS"),
            self.get_template("404"),
            ctx,
            relative_urls=False,
            page_kind="not-found",
        )

    def _copy_root_files(self) -> None:
        source = os.path.join(self.theme, setting(self.settings, "THEME_ROOT_FILES"))
        if not os.path.isdir(source):
            return
        for name in sorted(os.listdir(source)):
            shutil.copyfile(os.path.join(source, name), os.path.join(self.output_path, name))
