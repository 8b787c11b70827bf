"""Synthetic archives in the seeds' raw format, for benchmarks at archive scale.

Issues recombine real seed paragraphs with varied dates, columns and districts, and keep the
seeds' quirks (bare and #-marked labels, wrapped titles, ◆ briefs, captions, cut sentences),
so the ingest does the same work per article as on real issues. Deterministic for a given seed.

    python bench/synth.py 1000 /tmp/synth-1k/seeds
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bulletin.gazetteer import DISTRICTS  # noqa: E402
from bulletin.issue import parse_text  # noqa: E402
from bulletin.model import Kind  # noqa: E402
from bulletin.sections import SECTIONS  # noqa: E402

STORIES_PER_ISSUE = 10
FIRST_YEAR = 2005


Material = tuple[list[str], list[str], list[str]]  # titles, paragraphs, briefs


def _seed_material() -> Material:
    titles, paragraphs, briefs = [], [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        parsed = parse_text(path.read_text(encoding="utf-8"), path.name)
        for story in parsed.stories:
            titles.append(story.title)
            for element in story.body:
                if element.kind is Kind.PARA and len(element.text) > 30:
                    paragraphs.append(element.text)
                elif element.kind is Kind.BRIEF:
                    briefs.append(element.text)
    return titles, paragraphs, briefs


def _story(
    rng: random.Random, material: Material, n: int, month: int, day: int, bare: bool
) -> list[str]:
    titles, paragraphs, _ = material
    district = rng.choice(DISTRICTS)
    short = district.forms[-1]
    title = f"{short}{rng.choice(titles).split(' ')[-1]}（{n}）"
    # As in the seeds: a bare title only right under a column label, otherwise marked.
    lines = [title if bare else f"# {title}", ""]
    if rng.random() < 0.3:
        lines += [f"——{district.name}总工会开展系列活动", ""]
    body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 9)))
    body[0] = f"{month}月{day}日，{district.name}总工会" + body[0]
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
    year = FIRST_YEAR + number // 100
    month, day = 1 + (number // 9) % 12, 1 + (number * 3) % 28
    lines = ["", ""]
    columns = [s for s in SECTIONS if s.kind != "feature"]
    for offset in range(STORIES_PER_ISSUE - 1):
        bare = False
        if offset % 2 == 0:
            label = rng.choice(columns[:10]).name
            lines += [f"## {label}" if rng.random() < 0.5 else label, ""]
            bare = rng.random() < 0.4
        lines += _story(rng, material, first_story + offset, month, max(1, day - offset), bare)
    lines += ["### 一周动态", ""]
    lines += [f"◆{brief}" for brief in rng.sample(material[2], k=min(6, len(material[2])))]
    lines += ["", f"{year}年{month}月{day}日出版"]
    return "\n".join(lines) + "\n"


def write_archive(target: Path, articles: int, seed: int = 20241123) -> list[Path]:
    """Write about `articles` articles as raw issues into target/ and return the files."""
    rng = random.Random(seed)
    material = _seed_material()
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
