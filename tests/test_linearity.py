"""Every rule takes time in proportion to its input, on the shapes that make rules super-linear.

Each registered rule runs on every hostile shape (those of benchmarks/bench_check.py and
benchmarks/hostile_inputs.py) at a size n and at 4n; linear work takes about 4 times as long,
quadratic work 16 times. The test asserts a ratio under 8. Times too short to measure reliably are
not compared, and a ratio over the limit is measured again (best of three) before it fails, so a
busy machine does not fail the test; speed itself is measured in benchmarks/, not here.
"""

from __future__ import annotations

import importlib.util
import time
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import Rule, all_rules

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SIZE = 3_000  # characters at n; 4n = 12,000
LIMIT = 8.0
FLOOR = 0.01  # seconds at 4n under which the work is too small to compare


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shapes() -> dict[str, str]:
    """Each hostile shape as a text of at least 4n characters."""
    shapes = {}
    for label, text in _load("bench_check").PATHOLOGICAL.items():
        shapes[label] = (text * (4 * SIZE // len(text) + 1))[: 4 * SIZE]
    for label, (unit, _, _) in _load("hostile_inputs").HOSTILE.items():
        shapes[label] = unit * (4 * SIZE // len(unit) + 1)
    return shapes


SHAPES = _shapes()

@cache
def _documents(text: str) -> tuple[Document, Document]:
    """The shape at n and at 4n, segmented once and shared by every rule's test."""

    def document(size: int) -> Document:
        part = text[:size]
        return Document(id="shape", text=part, source=part, reference=part)

    pair = document(SIZE), document(4 * SIZE)
    for segmented in pair:  # segmentation is shared by all rules in a real audit: not timed
        _ = segmented.sentences, segmented.headline
    return pair


def _seconds(rule: Rule, document: Document) -> float:
    settings = Settings()
    # CPU time of this process: what the rule costs, whatever else the machine is running.
    started = time.process_time()
    check_document(document, [rule], settings)
    return time.process_time() - started


def _ratio(rule: Rule, small: Document, large: Document, repeats: int) -> tuple[float, float]:
    small_time = min(_seconds(rule, small) for _ in range(repeats))
    large_time = min(_seconds(rule, large) for _ in range(repeats))
    return large_time, large_time / max(small_time, FLOOR / 4)


def _params() -> list[object]:
    params = []
    for current in all_rules():
        params.append(pytest.param(current, id=current.code))
    return params


@pytest.mark.parametrize("rule", _params())
def test_rule_time_grows_linearly_on_hostile_shapes(rule: Rule) -> None:
    slow = []
    for label, text in SHAPES.items():
        small, large = _documents(text)
        large_time, ratio = _ratio(rule, small, large, repeats=1)
        if large_time >= FLOOR and ratio >= LIMIT:
            large_time, ratio = _ratio(rule, small, large, repeats=3)
        if large_time >= FLOOR and ratio >= LIMIT:
            slow.append(f"{label}: x{ratio:.1f} ({large_time * 1000:.0f} ms at 4n)")
    assert not slow, f"{rule.code} grows faster than its input on: " + "; ".join(slow)
