"""Every rule example in tests/examples/*.toml: what a rule must flag, and what it must leave alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from audit import Settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import all_rules, find_rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EXAMPLES = Path(__file__).parent / "examples"


def _cases() -> list[object]:
    cases = []
    for path in sorted(EXAMPLES.glob("*.toml")):
        for number, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"], 1):
            label = f"{path.stem}-{number}-{case['rule']}-{'flags' if case['flags'] else 'clean'}"
            cases.append(pytest.param(case, id=label))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_rule_example(case: dict[str, object]) -> None:
    rule = find_rule(str(case["rule"]))
    assert rule is not None, f"unknown rule {case['rule']}"
    doc = Document(id="example", text=str(case["text"]))
    # A case may set top-level settings, in the configuration's spelling: quote-style = "straight"
    overrides = {str(k).replace("-", "_"): v for k, v in dict(case.get("settings", {})).items()}
    findings = check_document(doc, [rule], Settings().with_overrides(**overrides))
    assert [doc.text[f.start : f.end] for f in findings] == case["flags"]
    if "suggestions" in case:
        assert [f.suggestion for f in findings] == case["suggestions"]


def test_every_target_only_rule_has_examples_that_flag_and_look_alikes_that_do_not() -> None:
    flagging: set[str] = set()
    silent: set[str] = set()
    for case in _cases():
        (flagging if case.values[0]["flags"] else silent).add(case.values[0]["rule"])
    # Rules that need a source or a reference are specified in tests/test_bilingual.py, and
    # MT502 (langdetect) in tests/test_untranslated.py.
    target_only = {r.code for r in all_rules() if not r.needs} - {"MT502"}
    assert sorted(target_only - flagging) == []
    assert sorted(target_only - silent) == []
