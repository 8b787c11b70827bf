"""Synthetic archives in the seeds' raw format, for tests and benchmarks at archive scale.

Issues recombine real seed paragraphs with varied dates, columns and districts, and keep the
seeds' quirks (bare and #-marked labels, wrapped titles, ◆ briefs, captions, cut sentences),
so the ingest does the same work per article as on real issues. Deterministic for a given seed.

Dates run as in a real archive: issue N comes out 3-4 days after issue N-1 (from 2005; 20,000
articles reach 2024) and its stories are dated in the nine days before it (in its year). The
seed paragraphs' years become the issue's year and their day dates are dropped, so the ingest
infers each issue's date from its text (the printed 出版 line) and a new issue is the newest,
as it is every week for the editors.

    python -m bulletin.synthetic 1000 /tmp/synth-1k/seeds
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

from bulletin.gazetteer import DISTRICTS
from bulletin.ingest.issue import parse_text
from bulletin.ingest.model import Kind
from bulletin.sections import SECTIONS

# The sample archive the paragraphs come from (the project's own seeds/).
SAMPLE_SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORIES_PER_ISSUE = 10
FIRST_ISSUE = dt.date(2005, 1, 4)
_DAY = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_YEAR = re.compile(r"(\d{4})年")


Material = tuple[list[str], list[str], list[str]]  # titles, paragraphs, briefs


def _seed_material(sample: Path) -> Material:
    titles, paragraphs, briefs = [], [], []
    for path in sorted(sample.glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.name)
        for story in parsed.stories:
            titles.append(story.title)
            for element in story.body:
                if element.kind is Kind.PARA and len(element.text) > 30:
                    paragraphs.append(element.text)
                elif element.kind is Kind.BRIEF:
                    briefs.append(element.text)
    # A day date in a paragraph would be read in the new issue's year, maybe after its date.
    paragraphs, briefs = (
        [_DAY.sub("近日", text) for text in group] for group in (paragraphs, briefs)
    )
    return titles, paragraphs, briefs


def issue_date(number: int) -> dt.date:
    """When synthetic issue `number` came out: every 3 or 4 days from FIRST_ISSUE."""
    return FIRST_ISSUE + dt.timedelta(days=number * 7 // 2)


def _in_year(text: str, year: int) -> str:
    """`text` with every year in it made `year` (the ingest takes an issue's most named year)."""
    return _YEAR.sub(f"{year}年", text)


def _story(rng: random.Random, material: Material, n: int, date: dt.date, bare: bool) -> list[str]:
    titles, paragraphs, _ = material
    district = rng.choice(DISTRICTS)
    short = district.forms[-1]
    title = f"{short}{_in_year(rng.choice(titles).split(' ')[-1], date.year)}（{n}）"
    # As in the seeds: a bare title only right under a column label, otherwise marked.
    lines = [title if bare else f"# {title}", ""]
    if rng.random() < 0.3:
        lines += [f"——{district.name}总工会开展系列活动", ""]
    body = [
        _in_year(paragraph, date.year)
        for paragraph in rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
    ]
    body[0] = f"{date.month}月{date.day}日，{district.name}总工会" + body[0]
    for index, paragraph in enumerate(body):
        if rng.random() < 0.15 and len(paragraph) > 60:  # a column break mid-sentence
            cut = rng.randint(20, len(paragraph) - 20)
            lines += [paragraph[:cut], "", paragraph[cut:], ""]
        else:
            lines += [paragraph, ""]
        if index == 1 and rng.random() < 0.2:
            lines += ["", "", f"{district.name}职工参加活动", "", ""]
    return lines


def _issue(rng: random.Random, material: Material, number: int, first_story: int) -> str:
    published = issue_date(number)
    lines = ["", ""]
    columns = [s for s in SECTIONS if s.kind != "feature"]
    for offset in range(STORIES_PER_ISSUE - 1):
        bare = False
        if offset % 2 == 0:
            label = rng.choice(columns[:10]).name
            lines += [f"## {label}" if rng.random() < 0.5 else label, ""]
            bare = rng.random() < 0.4
        date = max(published - dt.timedelta(days=1 + offset), published.replace(month=1, day=1))
        lines += _story(rng, material, first_story + offset, date, bare)
    lines += ["### 一周动态", ""]
    briefs = rng.sample(material[2], k=min(6, len(material[2])))
    lines += [f"◆{_in_year(brief, published.year)}" for brief in briefs]
    lines += ["", f"{published.year}年{published.month}月{published.day}日出版"]
    return "\n".join(lines) + "\n"


def write_archive(
    target: Path, articles: int, seed: int = 20241123, sample: Path = SAMPLE_SEEDS
) -> list[Path]:
    """Write about `articles` articles as raw issues into target/ and return the files."""
    rng = random.Random(seed)
    material = _seed_material(sample)
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range((articles + STORIES_PER_ISSUE - 1) // STORIES_PER_ISSUE):
        path = target / f"synth-{number:05d}.txt"
        path.write_text(_issue(rng, material, number, number * STORIES_PER_ISSUE), "utf-8")
        files.append(path)
    return files


if __name__ == "__main__":
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{len(write_archive(folder, count))} issues written to {folder}")
