"""Throughput of `mtaudit check`, and the worst-case lines the regular expressions must survive.

Run: python benchmarks/bench_check.py [--articles N] [--jobs J]

Prints articles per second over a synthetic batch built from the project's own corpora, and the
time the slowest rule takes on long pathological lines (about 100,000 characters built to provoke
each family's regular expressions and loops: stops, quotes, near-repeats, brackets, mojibake-like
bytes, figures), at a tenth of the line and whole. The ratio should stay near 10 (linear); a rule
whose time grows faster than the line is a regression to fix.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from audit import Settings, audit_paths
from audit.document import Document
from audit.engine import check_document
from audit.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent

PATHOLOGICAL = {
    "full stops and lowercase": ". a" * 33_000,
    "digits and commas": "1,00," * 20_000,
    "quotes": "“‘\"'’”" * 16_000,
    "one long word": "a" * 100_000,
    "lakh words": "1 lakh " * 14_000,
    "dashes": " - News" * 14_000,
    "near-repeats": "the bank's products, the bank's product, " * 2_500,
    "one word looped": "Bern, " * 16_700,
    "single quotes": "'a " * 33_300,
    "open quote, no close": "'In a" + " word" * 20_000,
    "brackets": "(( [ " * 20_000,
    "mojibake bytes": "Ã©â€" * 25_000,
    "dots and commas": ".,. ,.." * 14_300,
    "figures": "1000 1000Mbps 2023-02- 37 % " * 3_600,
    "CJK and spaces": "经 - " * 25_000,
    "quoted capitals": '"A B' * 25_000,
    "foreign words": "kata menteri itu pada hari " * 3_700,
    "function words at stops": "and. the. " * 10_000,
    "speech tags": "“We will win.” He said. " * 4_200,
    "title-case lines": "Talks Resume In Geneva.\nThe talks resumed on Monday after a pause.\n" * 1_500,
    "navigation trails": "Home » News » World\n" * 5_000,
}


def batch_throughput(articles: int, jobs: int) -> None:
    sources = sorted((ROOT / "corpora").rglob("*.txt"))
    with tempfile.TemporaryDirectory() as folder:
        for index in range(articles):
            source = sources[index % len(sources)]
            shutil.copy(source, Path(folder) / f"{index:05}-{source.name}")
        started = time.perf_counter()
        report = audit_paths([folder], Settings(jobs=jobs))
        elapsed = time.perf_counter() - started
    print(
        f"{articles} articles, jobs={jobs}: {elapsed:.2f} s, {articles / elapsed:.0f} articles/s, "
        f"{len(report.findings)} findings"
    )


def pathological_lines() -> None:
    """Segmentation, then the slowest rule, on each line at a tenth of it and whole.

    The ratio (time on the whole line / time on a tenth) should stay near 10: linear.
    """
    rules = all_rules()
    for label, text in PATHOLOGICAL.items():
        segmenting, worst = [], {}
        for size in (len(text) // 10, len(text)):
            doc = Document(id=label, text=text[:size])
            started = time.perf_counter()
            _ = doc.lines, doc.paragraphs, doc.sentences, doc.headline
            segmenting.append(time.perf_counter() - started)
            for rule in rules:
                started = time.perf_counter()
                check_document(doc, [rule], Settings())
                worst.setdefault(rule.code, []).append(time.perf_counter() - started)
        (small, whole), code = max((t, c) for c, t in worst.items())
        print(
            f"{label:<26} {len(text):>7} chars: segmenting {segmenting[1] * 1000:7.1f} ms "
            f"(x{segmenting[1] / max(segmenting[0], 1e-6):.0f}); slowest rule {code} "
            f"{whole * 1000:7.1f} ms (x{whole / max(small, 1e-6):.0f} for x10 the text)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1)
    options = parser.parse_args()
    batch_throughput(options.articles, options.jobs)
    pathological_lines()


if __name__ == "__main__":
    main()
