"""Time on hostile inputs at size n and 4n: the shapes that once made a rule super-linear.

Run: python benchmarks/hostile_inputs.py [--scale S] [--only LABEL] [--timeout SECONDS]

Each input is a unit repeated until the text reaches the size shown; the time (CPU seconds) is
that of the rules named beside it (check_document with those rules only), or of sentence
alignment for ``score --document``. Linear work takes about 4 times as long at 4n; quadratic work 16 times.
A measurement that would exceed ``--timeout`` (default 60 s) at 4n is not run: the line says so.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from audit import Settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import all_rules

# label → (unit repeated, base size n in characters, rule codes timed)
HOSTILE: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "alternating curly marks": ("“a” ‘b’ ", 20_000, ("MT201", "MT202")),
    "mixed curly and straight marks": ("“a \"b” ‘c' d’ ", 20_000, ("MT201", "MT202")),
    "ab.Cd repeated": ("ab.Cd", 4_000, ("MT205",)),
    "ab.. repeated": ("ab..", 4_000, ("MT204",)),
    "2000 people repeated": ("2000 people ", 6_000, ("MT104",)),
    "single-quoted phrases": ("'we will grow back here,' he said. ", 25_000, ("MT230",)),
    "lowercase after stop": ("ab. cd ", 100_000, ("MT210",)),
    "single quotes": ("'a ", 25_000, ("MT201", "MT202", "MT230")),
    "the the the (one paragraph)": ("the ", 25_000, ("MT401", "MT402", "MT403")),
    "Rs + long figure + crore": ("Rs " + "9" * 40 + " crore. ", 25_000, ("MT101",)),
    "long figure + USD": ("9" * 5_000 + " USD ", 25_000, ("MT103",)),
    "long figure + Mbps": ("9" * 5_000 + "Mbps ", 25_000, ("MT107",)),
    "1, then 00 groups": ("1" + ",00" * 3_000 + ",000 ", 25_000, ("MT102",)),
    "Devanagari run": ("नमस्ते ", 100_000, ("MT501",)),
    "figures in source and target": ("1 lakh 2,50,000 ", 6_000, ("MT801",)),
}


def _repeat(unit: str, size: int) -> str:
    # Whole units, so that the text ends as the unit does (a sentence, a figure).
    return unit * max(1, round(size / len(unit)))


def _time(work: Callable[[], object]) -> float:
    # CPU seconds of this process: the work's cost, whatever else the machine is running.
    started = time.process_time()
    work()
    return time.process_time() - started


def rule_timer(codes: tuple[str, ...], text: str) -> Callable[[], object]:
    rules = [r for r in all_rules() if r.code in codes]
    settings = Settings()

    def work() -> object:
        # The text is its own source, so that the rules comparing the two run as well.
        document = Document(id="hostile", text=text, source=text)
        return check_document(document, rules, settings)

    return work


def alignment_timer(size: int) -> Callable[[], object]:
    from audit.scoring import align_documents

    sentence = "The council met on Monday and approved the budget for the new year. "
    hypothesis = _repeat(sentence, size)
    reference = _repeat(sentence.replace("Monday", "Tuesday"), size)
    return lambda: align_documents(hypothesis, reference)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--only", help="run only inputs whose label contains this")
    parser.add_argument("--timeout", type=float, default=60.0)
    options = parser.parse_args()
    cases: list[tuple[str, int, str, Callable[[int], Callable[[], object]]]] = []
    for label, (unit, size, codes) in HOSTILE.items():
        cases.append(
            (label, int(size * options.scale), "+".join(codes),
             lambda n, u=unit, c=codes: rule_timer(c, _repeat(u, n)))
        )  # fmt: skip
    cases.append(("score --document", int(2_000 * options.scale), "alignment", alignment_timer))
    for label, size, what, make in cases:
        if options.only and options.only not in label:
            continue
        try:
            small = _time(make(size))
        except Exception as error:  # a crash is a result too: report it and go on
            print(f"{label:<32} {what:<19} n={size:>8}: crashed ({type(error).__name__})")
            continue
        if small * 16 > options.timeout:
            print(f"{label:<32} {what:<19} n={size:>8}: {small:8.3f} s   4n: skipped (would pass "
                  f"{options.timeout:.0f} s if quadratic)")  # fmt: skip
            continue
        try:
            large = _time(make(4 * size))
        except Exception as error:
            print(f"{label:<32} {what:<19} n={size:>8}: {small:8.3f} s   4n: crashed "
                  f"({type(error).__name__})")  # fmt: skip
            continue
        print(
            f"{label:<32} {what:<19} n={size:>8}: {small:8.3f} s   4n: {large:8.3f} s   "
            f"x{large / max(small, 1e-6):.1f}"
        )


if __name__ == "__main__":
    main()
