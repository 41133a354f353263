"""The documentation is generated from the code and must not drift from it."""

from __future__ import annotations

import re

from conftest import ROOT

from audit.cli import rules_markdown
from audit.rules import all_rules


def test_readme_rule_catalogue_matches_the_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules:start -->\n(.*?)\n<!-- rules:end -->", readme, re.DOTALL)
    assert block is not None, "README.md lacks the rules:start/rules:end markers"
    assert block.group(1) == rules_markdown(), (
        "README rule table is stale: replace it with `mtaudit rules --format markdown`"
    )


def test_every_rule_documents_what_it_catches_why_and_examples() -> None:
    for rule in all_rules():
        assert re.fullmatch(r"MT\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule.name
        assert rule.summary, f"{rule.code} has no docstring"
        for section in ("**Why it matters.**", "**Bad:**", "**Good:**"):
            assert section in rule.doc, f"{rule.code} docstring lacks {section}"


def test_readme_quick_start_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert quick is not None
    assert quick.group(1).splitlines() == [
        "pip install . && mtaudit check corpora/mt-news",
        "pip install '.[test]' && pytest",
    ]
