"""The benchmark that sets the artifact penalty against MQM: its tau and its MQM weights."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import ROOT

_SPEC = importlib.util.spec_from_file_location(
    "penalty_vs_mqm", ROOT / "benchmarks" / "penalty_vs_mqm.py"
)
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)


def test_kendall_tau_of_agreeing_and_reversed_rankings() -> None:
    scores = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert bench.kendall_tau(scores, [10.0, 20.0, 30.0, 40.0, 50.0]) == 1.0
    assert bench.kendall_tau(scores, [5.0, 4.0, 3.0, 2.0, 1.0]) == -1.0


def test_kendall_tau_b_with_ties() -> None:
    # Pairs: 4 concordant, 1 discordant, 1 tied in y only: (4 - 1) / sqrt(6 * 5) = 0.5477.
    x = [1.0, 2.0, 3.0, 4.0]
    y = [1.0, 3.0, 2.0, 3.0]
    assert bench.kendall_tau(x, y) == pytest.approx(3 / 30**0.5)


def test_mqm_weights_follow_the_standard_scheme() -> None:
    assert bench.mqm_weight("Accuracy/Mistranslation", "Major") == 5
    assert bench.mqm_weight("Accuracy/Mistranslation", "Minor") == 1
    assert bench.mqm_weight("Fluency/Punctuation", "Minor") == 0.1
    assert bench.mqm_weight("Fluency/Punctuation", "Major") == 5
    assert bench.mqm_weight("Non-translation!", "Major") == 25
    assert bench.mqm_weight("Found", "HOTW-test") == 0
    assert bench.mqm_weight("Source issue", "Major") == 0


def test_mqm_system_score_averages_segments_over_raters(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"system": "a", "errors": [{"category": "Fluency/Grammar", "severity": "Major"}]},
        {"system": "a", "errors": []},
        {"system": "b", "errors": [{"category": "Fluency/Grammar", "severity": "Minor"}] * 3},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert bench.mqm_system_scores(gold) == {"a": pytest.approx(5 / 3 / 2), "b": 1.0}
