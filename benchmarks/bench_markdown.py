"""Time to read Markdown articles into prose with a position map, at n and 4n paragraphs.

Run: python benchmarks/bench_markdown.py [--paragraphs N]

Prints the seconds to read an article of N paragraphs (links, inline code, emphasis, entities,
lists and a table in each) and of 4N, and their ratio: it should stay near 4 (linear). Most of
the time is markdown-it-py's parsing; the rest is the position map.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import time

from audit.readers.markdown import read

BLOCK = (
    "The *council* voted on [the budget](https://example.org/budget_(2024)) after `debate`;\n"
    "members &amp; staff left at noon.\n\n"
    "- one point of order\n- another point\n\n"
    "| ward | votes |\n|---|---|\n| North | 12 |\n\n"
)


def _seconds(paragraphs: int) -> float:
    text = "# Council votes\n\n" + BLOCK * paragraphs
    start = time.perf_counter()
    read("bench.md", text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--paragraphs", type=int, default=500)
    n = parser.parse_args().paragraphs
    small, large = _seconds(n), _seconds(4 * n)
    print(f"{n} blocks: {small:.3f} s; {4 * n} blocks: {large:.3f} s; ratio {large / small:.1f}")


if __name__ == "__main__":
    main()
