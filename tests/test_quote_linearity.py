"""The quotation rules take time linear in the text: 4× the input costs about 4× the time.

Each rule runs on hostile input of size n and 4n; a quadratic rule would take about 16× as long.
The ratio is asserted under 8, well clear of both. Each time is the processor time of the best of
a few runs, so that other processes on a busy machine do not decide the outcome; below a few
milliseconds a ratio is timer noise, and a quadratic rule is far slower than that at these sizes.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from audit import Settings
from audit.document import Document
from audit.rules import find_rule

N = 600
NOISE = 0.02  # seconds: under this, the time at 4n says nothing about growth
QUOTE_RULES = ("MT201", "MT202", "MT230", "MT232")
SHAPES: dict[str, Callable[[int], str]] = {
    "alternating curly marks": lambda n: "“a ” " * n,
    "opening marks then closing marks": lambda n: "“a " * n + "b” " * n,
    "curly openings then straight marks": lambda n: "“a " * n + 'b " ' * n,
    "mixed curly and straight marks": lambda n: '“a " ”b " ' * n,
    "single-quoted phrases": lambda n: "He said 'we will win the match' and 'they lost' then. " * n,
    "plural possessives in a single quotation": lambda n: "‘x " + "soldiers’ a " * n,
    "one sentence a line, quotations left open": lambda n: "“We will win.\nThey lost.\n" * n,
}


def _best_time(code: str, text: str, settings: Settings) -> float:
    rule = find_rule(code)
    assert rule is not None
    best = float("inf")
    for _ in range(5):
        document = Document(id="hostile", text=text)  # a fresh document: no cached pairing
        gc.collect()
        gc.disable()  # a collection landing in one run would decide the ratio
        try:
            started = time.process_time()
            list(rule.check(document, settings))
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("code", QUOTE_RULES)
def test_quotation_rule_time_grows_linearly(code: str, shape: str) -> None:
    settings = Settings(quote_style="typographic")  # MT232 does its work only with a house style
    make = SHAPES[shape]
    small = _best_time(code, make(N), settings)
    large = _best_time(code, make(4 * N), settings)
    assert large < NOISE or large / small < 8, f"{code} on {shape}: {small:.4f}s, {large:.4f}s"
