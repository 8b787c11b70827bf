"""The site built once per test session from the committed archive (content/), with the real
pelicanconf.py, into a temporary folder; plus a small HTML reader for the assertions.

The ingest plugin is left out of these builds: tests read content/ as committed and never
rewrite it (other work may be running in the same checkout).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bulletin.render import split_header  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
PUBLIC = "https://bulletin.example.org"


def build(output: Path, **overrides) -> Path:
    """Build the site with pelicanconf.py (minus the ingest) into `output`."""
    import pelican
    from pelican.settings import read_settings

    base = read_settings(str(SETTINGS))
    work = output.parent
    settings = read_settings(
        str(SETTINGS),
        override={
            "OUTPUT_PATH": str(output),
            "PLUGINS": [p for p in base["PLUGINS"] if p != "bulletin_ingest"],
            # Reports and caches of test builds stay out of the checkout.
            "BULLETIN_REVIEW_PATH": str(work / "review-{edition}.md"),
            "CACHE_PATH": str(work / "cache"),
            "SITE_PUBLIC_URL": PUBLIC,
            "SITEURL": PUBLIC,
            "DELETE_OUTPUT_DIRECTORY": True,
            "SITE_PROGRESS": False,
            **overrides,
        },
    )
    logging.getLogger("pelican").setLevel(logging.WARNING)
    pelican.Pelican(settings).run()
    return output


@dataclass
class Page:
    """What the tests read from one HTML file."""

    path: str
    title: str = ""
    lang: str = ""
    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (tag, attrs)
    meta: dict[str, list[str]] = field(default_factory=dict)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    text: str = ""
    h1: str = ""
    ids: set[str] = field(default_factory=set)

    def hrefs(self, tag: str = "a") -> list[str]:
        return [a["href"] for t, a in self.links if t == tag and "href" in a]

    def anchors_rel(self, rel: str) -> list[str]:
        """hrefs of <a rel=...> links (previous/next story, pagination)."""
        return [a["href"] for t, a in self.links if t == "a" and a.get("rel") == rel]

    def link_rel(self, rel: str) -> list[str]:
        return [a["href"] for t, a in self.links if t == "link" and rel in a.get("rel", "").split()]

    def first_meta(self, key: str) -> str:
        return (self.meta.get(key) or [""])[0]

    def json_ld(self) -> list[dict]:
        return [
            json.loads(body)
            for attrs, body in self.scripts
            if attrs.get("type") == "application/ld+json"
        ]


VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.script: dict[str, str] | None = None
        self.script_body: list[str] = []
        self.text: list[str] = []
        self.h1: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "html":
            self.page.lang = attrs.get("lang", "")
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.page.meta.setdefault(key, []).append(attrs.get("content", ""))
        if tag == "script":
            self.script, self.script_body = attrs, []
        if tag == "h1":
            self.h1 = []
        if any(k in attrs for k in ("href", "src", "action", "srcset")):
            self.page.links.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.page.scripts.append((self.script, "".join(self.script_body)))
            self.script = None
        if tag == "h1" and self.h1 is not None:
            self.page.h1 = "".join(self.h1).strip()
            self.h1 = None
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.script is not None:
            self.script_body.append(data)
            return
        if self.stack and self.stack[-1] == "title":
            self.page.title += data
        if self.h1 is not None:
            self.h1.append(data)
        if "head" not in self.stack:
            self.text.append(data)


def read_page(root: Path, path: str) -> Page:
    page = Page(path)
    reader = _Reader(page)
    reader.feed((root / path).read_text(encoding="utf-8"))
    reader.close()
    page.text = " ".join("".join(reader.text).split())
    page.title = page.title.strip()
    return page


class Site:
    """A built site; `editions` are the folders of the editions other than the master."""

    def __init__(self, root: Path, editions: tuple[str, ...] | None = None) -> None:
        self.root = root
        self.editions = edition_folders() if editions is None else editions
        self._cache: dict[str, Page] = {}

    def page(self, path: str) -> Page:
        if path not in self._cache:
            self._cache[path] = read_page(self.root, path)
        return self._cache[path]

    def html_files(self, edition: str | None = "") -> list[str]:
        """HTML files of one edition ("" the master, "zh-hant/" ...), or of all (None)."""
        paths = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))
        if edition is None:
            return paths
        others = [folder for folder in self.editions if folder != edition]
        return [
            path
            for path in paths
            if path.startswith(edition) and not any(path.startswith(f) for f in others)
        ]

    def resolve(self, from_path: str, href: str) -> str | None:
        """Output path a link points to, or None for links that leave the site."""
        if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
            return None
        base = f"{PUBLIC}/{from_path}"
        if href.startswith("/") and not href.startswith("//"):
            target = urljoin(f"{PUBLIC}/", href)
        else:
            target = urljoin(base, href)
        parts = urlsplit(target)
        if f"{parts.scheme}://{parts.netloc}" != PUBLIC:
            return None
        path = unquote(parts.path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path


def edition_folders() -> tuple[str, ...]:
    """The folders of the non-master editions pelicanconf.py configures ("zh-hant/", ...)."""
    from pelican.settings import read_settings

    return tuple(e["path"] for e in read_settings(str(SETTINGS))["EDITIONS"] if e["path"])


@dataclass
class Story:
    """One committed article file, as the ingest wrote it."""

    path: Path
    meta: dict[str, str]

    @property
    def slug(self) -> str:
        return self.meta["slug"]

    @property
    def url(self) -> str:
        return f"articles/{self.slug}.html"

    @property
    def districts(self) -> list[str]:
        return [t.strip() for t in self.meta.get("tags", "").split(",") if t.strip()]


def read_stories() -> list[Story]:
    stories = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        header, _ = split_header(path.read_text(encoding="utf-8-sig"))
        stories.append(Story(path, dict(header)))
    return stories


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    return Site(build(tmp_path_factory.mktemp("site") / "output"))


@pytest.fixture(scope="session")
def stories() -> list[Story]:
    found = read_stories()
    assert found, "content/articles is empty: run `invoke ingest`"
    return found


@pytest.fixture(scope="session")
def nginx(site):
    """The built site served by nginx as a static host would (tests/serving.py)."""
    spec = importlib.util.spec_from_file_location("site_serving", ROOT / "tests" / "serving.py")
    serving = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serving)
    with serving.nginx_serving(site.root) as base_url:
        yield base_url


@dataclass
class IssueFacts:
    key: str
    date: dt.date
    stories: list[Story]

    @property
    def url(self) -> str:
        return f"issues/{self.key}.html"


@pytest.fixture(scope="session")
def issues(stories) -> list[IssueFacts]:
    """Issues newest first, each with its stories in printed (Order) order."""
    grouped: dict[str, list[Story]] = {}
    for story in stories:
        grouped.setdefault(story.meta["issue"], []).append(story)
    facts = [
        IssueFacts(
            key,
            dt.date.fromisoformat(group[0].meta["issue_date"]),
            sorted(group, key=lambda s: int(s.meta["order"])),
        )
        for key, group in grouped.items()
    ]
    return sorted(facts, key=lambda i: (i.date, i.key), reverse=True)


@pytest.fixture(scope="session")
def kit():
    """The helpers above, for tests that build their own site (conftest is not importable)."""
    from types import SimpleNamespace

    return SimpleNamespace(ROOT=ROOT, Site=Site, build=build, read_page=read_page)
