"""Inline suppression comments in Markdown: next block, ranges, every rule, unused ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit import Settings
from audit.engine import check_document
from audit.filters import filter_findings
from audit.filters.suppressions import find_directives, suppressions_from_comments
from audit.readers.markdown import read
from audit.rules import find_rule, select_rules


def _reported(text: str, **settings: object) -> list[tuple[str, str]]:
    document = read("a.md", text)[0]
    options = Settings(**settings)  # type: ignore[arg-type]
    found = check_document(document, select_rules(), options)
    return [(f.rule, text[f.start : f.end]) for f in filter_findings(document, found, options)]


def test_ignore_silences_the_named_rule_in_the_next_block_only() -> None:
    text = (
        "<!-- mtaudit: ignore MT101 -->\nAbout 1 lakh people came.\n\nAbout 2 lakh people left.\n"
    )
    assert _reported(text) == [("MT101", "2 lakh")]


def test_ignore_leaves_other_rules_in_that_block() -> None:
    text = "<!-- mtaudit: ignore MT102 -->\nAbout 1 lakh people came.\n"
    assert _reported(text) == [("MT101", "1 lakh")]


def test_ignore_without_codes_silences_every_rule_in_the_block() -> None:
    text = (
        "<!-- mtaudit: ignore -->\nAbout 1 lakh people came, and 1,00,000 left.\n\nLast 3 lakh.\n"
    )
    assert _reported(text) == [("MT101", "3 lakh")]


def test_disable_and_enable_silence_a_range_of_blocks() -> None:
    text = (
        "Before 1 lakh.\n\n<!-- mtaudit: disable MT101,MT302 -->\n\nInside 2 lakh.\n\n"
        "- Also inside 3 lakh.\n\n<!-- mtaudit: enable -->\n\nAfter 4 lakh.\n"
    )
    assert _reported(text) == [("MT101", "1 lakh"), ("MT101", "4 lakh")]


def test_disable_without_enable_runs_to_the_end_of_the_file() -> None:
    text = "Before 1 lakh.\n\n<!-- mtaudit: disable -->\n\nInside 2 lakh.\n\nAnd 3 lakh.\n"
    assert _reported(text) == [("MT101", "1 lakh")]


def test_codes_may_be_prefixes_or_names() -> None:
    text = (
        "<!-- mtaudit: ignore MT1 -->\nAbout 1 lakh people came.\n\n"
        "<!-- mtaudit: ignore south-asian-number-word -->\nAbout 2 lakh left.\n"
    )
    assert _reported(text) == []


def test_a_comment_inside_a_paragraph_covers_the_next_block() -> None:
    text = "First 1 lakh <!-- mtaudit: ignore MT101 --> here.\n\nSecond 2 lakh.\n"
    assert _reported(text) == [("MT101", "1 lakh")]


def test_unused_suppressions_are_reported_only_when_asked() -> None:
    text = (
        "<!-- mtaudit: ignore MT101 -->\nNothing to see here today.\n\n"
        "<!-- mtaudit: ignore MT101 -->\nAbout 1 lakh people came.\n"
    )
    assert _reported(text) == []
    reported = _reported(text, report_unused_suppressions=True)
    assert reported == [("MT009", "<!-- mtaudit: ignore MT101 -->")]


def test_unused_suppression_points_at_the_comment_line() -> None:
    text = "Intro.\n\n<!-- mtaudit: disable MT201 -->\nNo quotes here.\n"
    document = read("a.md", text)[0]
    options = Settings(report_unused_suppressions=True)
    findings = filter_findings(document, check_document(document, select_rules(), options), options)
    assert [(f.rule, f.line, f.column) for f in findings] == [("MT009", 3, 1)]


def test_directives_api_for_other_readers() -> None:
    comment = "<!-- mtaudit: ignore MT101 MT102 -->"
    markup = f"<p>x</p>{comment}<!-- other -->"
    directives = find_directives(markup, offset=100)
    assert directives == [((108, 108 + len(comment)), "ignore", ("MT101", "MT102"))]
    suppressions = suppressions_from_comments(directives, [(50, 60), (150, 170)], 200)
    assert [(s.codes, s.covers) for s in suppressions] == [(("MT101", "MT102"), (150, 170))]


def test_unused_suppression_rule_is_documented() -> None:
    rule = find_rule("MT009")
    assert rule is not None and rule.name == "unused-suppression"


@pytest.fixture
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.md"
    path.write_text(
        "# Crowds gather\n\n<!-- mtaudit: ignore MT101 -->\nAbout 1 lakh people came.\n\n"
        "<!-- mtaudit: ignore MT201 -->\nNo quotation here.\n",
        encoding="utf-8",
    )
    return path


def test_command_line_reports_unused_suppressions(article: Path) -> None:
    from audit.cli import app

    quiet = CliRunner().invoke(app, ["check", "-f", "jsonl", "--fail-on", "warning", "a.md"])
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    loud = CliRunner().invoke(
        app,
        ["check", "-f", "jsonl", "--fail-on", "warning", "--report-unused-suppressions", "a.md"],
    )
    rows = [json.loads(line) for line in loud.stdout.splitlines()]
    assert [(r["rule"], r["line"]) for r in rows] == [("MT009", 6)]
    assert loud.exit_code == 1


def test_a_suppression_for_a_rule_that_did_not_run_is_not_called_unused() -> None:
    text = "<!-- mtaudit: ignore MT201 -->\nNo quotation here.\n"
    assert _reported(text, report_unused_suppressions=True, select=("MT1",)) == []
    reported = _reported(text, report_unused_suppressions=True, select=("MT2",))
    assert [rule for rule, _ in reported] == ["MT009"]
