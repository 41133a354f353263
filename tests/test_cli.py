"""The command line as a user meets it: formats, exit codes, selection, bad input, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.findings import CONTRACT_FIELDS

BROKEN = (
    "Talks ended. and the envoys left.\n\nHe said. are doing so, but that remains to be seen.”\n"
)
CLEAN = "Talks end in Geneva\n\nThe envoys left the U.S. embassy at 10 a.m. on Monday.\n"
LAKH = "About 1 lakh people attended.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (folder / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "lakh.md").write_text(LAKH, encoding="utf-8")
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")
    return folder


def test_findings_exit_1_and_clean_input_exits_0(mtaudit, articles: Path) -> None:
    assert mtaudit("check", str(articles)).returncode == 1
    result = mtaudit("check", str(articles / "clean.txt"))
    assert result.returncode == 0
    assert "0 findings" in result.stdout


def test_jsonl_follows_the_output_contract(mtaudit, articles: Path) -> None:
    result = mtaudit("check", "--format", "jsonl", str(articles / "broken.txt"))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(set(CONTRACT_FIELDS) <= set(row) for row in rows)
    text = (articles / "broken.txt").read_text(encoding="utf-8")
    for row in rows:
        assert row["severity"] in {"error", "warning", "info"}
        assert text[row["start"] : row["end"]] == row["excerpt"]
        line_start = sum(len(line) + 1 for line in text.split("\n")[: row["line"] - 1])
        assert row["start"] == line_start + row["column"] - 1
    assert [r["rule"] for r in rows] == ["MT210", "MT210", "MT201"]


def test_json_report_has_summary_findings_and_errors(mtaudit, articles: Path) -> None:
    result = mtaudit("check", "-f", "json", str(articles), str(articles / "missing.txt"))
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 3
    assert report["summary"]["unreadable"] == 1
    assert report["summary"]["warning"] == 1
    assert report["errors"] == [
        {"path": str(articles / "missing.txt"), "reason": "no such file or folder"}
    ]
    assert {f["path"] for f in report["findings"]} == {
        str(articles / "broken.txt"),
        str(articles / "lakh.md"),
    }


def test_text_report_groups_by_file_marks_the_span_and_counts(mtaudit, articles: Path) -> None:
    result = mtaudit("check", str(articles / "lakh.md"))
    assert result.stdout.splitlines()[0] == str(articles / "lakh.md")
    assert "About [1 lakh] people attended." in result.stdout
    assert "suggestion: 100,000" in result.stdout
    assert result.stdout.rstrip().endswith(
        "1 finding (0 errors, 1 warning, 0 info) in 1 of 1 file."
    )


def test_fail_on_sets_the_threshold(mtaudit, articles: Path) -> None:
    lakh = str(articles / "lakh.md")
    assert mtaudit("check", lakh).returncode == 0  # a warning does not fail by default
    assert mtaudit("check", "--fail-on", "warning", lakh).returncode == 1
    assert mtaudit("check", "--fail-on", "never", str(articles)).returncode == 0


def test_select_and_ignore_by_code_prefix_and_name(mtaudit, articles: Path) -> None:
    def rules(*options: str) -> set[str]:
        out = mtaudit("check", "-f", "jsonl", *options, str(articles)).stdout
        return {json.loads(line)["rule"] for line in out.splitlines()}

    assert rules() == {"MT101", "MT201", "MT210"}
    assert rules("--select", "MT2") == {"MT201", "MT210"}
    assert rules("--select", "orphan-closing-quote,MT101") == {"MT101", "MT201"}
    assert rules("--ignore", "MT21", "--ignore", "south-asian-number-word") == {"MT201"}


def test_unknown_selector_is_a_usage_error(mtaudit, articles: Path) -> None:
    result = mtaudit("check", "--select", "MT999x", str(articles))
    assert result.returncode == 2
    assert "no rule matches 'MT999x'" in result.stderr


def test_stdin_is_audited_as_one_document(mtaudit) -> None:
    result = mtaudit("check", "-f", "jsonl", "-", stdin=BROKEN)
    assert result.returncode == 1
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {"<stdin>"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.txt", b"\x89PNG\x00\x00data", "binary file"),
        ("latin1.txt", "Caf\xe9 owners said.".encode("latin-1"), "invalid UTF-8 at byte 3"),
    ],
)
def test_unreadable_file_gets_one_line_error_and_the_rest_is_audited(
    mtaudit, articles: Path, name: str, content: bytes, reason: str
) -> None:
    bad = articles / name
    bad.write_bytes(content)
    result = mtaudit("check", "-f", "jsonl", str(articles))
    assert result.returncode == 2
    assert result.stderr.startswith(f"mtaudit: {bad}: {reason}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert "MT101" in result.stdout  # the other files were still audited


def test_missing_path_and_empty_folder_are_input_errors(mtaudit, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "image.png").write_bytes(b"\x89PNG")
    result = mtaudit("check", str(tmp_path / "nope.txt"), str(empty))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"mtaudit: {tmp_path / 'nope.txt'}: no such file or folder"
    assert lines[1].startswith(f"mtaudit: {empty}: no files to audit in this folder")


def test_empty_article_is_a_finding_not_an_input_error(mtaudit, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = mtaudit("check", "-f", "jsonl", str(empty))
    assert result.returncode == 1
    assert json.loads(result.stdout)["rule"] == "MT001"


def test_output_file_is_written_whole(mtaudit, articles: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = mtaudit("check", "-f", "json", "-o", str(target), str(articles))
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["findings"] == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_is_identical_whatever_the_worker_count(mtaudit, articles: Path) -> None:
    for index in range(12):
        (articles / f"copy{index:02}.txt").write_text(BROKEN * (index % 3 + 1), encoding="utf-8")
    serial = mtaudit("check", "-f", "json", "--jobs", "1", str(articles))
    parallel = mtaudit("check", "-f", "json", "--jobs", "3", str(articles))
    assert serial.stdout == parallel.stdout
    assert serial.returncode == parallel.returncode == 1


def test_config_file_sets_defaults_and_flags_override(mtaudit, articles: Path) -> None:
    (articles / "mtaudit.toml").write_text(
        'ignore = ["MT2"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    result = mtaudit("check", "-f", "jsonl", ".", cwd=articles)
    assert {json.loads(line)["rule"] for line in result.stdout.splitlines()} == {"MT101"}
    assert result.returncode == 1
    assert mtaudit("check", "--fail-on", "error", ".", cwd=articles).returncode == 0
    assert mtaudit("check", "--isolated", ".", cwd=articles).returncode == 1


def test_bad_config_is_a_one_line_usage_error(mtaudit, articles: Path) -> None:
    (articles / "mtaudit.toml").write_text("colour = 'red'\n", encoding="utf-8")
    result = mtaudit("check", ".", cwd=articles)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"mtaudit: {articles / 'mtaudit.toml'}: unknown setting 'colour'"
    )
    assert len(result.stderr.splitlines()) == 1


def test_rules_lists_every_rule_and_explain_prints_its_docs(mtaudit) -> None:
    listing = mtaudit("rules").stdout
    assert "MT201  orphan-closing-quote" in listing
    explained = mtaudit("explain", "orphan-closing-quote")
    assert explained.returncode == 0
    assert explained.stdout.startswith("MT201 orphan-closing-quote\ncategory: fluency/punctuation")
    assert "**Bad:**" in explained.stdout
    assert mtaudit("explain", "MT999").returncode == 2


def test_python_dash_m_runs_the_same_cli() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "audit", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("mtaudit ")
