"""`mtaudit eval` on a hand-made corpus whose answers are known.

tests/fixtures/eval: two documents, seven gold lines. Four are clean; one of them has a space
before a comma (a false alarm by design). "the the" (two raters agree: grammar) and "1000Mbps"
(one rater: punctuation) are caught; a mistranslation (two raters) is not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.config import Settings
from audit.evaluation import GoldError, evaluate, read_gold, render_text

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

FIXTURE = Path(__file__).parent / "fixtures" / "eval"
RULES = ("MT107", "MT203", "MT403")


@pytest.fixture
def result():
    return evaluate(FIXTURE / "docs", read_gold(FIXTURE / "gold.jsonl"), Settings(select=RULES))


def test_false_alarm_rate_counts_clean_lines_with_any_finding(result) -> None:
    assert (result.clean_lines, result.false_alarms) == (4, 1)
    assert result.false_alarm_rate == 0.25
    assert dict(result.rules_on_clean) == {"MT203": 1}
    assert result.false_alarm_examples == [
        {"file": "beta.txt", "line": 1, "rule": "MT203", "excerpt": " ,"}
    ]


def test_a_line_marked_no_error_is_clean(result) -> None:
    assert result.lines == 7 and result.documents == 2


def test_catch_rate_per_category_overall_and_where_raters_agree(result) -> None:
    scores = {
        name: (s.lines, s.caught, s.agreed_lines, s.agreed_caught)
        for name, s in result.categories.items()
    }
    assert scores == {
        "Fluency/Grammar": (1, 1, 1, 1),
        "Fluency/Punctuation": (1, 1, 0, 0),
        "Accuracy/Mistranslation": (1, 0, 1, 0),
    }
    assert result.several_raters


def test_per_rule_counts_and_the_rules_that_carry_each_category(result) -> None:
    assert dict(result.findings_per_rule) == {"MT107": 1, "MT203": 1, "MT403": 1}
    assert dict(result.lines_per_rule) == {"MT107": 1, "MT203": 1, "MT403": 1}
    assert {k: dict(v) for k, v in result.rules_per_category.items()} == {
        "Fluency/Grammar": {"MT403": 1},
        "Fluency/Punctuation": {"MT107": 1},
        "Accuracy/Mistranslation": {},
    }


def test_text_report_ends_with_the_headline_figure(result) -> None:
    text = render_text(result)
    assert text.splitlines()[-1] == "false alarms on clean lines: 1 of 4 (25.0%)"
    assert "rules on clean lines: MT203 1" in text
    assert "2+ raters" in text


def test_cli_prints_json(mtaudit: Callable[..., object]) -> None:
    run = mtaudit(
        "eval",
        str(FIXTURE / "docs"),
        "--gold",
        str(FIXTURE / "gold.jsonl"),
        "--select",
        ",".join(RULES),
        "--format",
        "json",
    )
    assert run.returncode == 0, run.stderr  # type: ignore[attr-defined]
    data = json.loads(run.stdout)  # type: ignore[attr-defined]
    assert data["false_alarm_rate"] == 0.25
    assert data["categories"]["Fluency/Grammar"]["agreed_catch_rate"] == 1.0
    assert data["rules_on_clean_lines"] == {"MT203": 1}


def test_cli_text_is_the_same_on_every_run(mtaudit: Callable[..., object]) -> None:
    args = ("eval", str(FIXTURE / "docs"), "--gold", str(FIXTURE / "gold.jsonl"))
    first, second = mtaudit(*args), mtaudit(*args, "--jobs", "2")
    assert first.stdout == second.stdout  # type: ignore[attr-defined]


def test_malformed_gold_is_a_usage_error_naming_the_line(
    tmp_path: Path, mtaudit: Callable[..., object]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "alpha.txt", "line": 1}\n{"line": 2}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:2"):
        read_gold(gold)
    run = mtaudit("eval", str(FIXTURE / "docs"), "--gold", str(gold))
    assert run.returncode == 2  # type: ignore[attr-defined]
    assert "gold.jsonl:2" in run.stderr  # type: ignore[attr-defined]


def test_a_document_missing_from_the_folder_is_reported(
    tmp_path: Path, mtaudit: Callable[..., object]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"file": "missing.txt", "line": 1, "clean": true, "errors": []}\n', encoding="utf-8"
    )
    run = mtaudit("eval", str(FIXTURE / "docs"), "--gold", str(gold))
    assert run.returncode == 2  # type: ignore[attr-defined]
    assert "missing.txt" in run.stderr  # type: ignore[attr-defined]


@pytest.mark.skipif(not (SHARED / "mqm-dev").is_dir(), reason="../shared/mqm-dev is absent")
def test_mqm_dev_false_alarms_stay_at_or_under_two_percent() -> None:
    mqm = SHARED / "mqm-dev"
    result = evaluate(mqm / "docs", read_gold(mqm / "gold.jsonl"), Settings())
    assert result.clean_lines and result.false_alarm_rate <= 0.02
