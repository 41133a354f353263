"""Repetition rules grow linearly with their input, and their one-pass scan is exact."""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

import pytest

from audit import Settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import find_rule
from audit.rules.repetition import _LONGEST_UNIT, _LOOP, _runs

RULES = [find_rule(code) for code in ("MT401", "MT402", "MT403")]

# Each shape makes a text of about ``n`` words, one paragraph, built to push the scan.
SHAPES: dict[str, Callable[[int], str]] = {
    "one word looped": lambda n: "Bern, " * n,
    "twelve-word unit looped": lambda n: " ".join(f"u{i % _LONGEST_UNIT}" for i in range(n)),
    "list of values": lambda n: ", ".join(f"{i % 97} degrees" for i in range(n // 2)),
    "no repetition": lambda n: " ".join(f"w{i}" for i in range(n)),
    "doubled words": lambda n: "the the minister " * (n // 3),
    "near-repeats": lambda n: "the bank's products, the bank's product, " * (n // 6),
    "quoted sounds": lambda n: "“ding, ding, ding,” she said. " * (n // 6),
    "scores": lambda n: "6-3 6-3 " * (n // 2),
}


def _seconds(text: str, times: int) -> float:
    """Time of one audit, from ``times`` audits in a row, best of three tries.

    The small input is audited four times in a row so that both sizes run about as long: on a
    busy machine a short run escapes the scheduler's pauses that a long one cannot.
    """
    best = float("inf")
    for attempt in range(3):
        # A different last word each time: the family's cache must not answer.
        docs = [Document(id="linearity", text=f"{text} end{attempt}x{k}") for k in range(times)]
        gc.collect()
        started = time.perf_counter()
        for doc in docs:
            check_document(doc, RULES, Settings())
        best = min(best, (time.perf_counter() - started) / times)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_repetition_rules_take_linear_time(shape: str) -> None:
    make = SHAPES[shape]
    small, large = _seconds(make(2_000), 4), _seconds(make(8_000), 1)
    assert large / small < 8, f"{shape}: {small:.4f} s at n, {large:.4f} s at 4n"


def _direct_runs(keys: list[str]) -> list[tuple[int, int, int]]:
    """The definition, read literally: at each token try every unit size, best run wins."""
    runs, i = [], 0
    while i < len(keys):
        best = None
        for size in range(1, _LONGEST_UNIT + 1):
            times = 1
            while keys[i + times * size : i + (times + 1) * size] == keys[i : i + size] and (
                i + (times + 1) * size <= len(keys)
            ):
                times += 1
            rank = (times >= _LOOP, times * size, -size)
            if times > 1 and (best is None or rank > best[0]):
                best = (rank, size, times)
        if best is None:
            i += 1
            continue
        runs.append((i, best[1], best[2]))
        i += best[1] * best[2]
    return runs


def test_one_pass_scan_finds_the_runs_the_definition_gives() -> None:
    generator = random.Random(11)
    for _ in range(3_000):
        alphabet = generator.choice(["ab", "abc", "abcdefgh"])
        keys = [generator.choice(alphabet) for _ in range(generator.randint(0, 30))]
        if generator.random() < 0.4:
            unit = [generator.choice(alphabet) for _ in range(generator.randint(1, 13))]
            middle = len(keys) // 2
            keys[middle:middle] = unit * generator.randint(2, 5)
        found = [(run.first, run.size, run.times) for run in _runs(keys)]
        assert found == _direct_runs(keys), keys
