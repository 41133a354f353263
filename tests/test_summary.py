"""The ranked summary and the report options of the command line: penalty, grouping, --output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from audit.engine import DocumentResult, SourceResult
from audit.findings import Finding
from audit.summary import PENALTY_WEIGHTS, DocumentRow, Summary, penalty

BROKEN = "Talks ended. and the envoys left.\n\nHe said. are doing so, as planned.”\n"
CLEAN = "Talks end in Geneva\n\nThe envoys left the U.S. embassy at 10 a.m. on Monday.\n"
RECORDS = (
    '{"id": "s-1", "target": "The port closed. and ships waited outside.", "system": "alpha", '
    '"feed": "wires", "reference": "The port closed, and ships waited outside."}\n'
    '{"id": "s-1", "target": "The port closed and ships waited outside.", "system": "beta", '
    '"feed": "wires", "reference": "The port closed, and ships waited outside."}\n'
    '{"id": "s-2", "target": "Prices rose by 3 lakh rupees.", "system": "beta", '
    '"feed": "local", "reference": "Prices rose by 300,000 rupees."}\n'
)


def _finding(severity: str) -> Finding:
    return Finding(
        path="a.txt", doc_id="a.txt", line=1, column=1, end_line=1, end_column=2, start=0,
        end=1, rule="MT201", name="orphan-closing-quote", category="fluency/punctuation",
        severity=severity, message="m", excerpt="x",
    )  # fmt: skip


def _result(path: str, words: int, *severities: str) -> SourceResult:
    findings = [_finding(s) for s in severities]
    return SourceResult(path, [DocumentResult(path, path, findings, words=words)])


def test_penalty_weighs_error_5_warning_1_info_a_tenth() -> None:
    assert PENALTY_WEIGHTS == {"error": 5.0, "warning": 1.0, "info": 0.1}
    assert penalty(2, 3, 4) == 13.4
    assert penalty(0, 0, 3) == 0.3  # rounded: no 0.30000000000000004


def test_worst_documents_come_first_by_penalty_per_thousand_words() -> None:
    summary = Summary()
    summary.add(_result("long.txt", 2000, "error", "error"))  # 10 per 2,000 words: 5.0
    summary.add(_result("short.txt", 100, "warning"))  # 1 per 100 words: 10.0
    summary.add(_result("clean.txt", 300))
    summary.add(_result("empty.txt", 0, "error"))  # no words at all: first
    assert [r.path for r in summary.ranked()] == ["empty.txt", "short.txt", "long.txt", "clean.txt"]
    rows = {r.path: r for r in summary.ranked()}
    assert rows["long.txt"].penalty_per_1000_words == 5.0
    assert rows["empty.txt"].penalty_per_1000_words is None


def test_a_document_row_keeps_no_findings() -> None:
    row = DocumentRow.of(_result("a.txt", 10, "error", "info").documents[0], None)
    assert (row.errors, row.warnings, row.infos) == (1, 0, 1)
    assert not hasattr(row, "findings_list") and row.findings == 2


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    (folder / "desk-a").mkdir(parents=True)
    (folder / "desk-b").mkdir()
    (folder / "desk-a" / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (folder / "desk-b" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "records.jsonl").write_text(RECORDS, encoding="utf-8")
    return folder


def test_json_always_carries_the_ranking(mtaudit, batch: Path) -> None:
    report = json.loads(mtaudit("check", "-f", "json", str(batch)).stdout)
    ranking = report["ranking"]
    assert ranking["penalty_weights"] == PENALTY_WEIGHTS
    densities = [d["penalty_per_1000_words"] or 0 for d in ranking["documents"]]
    assert densities == sorted(densities, reverse=True)
    assert len(ranking["documents"]) == report["summary"]["documents"] == 5
    assert {r["rule"] for r in ranking["rules"]} == {f["rule"] for f in report["findings"]}
    assert sum(r["findings"] for r in ranking["rules"]) == report["summary"]["findings"]
    # Two records share the id s-1 (two systems): they are two documents, one with findings.
    assert report["summary"]["documents_with_findings"] == 3


def test_group_by_folder_and_by_record_field(mtaudit, batch: Path) -> None:
    by_folder = json.loads(
        mtaudit("check", "-f", "json", "--group-by", "folder", str(batch)).stdout
    )
    groups = {g["group"]: g for g in by_folder["ranking"]["groups"]}
    assert set(groups) == {str(batch / "desk-a"), str(batch / "desk-b"), str(batch)}
    assert groups[str(batch / "desk-b")]["penalty"] == 0
    by_feed = json.loads(mtaudit("check", "-f", "json", "--group-by", "feed", str(batch)).stdout)
    feeds = {g["group"]: g for g in by_feed["ranking"]["groups"]}
    assert set(feeds) == {"wires", "local", "(none)"}
    assert feeds["wires"]["documents"] == 2


def test_grouped_summary_adds_chrf_and_bleu_where_records_carry_references(
    mtaudit, batch: Path
) -> None:
    from sacrebleu.metrics import BLEU, CHRF

    result = mtaudit("check", "-f", "json", "--group-by", "system", str(batch / "records.jsonl"))
    groups = {g["group"]: g for g in json.loads(result.stdout)["ranking"]["groups"]}
    hyps = ["The port closed and ships waited outside.", "Prices rose by 3 lakh rupees."]
    refs = ["The port closed, and ships waited outside.", "Prices rose by 300,000 rupees."]
    assert groups["beta"]["chrf"] == round(CHRF().corpus_score(hyps, [refs]).score, 2)
    assert groups["beta"]["bleu"] == round(BLEU().corpus_score(hyps, [refs]).score, 2)
    assert groups["alpha"]["chrf"] < 100
    text = mtaudit("check", "--summary", "--group-by", "system", str(batch / "records.jsonl"))
    assert "chrF" in text.stdout and "nrefs:1" in text.stdout


def test_text_summary_ranks_documents_and_counts_rules(mtaudit, batch: Path) -> None:
    out = mtaudit("check", "--summary", str(batch)).stdout
    ranking = out[out.index("Worst documents") :]
    assert "Findings per rule" in ranking and "MT210" in ranking
    lines = ranking.splitlines()[2:7]
    assert lines[0].endswith("broken.txt") and lines[0].split()[:2] == ["1153.85", "15.00"]
    assert lines[1].endswith("records.jsonl [s-1] (alpha)")


def test_csv_from_the_output_extension(mtaudit, batch: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    assert mtaudit("check", str(batch), "-o", str(target), "--group-by", "folder").returncode == 1
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 5
    assert set(rows[0]) >= {"path", "doc_id", "group", "words", "errors", "warnings", "infos",
                            "penalty", "penalty_per_1000_words"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda text: "findings" in json.loads(text)),
        ("r.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
        ("r.jsonl", lambda text: all(json.loads(line) for line in text.splitlines())),
        ("r.html", lambda text: text.startswith("<!DOCTYPE html>")),
        ("r.txt", lambda text: "findings (" in text),
    ],
)
def test_output_extension_picks_the_format(mtaudit, batch: Path, tmp_path: Path, name, check):
    target = tmp_path / name
    assert mtaudit("check", str(batch / "desk-a"), "-o", str(target)).returncode == 1
    assert check(target.read_text(encoding="utf-8"))


def test_an_extension_that_contradicts_the_format_is_refused(
    mtaudit, batch: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    result = mtaudit("check", str(batch), "-f", "json", "-o", str(target))
    assert result.returncode == 2 and not target.exists()
    assert "report.html" in result.stderr and "json" in result.stderr
    # A SARIF or GitLab report is JSON too.
    ok = mtaudit("check", str(batch), "-f", "sarif", "-o", str(tmp_path / "scan.sarif.json"))
    assert ok.returncode == 1 and json.loads((tmp_path / "scan.sarif.json").read_text())["runs"]


def test_statistics_replace_the_findings(mtaudit, batch: Path) -> None:
    out = mtaudit("check", "--statistics", str(batch)).stdout
    assert out.splitlines()[0].split("\t")[1:] == ["MT210", "broken-sentence-boundary"]
    assert "orphan-closing-quote" in out and "said" not in out
    assert mtaudit("check", "--statistics", "-f", "sarif", str(batch)).returncode == 2


@pytest.mark.parametrize(
    "options",
    [("-f", "json", "--group-by", "system"), ("--summary", "--group-by", "feed"), ("-f", "html")],
)
def test_summary_is_the_same_bytes_with_one_worker_or_two(mtaudit, batch: Path, options) -> None:
    one = mtaudit("check", str(batch), "-j", "1", *options)
    two = mtaudit("check", str(batch), "-j", "2", *options)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout
