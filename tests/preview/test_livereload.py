"""`invoke livereload` as an editor uses it, in Chromium: save a file, the open page changes.

The project is copied into a temporary folder (the code, theme, glossary, settings, the
committed seeds and content/) and previewed there with the real task, so the repository's
content/ is never touched. One preview runs for the whole module; its tests run in order.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.serving import free_port

pytest_plugins = ["tests.browser"]  # the browser fixtures

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ["bulletin", "plugins", "theme", "glossary", "js", "seeds", "content"]
STORY = "articles/001-72ab9001c2915723-01.html"
SOURCE = "content/articles/001-72ab9001c2915723/001-72ab9001c2915723-01.md"
OPENING = "近日，重庆市总工会启动2024年送温暖活动"
EDITED = "编辑预览修订后的导语"  # what the editor writes in
EDITED_HANT = "編輯預覽修訂後的導語"  # its Traditional twin, as OpenCC writes it
WAIT_MS = 30_000  # a build of the sample archive takes a few seconds; the wait ends at once


def _copy_project(target: Path) -> Path:
    for name in PROJECT:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy2(ROOT / name, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # lunr.js, read only
    return target


def _task(project: Path, *args: str) -> subprocess.Popen:
    """`invoke ARGS` in the copy, printing into a log the test can read."""
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # Ctrl-C (SIGINT) reaches only this task and its build
    )


class Running:
    """A started task: its base URL and what it printed so far."""

    def __init__(self, process: subprocess.Popen, port: int) -> None:
        self.process, self.base = process, f"http://127.0.0.1:{port}"
        self.printed: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.printed.append(line)
            if "http://127.0.0.1:" in line:
                self.ready.set()
        self.ready.set()  # ended

    def wait_ready(self) -> None:
        assert self.ready.wait(120) and self.process.poll() is None, "".join(self.printed)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # the group of this task only
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return _copy_project(tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="module")
def preview(project) -> Iterator[Running]:
    port = free_port()
    running = Running(_task(project, "livereload", "--port", str(port)), port)
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()
        print("".join(running.printed))  # shown with a failure: what the builds said


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")  # the summary's words too


def _mark_loaded(page) -> None:
    """A mark only this very page load has: gone once the page reloaded by itself."""
    page.evaluate("() => { window.loadedBeforeTheEdit = true; }")


def test_an_edited_article_shows_in_both_editions_without_a_reload(preview, project, browser):
    simplified, traditional = browser.new_page(), browser.new_page()
    simplified.goto(f"{preview.base}/{STORY}")
    traditional.goto(f"{preview.base}/zh-hant/{STORY}")
    expect(simplified.locator("main")).to_contain_text(OPENING)
    for page in (simplified, traditional):
        _mark_loaded(page)
    _edit(project / SOURCE, OPENING, EDITED)
    expect(simplified.locator("main")).to_contain_text(EDITED, timeout=WAIT_MS)
    expect(traditional.locator("main")).to_contain_text(EDITED_HANT, timeout=WAIT_MS)
    for page in (simplified, traditional):
        assert page.evaluate("() => window.loadedBeforeTheEdit") is None  # it reloaded itself
        page.close()


def test_a_burst_of_saves_makes_one_build(preview, project, browser):
    stories = sorted((project / "content/articles/002-c7f0b331121c66af").glob("*.md"))
    page = browser.new_page()
    page.goto(f"{preview.base}/articles/{stories[-1].stem}.html")
    builds = "".join(preview.printed).count("Building ")
    for number, story in enumerate(stories):  # "save all" in the editor
        story.write_text(f"{story.read_text('utf-8')}\n编辑补记{number}。\n", encoding="utf-8")
    expect(page.locator("main")).to_contain_text(f"编辑补记{len(stories) - 1}", timeout=WAIT_MS)
    assert "".join(preview.printed).count("Building ") == builds + 1
    page.close()


def test_a_new_issue_dropped_into_seeds_appears_on_the_home_page(preview, project, browser):
    home = browser.new_page()
    home.goto(f"{preview.base}/")
    title = "预览新一期的头条报道"
    expect(home.locator("main")).not_to_contain_text(title)
    # a new issue of its own (a copy of another issue is reported and not published twice)
    seed = "\n\n".join(
        [
            "渝工港湾",
            f"# {title}",
            "1月6日，巴南区总工会在李家沱街道开设新的工会驿站，为外卖骑手、环卫工人提供歇脚、"
            "充电和热饭的地方。",
            "驿站负责人介绍，驿站每天开放14个小时，配有微波炉、饮水机和急救药箱。",
        ]
    )
    # the date first: the issue is then read whole, and is the newest
    (project / "seeds/005_preview.toml").write_text("date = 2025-01-06\n", encoding="utf-8")
    (project / "seeds/005_preview.txt").write_text(seed + "\n", "utf-8")
    expect(home.locator("main")).to_contain_text(title, timeout=WAIT_MS)
    home.goto(f"{preview.base}/zh-hant/")
    expect(home.locator("main")).to_contain_text("預覽新一期的頭條報道")
    home.close()


def test_a_broken_article_shows_its_error_and_the_last_good_page_stays(preview, project, browser):
    page = browser.new_page()
    page.goto(f"{preview.base}/{STORY}")
    expect(page.locator("main")).to_contain_text(EDITED)
    _mark_loaded(page)
    _edit(project / SOURCE, "Date: 2024-01-01", "Date: 2024-13-45")
    banner = page.locator("#preview-errors")
    expect(banner).to_contain_text(f"{SOURCE}:2", timeout=WAIT_MS)
    expect(banner).to_contain_text("Date: '2024-13-45' is not valid")
    # styled through the CSSOM, which the pages' Content-Security-Policy allows (an inline
    # style attribute it would refuse)
    expect(banner).to_have_css("position", "fixed")
    expect(page.locator("main")).to_contain_text(EDITED)
    # what is served meanwhile is the last good site: the story is still there
    page.reload()
    expect(page.locator("main")).to_contain_text(EDITED)
    expect(banner).to_contain_text(f"{SOURCE}:2")
    assert _fetch(f"{preview.base}/zh-hant/{STORY}")[0] == 200
    _mark_loaded(page)
    _edit(project / SOURCE, "Date: 2024-13-45", "Date: 2024-01-01")  # fixed
    page.wait_for_function("() => window.loadedBeforeTheEdit === undefined", timeout=WAIT_MS)
    expect(banner).to_have_count(0)
    expect(page.locator("main")).to_contain_text(EDITED)
    page.close()


@pytest.mark.parametrize("edition", ["", "zh-hant/"])
def test_a_missing_page_gets_its_editions_404_page(preview, project, edition):
    status, body = _fetch(f"{preview.base}/{edition}articles/no-such-story.html")
    assert status == 404
    served = (project / "output" / edition / "404.html").read_text(encoding="utf-8")
    title = served[served.index("<title>") : served.index("</title>")]
    assert title in body
    assert 'src="/__preview/reload.js"' in body  # and it reloads like any page


def _digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_preview_leaves_output_as_a_build_without_it_writes(preview, project):
    preview.stop()  # after the edits above
    assert not list(project.glob(".output-preview-*"))  # the last good site it kept is gone
    previewed = _digests(project / "output")
    assert not [p for p in previewed if "__preview" in p]
    built = _task(project, "build", "--output", str(project / "built-without-preview"))
    assert built.wait(timeout=300) == 0, built.stdout.read()
    assert _digests(project / "built-without-preview") == previewed


def test_invoke_serve_answers_a_missing_page_with_the_404_page(preview, project):
    port = free_port()
    serving = Running(_task(project, "serve", "--no-build", "--port", str(port)), port)
    try:
        serving.wait_ready()
        status, body = _fetch(f"{serving.base}/zh-hant/nowhere/")
        assert status == 404
        assert body == (project / "output/zh-hant/404.html").read_text(encoding="utf-8")
        status, body = _fetch(f"{serving.base}/nowhere.html")
        assert (status, body) == (404, (project / "output/404.html").read_text("utf-8"))
        status, body = _fetch(f"{serving.base}/{STORY}")
        assert status == 200 and "__preview" not in body  # nothing added without the watch
    finally:
        serving.stop()
