"""Every rule example in tests/examples/*.toml: what a rule must flag, and what it must leave alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from audit import Settings
from audit.document import Document
from audit.engine import check_document
from audit.findings import Finding
from audit.fixes import Edit, apply_edits, choose_edits
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
    # `fixed`: the text after `mtaudit fix`; `unsafe-fixed`: after `mtaudit fix --unsafe-fixes`.
    for key, unsafe in (("fixed", False), ("unsafe-fixed", True)):
        if key in case:
            assert _fixed(doc.text, findings, unsafe) == case[key]
    if "fixed" in case and "unsafe-fixed" not in case:
        assert all(f.fix != "unsafe" for f in findings), "give `unsafe-fixed` too"


def _fixed(text: str, findings: list[Finding], unsafe: bool) -> str:
    edits = [Edit(f.start, f.end, f.suggestion or "", f) for f in choose_edits(findings, unsafe)]
    return apply_edits(text, edits)


def test_every_target_only_rule_has_examples_that_flag_and_look_alikes_that_do_not() -> None:
    flagging: set[str] = set()
    silent: set[str] = set()
    for case in _cases():
        (flagging if case.values[0]["flags"] else silent).add(case.values[0]["rule"])
    # Rules that need a source or a reference are specified in tests/test_bilingual.py, and
    # MT502 (langdetect) in tests/test_untranslated.py, MT303 (which counts lines across a batch)
    # in tests/test_detection.py, and MT009 (made by the suppression filter, not by a rule) in
    # tests/test_suppressions.py.
    target_only = {r.code for r in all_rules() if not r.needs} - {"MT502", "MT303", "MT009"}
    assert sorted(target_only - flagging) == []
    assert sorted(target_only - silent) == []
