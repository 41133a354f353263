"""Throughput of `mtaudit check`, and the worst-case lines the regular expressions must survive.

Run: python benchmarks/bench_check.py [--articles N] [--jobs J]

Prints articles per second over a synthetic batch built from the project's own corpora, and the
time each rule takes on long pathological lines (100,000 characters of repeated punctuation,
digits, quotes and words). A rule whose time grows faster than the line is a regression to fix.
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
    rules = all_rules()
    for label, text in PATHOLOGICAL.items():
        for size in (len(text) // 10, len(text)):
            doc = Document(id=label, text=text[:size])
            timings = []
            for rule in rules:
                started = time.perf_counter()
                check_document(doc, [rule], Settings())
                timings.append((time.perf_counter() - started, rule.code))
            slowest, code = max(timings)
            print(f"{label:<26} {size:>7} chars: slowest rule {code} {slowest * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1)
    options = parser.parse_args()
    batch_throughput(options.articles, options.jobs)
    pathological_lines()


if __name__ == "__main__":
    main()
