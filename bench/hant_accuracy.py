"""The Traditional conversion: accuracy on the trap table, and speed on the seed text.

    python bench/hant_accuracy.py [--repeat N] [--scale N]

Accuracy: the rows of tests/hant/traps.py right in the Taiwan edition, for this project's
converter, plain OpenCC s2tw and zhconv (zh-tw; `pip install -e '.[bench]'`). Speed: CPU time
(best of N) of converting the seed articles' text (×scale, one string), OpenCC with the glossary
alone against the converter with each mechanism added, measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from bench.hant_bench import machine, seed_articles  # noqa: E402
from bulletin.hant import TRADITIONAL, ConversionOptions, converter_for  # noqa: E402
from tests.hant.traps import TRAPS  # noqa: E402

VARIANTS = {
    "OpenCC + glossary (before)": ConversionOptions(False, False, False),
    "+ credited names": ConversionOptions(True, False, False),
    "+ titled names": ConversionOptions(True, True, False),
    "+ word boundaries (shipped)": ConversionOptions(True, True, True),
}


def accuracy() -> None:
    import zhconv

    plain = opencc.OpenCC("s2tw")
    ours = converter_for(TRADITIONAL)
    converters = {
        "this project (zh-hant)": ours.convert,
        "OpenCC s2tw": plain.convert,
        "zhconv zh-tw": lambda text: zhconv.convert(text, "zh-tw"),
    }
    print(f"| converter | all {len(TRAPS)} rows | names | words | boundaries |")
    print("|---|---|---|---|---|")
    for label, convert in converters.items():
        right = {kind: [0, 0] for kind in ("name", "word", "boundary")}
        for kind, simplified, taiwan, _ in TRAPS:
            right[kind][0] += convert(simplified) == taiwan
            right[kind][1] += 1
        total = sum(r[0] for r in right.values())
        cells = [f"{r[0]}/{r[1]}" for r in right.values()]
        print(
            f"| {label} | {total}/{len(TRAPS)} ({total / len(TRAPS):.1%}) | "
            + " | ".join(cells)
            + " |"
        )


def speed(repeat: int, scale: int) -> None:
    text = "\n".join([*seed_articles()] * scale)
    print(f"\n{len(text):,} characters (the seed articles ×{scale}), best of {repeat}, CPU time")
    print("| conversion | ms | M chars/s |")
    print("|---|---|---|")
    for label, options in VARIANTS.items():
        converter = converter_for(TRADITIONAL, options=options)
        converter.convert_plain(text[:2000])  # dictionaries loaded before timing
        times = []
        for _ in range(repeat):
            start = time.process_time()
            converter.convert_plain(text)
            times.append(time.process_time() - start)
        best = min(times)
        print(f"| {label} | {best * 1000:.0f} | {len(text) / best / 1e6:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=int, default=40)
    args = parser.parse_args()
    print(f"Machine: {machine()}\n")
    accuracy()
    speed(args.repeat, args.scale)


if __name__ == "__main__":
    main()
