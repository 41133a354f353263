"""Worst-case lines for the repetition, untranslated, encoding, punctuation and locale rules.

Run: python benchmarks/bench_families.py

Each line is built to provoke one family's regular expressions or loops: near-repeats, long
single-quoted stretches, brackets, mojibake-like bytes, figures. Every rule of those families is
timed at a tenth of the line and at the whole line (100,000 characters); the ratio should stay
near 10 (linear). Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import time

from audit import Settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import all_rules

FAMILIES = ("repetition", "untranslated", "encoding", "punctuation", "locale")

PATHOLOGICAL = {
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
}


def main() -> None:
    rules = [r for r in all_rules() if r.family in FAMILIES]
    for label, text in PATHOLOGICAL.items():
        worst = []
        for rule in rules:
            times = []
            for size in (len(text) // 10, len(text)):
                doc = Document(id=label, text=text[:size])
                started = time.perf_counter()
                check_document(doc, [rule], Settings())
                times.append(time.perf_counter() - started)
            worst.append((times[1], times[1] / max(times[0], 1e-6), rule.code))
        slowest, ratio, code = max(worst)
        print(
            f"{label:<22} {len(text):>7} chars: slowest {code} {slowest * 1000:8.1f} ms "
            f"(x{ratio:.0f} for x10 the text)"
        )


if __name__ == "__main__":
    main()
