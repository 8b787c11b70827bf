"""Every page type a reader expects, checked on the site built from the seed archive."""

from __future__ import annotations

import re

from bulletin.site.slugs import column_slug, district_slug, partner_slug

SITENAME = "渝工周报"


def _story_links(page, site, stories_by_url):
    """Article URLs a page links to, in document order, without repeats."""
    seen = []
    for href in page.hrefs():
        target = site.resolve(page.path, href)
        if target in stories_by_url and target not in seen:
            seen.append(target)
    return seen


def page_facts(site, path):
    """The dt/dd pairs of an article's header."""
    html = (site.root / path).read_text(encoding="utf-8")
    facts = html.split('<dl class="story-facts">', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", facts, re.S)
    return {dt: re.sub(r"<[^>]+>", "", dd).strip() for dt, dd in pairs}


def test_every_story_has_its_page_with_title_column_districts_and_issue(site, stories):
    for story in stories:
        page = site.page(story.url)
        meta = story.meta
        assert page.h1 == meta["title"]
        assert page.title.startswith(meta["title"]) and page.title.endswith(SITENAME)
        assert page.lang == "zh-Hans"
        targets = {site.resolve(page.path, h) for h in page.hrefs()}
        assert f"columns/{column_slug(meta['category'])}.html" in targets
        for district in story.districts:
            assert f"districts/{district_slug(district)}.html" in targets
            assert district in page.text
        for partner in [p.strip() for p in meta.get("partners", "").split(",") if p.strip()]:
            assert f"partners/{partner_slug(partner)}.html" in targets
        assert f"issues/{meta['issue']}.html" in targets
        if "subtitle" in meta:
            assert meta["subtitle"] in page.text
        facts = page_facts(site, story.url)
        if "authors" in meta:
            assert facts["作者"] == "、".join(a.strip() for a in meta["authors"].split(","))
        else:
            assert "作者" not in facts  # the site's AUTHOR is the publisher, not a byline


def test_editors_notes_and_sources_never_reach_readers(site, stories):
    reviewed = [s for s in stories if s.meta.get("review")]
    assert reviewed, "the seed archive has review notes; this test needs one"
    for story in reviewed:
        html = (site.root / story.url).read_text(encoding="utf-8")
        assert story.meta["review"] not in html
        assert story.meta["source"] not in html


def test_body_structure_subheads_briefs_figures_ledes(site, stories):
    for story in stories:
        body = story.path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        html = (site.root / story.url).read_text(encoding="utf-8")
        assert html.count("<h2>") == len(re.findall(r"^## ", body, re.M))
        if "::: figure" in body:
            assert '<figure class="photo">' in html and "<figcaption>" in html
        if "::: lede" in body:
            assert '<div class="lede">' in html
        if re.search(r"^- ", body, re.M):
            assert "<ul>" in html


def test_issue_pages_list_stories_in_printed_order(site, issues, stories):
    by_url = {s.url: s for s in stories}
    for issue in issues:
        page = site.page(issue.url)
        assert _story_links(page, site, by_url) == [s.url for s in issue.stories]
        assert SITENAME in page.h1


def test_previous_and_next_follow_the_printed_order(site, issues):
    for issue in issues:
        for index, story in enumerate(issue.stories):
            page = site.page(story.url)
            prev_links = [site.resolve(page.path, h) for h in page.anchors_rel("prev")]
            next_links = [site.resolve(page.path, h) for h in page.anchors_rel("next")]
            expected_prev = [issue.stories[index - 1].url] if index > 0 else []
            expected_next = [issue.stories[index + 1].url] if index + 1 < len(issue.stories) else []
            assert prev_links == expected_prev, story.slug
            assert next_links == expected_next, story.slug


def test_home_shows_the_latest_issue_first_with_columns_and_search(site, issues, stories):
    home = site.page("index.html")
    by_url = {s.url: s for s in stories}
    latest = issues[0]
    linked = _story_links(home, site, by_url)
    assert linked[: len(latest.stories)] == [s.url for s in latest.stories]
    targets = {site.resolve(home.path, h) for h in home.hrefs()}
    for column in {s.meta["category"] for s in stories}:
        assert f"columns/{column_slug(column)}.html" in targets
    assert "issues/index.html" in targets
    forms = [a for t, a in home.links if t == "form"]
    assert forms and all(a["action"].endswith("search.html") for a in forms)
    assert all(a.get("method", "get").lower() == "get" for a in forms)
    assert home.title.startswith(SITENAME)


def test_related_stories_come_from_other_issues(site, stories):
    by_url = {s.url: s for s in stories}
    found_any = False
    for story in stories:
        html = (site.root / story.url).read_text(encoding="utf-8")
        if 'class="related"' not in html:
            continue
        found_any = True
        section = html.split('class="related"', 1)[1].split("</section>", 1)[0]
        for href in re.findall(r'href="([^"]+)"', section):
            other = by_url[site.resolve(story.url, href)]
            assert other.meta["issue"] != story.meta["issue"]
    assert found_any


def test_column_index_and_pages(site, stories):
    index = site.page("columns/index.html")
    targets = {site.resolve(index.path, h) for h in index.hrefs()}
    by_column: dict[str, list[str]] = {}
    for story in stories:
        by_column.setdefault(story.meta["category"], []).append(story.url)
    for column, urls in by_column.items():
        path = f"columns/{column_slug(column)}.html"
        assert path in targets
        page = site.page(path)
        assert page.h1 == column
        assert set(_story_links(page, site, {u: u for u in urls})) == set(urls)
        assert f"feeds/columns/{column_slug(column)}.atom.xml" in {
            site.resolve(path, h) for h in page.link_rel("alternate")
        }


def test_district_index_lists_every_district_and_links_those_with_stories(site, stories):
    from bulletin.gazetteer import DISTRICTS

    index = site.page("districts/index.html")
    for place in DISTRICTS:
        assert place.name in index.text
    targets = {site.resolve(index.path, h) for h in index.hrefs()}
    by_district: dict[str, set[str]] = {}
    for story in stories:
        for district in story.districts:
            by_district.setdefault(district, set()).add(story.url)
    assert by_district
    for district, urls in by_district.items():
        path = f"districts/{district_slug(district)}.html"
        assert path in targets
        page = site.page(path)
        assert page.h1 == district
        assert set(_story_links(page, site, {u: u for u in urls})) == urls


def test_archives_by_year_and_month(site, issues):
    index = site.page("archives/index.html")
    targets = {site.resolve(index.path, h) for h in index.hrefs()}
    for issue in issues:
        year = f"archives/{issue.date.year}.html"
        month = f"archives/{issue.date.year}-{issue.date.month:02d}.html"
        assert year in targets and month in targets
        for path in (year, month):
            page = site.page(path)
            assert issue.url in {site.resolve(path, h) for h in page.hrefs()}
            assert {s.url for s in issue.stories} <= {site.resolve(path, h) for h in page.hrefs()}
        assert site.page(month).h1 == f"{issue.date.year}年{issue.date.month}月"


def test_issue_index_lists_every_issue(site, issues):
    page = site.page("issues/index.html")
    targets = [site.resolve(page.path, h) for h in page.hrefs()]
    for issue in issues:
        assert issue.url in targets


def test_about_search_and_404(site):
    about = site.page("about.html")
    assert about.h1 == "关于本档案"
    search = site.page("search.html")
    assert "JavaScript" in search.text
    targets = {site.resolve(search.path, h) for h in search.hrefs()}
    assert {"columns/index.html", "districts/index.html"} <= targets
    assert search.first_meta("robots") == "noindex"
    missing = site.page("404.html")
    assert missing.h1 == "页面未找到"
    # Served for any missing URL at any depth, so every link starts at the site root.
    for _tag, attrs in missing.links:
        url = attrs.get("href") or attrs.get("src") or attrs.get("action")
        assert url.startswith(("/", "https://", "#")), url


def test_overview_draws_three_svg_charts_with_data_tables(site, stories):
    html = (site.root / "overview.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", html, re.S)
    assert len(charts) == 3
    for chart in charts:
        assert 'role="group"' in chart and "<title" in chart and "<desc" in chart
    columns = {s.meta["category"] for s in stories}
    assert charts[0].count('class="bar"') == len(columns)
    districts = {d for s in stories for d in s.districts}
    assert charts[1].count('class="bar"') == len(districts)
    assert html.count("<table>") == 3
    page = site.page("overview.html")
    assert str(len(stories)) in page.text


def test_partner_places_have_pages(site, stories):
    for story in stories:
        for partner in [p.strip() for p in story.meta.get("partners", "").split(",") if p.strip()]:
            page = site.page(f"partners/{partner_slug(partner)}.html")
            assert partner in page.h1
            assert story.url in {site.resolve(page.path, h) for h in page.hrefs()}
