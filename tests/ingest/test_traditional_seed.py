"""A partner's bulletin already in Traditional characters becomes a Simplified master:
the same stories, columns, districts and dates as its Simplified original, and a report line."""

from __future__ import annotations

from pathlib import Path

import opencc

from bulletin.ingest.report import report_markdown
from bulletin.ingest.run import ingest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = next(SEEDS.glob("001_*.txt"))


def _ingest(tmp_path: Path, name: str, text: str):
    seeds = tmp_path / name / "seeds"
    seeds.mkdir(parents=True)
    (seeds / SEED.name).write_text(text, encoding="utf-8")
    return ingest(seeds, tmp_path / name / "content")


def test_a_traditional_bulletin_is_ingested_as_its_simplified_master(tmp_path: Path) -> None:
    simplified = SEED.read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2tw").convert(simplified)  # as a Taiwan partner would send it
    assert traditional != simplified
    original = _ingest(tmp_path, "original", simplified)
    partner = _ingest(tmp_path, "partner", traditional)

    (issue,) = partner.issues
    notes = [w for w in issue.warnings if w.code == "converted-from-traditional"]
    assert len(notes) == 1 and notes[0].message.startswith("converted from Traditional")
    assert not [w for w in original.warnings if w.code == "converted-from-traditional"]
    assert "converted from Traditional" in report_markdown(partner)

    # Recognised as the Simplified original is: no unknown column, the same stories.
    assert not [w for w in partner.warnings if w.code == "unknown-section"]
    assert issue.date == original.issues[0].date
    pairs = list(zip(original.articles, partner.articles, strict=True))
    for before, after in pairs:
        assert after.slug == before.slug
        assert after.story.section == before.story.section
        assert after.districts == before.districts
    # The text is Simplified again (a round trip may differ in a rare character, not more).
    same = sum(after.story.title == before.story.title for before, after in pairs)
    assert same >= len(pairs) - 1
    written = sorted((tmp_path / "partner" / "content").rglob("*.md"))
    assert written
    body = written[0].read_text(encoding="utf-8")
    assert "重庆" in body and "重慶" not in body


def test_a_simplified_bulletin_quoting_a_traditional_name_stays_as_it_is(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("。", "。台灣的「國語日報」說。", 1)
    report = _ingest(tmp_path, "quote", text)
    assert not [w for w in report.warnings if w.code == "converted-from-traditional"]
    assert any("國語日報" in path.read_text(encoding="utf-8") for path in _written(tmp_path))


def _written(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "quote" / "content").rglob("*.md"))
