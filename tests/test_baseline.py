"""Baselines: known findings stay known when the article moves around them; new ones show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app

ARTICLE = (
    "Flood relief reaches the coast\n\n"
    "About 1 lakh people left their homes on Monday.\n\n"
    "Officials said the dam held. and the river fell by evening.\n"
)


def _check(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["check", "-f", "jsonl", "--fail-on", "warning", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "dam.md").write_text("# Dam\n\nThe dam cost 5 crore.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "news", "--write-baseline", "baseline.json"])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_write_baseline_records_every_finding_sorted_and_readable(newsroom: Path) -> None:
    text = (newsroom / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    entries = data["findings"]
    assert [(e["path"], e["rule"]) for e in entries] == [
        ("news/dam.md", "MT101"),
        ("news/flood.txt", "MT101"),
        ("news/flood.txt", "MT210"),
    ]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["context"]))
    assert "[1 lakh]" in entries[1]["context"]
    assert text.endswith("}\n") and "\n  " in text  # indented: one field a line diffs well


def test_nothing_is_new_right_after_writing_the_baseline(newsroom: Path) -> None:
    assert _check("news", "--baseline", "baseline.json") == (0, [])
    assert _check("news")[0] == 1


def test_paragraphs_inserted_above_leave_known_findings_known(newsroom: Path) -> None:
    path = newsroom / "news" / "flood.txt"
    path.write_text(
        "Flood relief reaches the coast\n\nA new opening paragraph.\n\nAnd another one.\n\n"
        + ARTICLE.split("\n\n", 1)[1],
        encoding="utf-8",
    )
    assert _check("news", "--baseline", "baseline.json") == (0, [])


def test_one_new_artifact_is_exactly_one_new_finding(newsroom: Path) -> None:
    path = newsroom / "news" / "flood.txt"
    path.write_text(ARTICLE + "\nA further 1 lakh people left their homes on Monday.\n")
    code, rows = _check("news", "--baseline", "baseline.json")
    assert code == 1
    assert [(r["rule"], r["line"], r["excerpt"]) for r in rows] == [("MT101", 7, "1 lakh")]


def test_the_same_artifact_twice_counts_twice(newsroom: Path) -> None:
    path = newsroom / "news" / "dam.md"
    path.write_text("# Dam\n\nThe dam cost 5 crore.\n\nThe dam cost 5 crore.\n", encoding="utf-8")
    code, rows = _check("news", "--baseline", "baseline.json")
    assert code == 1
    assert [(r["path"], r["line"]) for r in rows] == [("news/dam.md", 5)]


def test_a_fixed_finding_simply_disappears(newsroom: Path) -> None:
    path = newsroom / "news" / "flood.txt"
    path.write_text(ARTICLE.replace("1 lakh", "100,000"), encoding="utf-8")
    assert _check("news", "--baseline", "baseline.json") == (0, [])


def test_a_baseline_that_is_not_one_is_a_usage_error(newsroom: Path) -> None:
    (newsroom / "bad.json").write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "news", "--baseline", "bad.json"])
    assert result.exit_code == 2
    assert "bad.json: not a baseline file" in result.stderr
    missing = CliRunner().invoke(app, ["check", "news", "--baseline", "nowhere.json"])
    assert missing.exit_code == 2 and "nowhere.json: cannot read" in missing.stderr


def test_writing_the_baseline_is_deterministic(newsroom: Path) -> None:
    first = (newsroom / "baseline.json").read_bytes()
    CliRunner().invoke(app, ["check", "news", "-j", "2", "--write-baseline", "again.json"])
    assert (newsroom / "again.json").read_bytes() == first
