"""Bilingual input for `mtaudit check`: JSONL and TSV records with source and reference."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.readers import InputError, Source, read_source
from audit.readers.records import attach_file_stats
from audit.rules import select_rules

FIXTURES = Path(__file__).parent / "fixtures" / "bilingual"
MIXED, PAIRS = str(FIXTURES / "mixed.jsonl"), str(FIXTURES / "pairs.tsv")


def _check(*documents: Document, select: str = "MT8", **options: object) -> list[tuple[str, str]]:
    settings = Settings(select=(select,), rule_options=dict(options))
    rules = select_rules(settings.select)
    return [(f.rule, f.message) for d in documents for f in check_document(d, rules, settings)]


def test_jsonl_records_carry_source_reference_system_and_their_line() -> None:
    documents = read_source(Source(MIXED))
    assert [d.id for d in documents] == ["hi-1", "hi-2", "zh-1", "zh-2", "zh-3"]
    second = documents[1]
    assert second.source and second.source.startswith("इस योजना")
    assert second.reference == "The scheme will cost 20 million rupees."
    assert second.system == "mt-a" and second.record_line == 2


def test_tsv_header_names_the_columns_and_lines_count_from_the_header() -> None:
    documents = read_source(Source(PAIRS))
    assert [d.record_line for d in documents] == [2, 3, 4]
    assert documents[0].text == "He said three people were injured."
    assert documents[0].reference == "Three people were hurt, he said."


def test_tsv_without_header_is_source_target_reference(tmp_path: Path) -> None:
    path = tmp_path / "plain.tsv"
    path.write_text("源\tsource\n源文\ttarget text\tthe reference\n", encoding="utf-8")
    first, second = read_source(Source(str(path)))
    assert (first.source, first.text, first.reference) == ("源", "source", None)
    assert second.reference == "the reference" and second.record_line == 2


def test_findings_report_the_records_line_and_id(mtaudit) -> None:
    result = mtaudit("check", MIXED, "--select", "MT801", "-f", "jsonl")
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["doc_id"], f["line"]) for f in findings] == [("hi-2", 2), ("zh-2", 4)]
    assert "२ करोड़ (20,000,000)" in findings[0]["message"]
    assert "2 million (2,000,000)" in findings[0]["message"]
    assert findings[0]["excerpt"] == "2 million"


def test_field_names_are_configurable(mtaudit) -> None:
    renamed = str(FIXTURES / "renamed.jsonl")
    args = ("--field", "target=mt", "--field", "source=src", "--field", "id=key")
    result = mtaudit("check", renamed, *args, "--select", "MT801", "-f", "jsonl")
    (finding,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["doc_id"] == "r1" and finding["excerpt"] == "6"
    assert mtaudit("check", renamed, "--field", "colour=mt").returncode == 2


def test_a_bad_record_names_file_and_line_and_other_files_are_still_audited(mtaudit) -> None:
    bad = str(FIXTURES / "bad-record.jsonl")
    missing = str(FIXTURES / "missing-target.jsonl")
    result = mtaudit("check", bad, missing, MIXED, "--select", "MT801", "-f", "jsonl")
    assert result.returncode == 2
    assert f"mtaudit: {bad}: line 2: invalid JSON" in result.stderr
    assert f"mtaudit: {missing}: line 1: no 'target' or 'text' field" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 2  # the findings of mixed.jsonl


def test_target_identical_to_source_is_untranslated() -> None:
    document = Document(id="d", text="明天上午开会。", source="明天上午开会。")
    assert [rule for rule, _ in _check(document)] == ["MT802"]


def test_identical_short_latin_name_is_not_flagged() -> None:
    assert _check(Document(id="d", text="Xi Jinping", source="Xi Jinping")) == []


def test_paragraph_in_the_source_script_is_untranslated() -> None:
    document = Document(
        id="d",
        text="The minister spoke on Monday.\n\n这是一个历史性的时刻，我们必须抓住机遇。",
        source="部长周一发表讲话。\n\n这是一个历史性的时刻，我们必须抓住机遇。",
    )
    findings = _check(document)
    assert [rule for rule, _ in findings] == ["MT803"]


def test_chinese_name_inside_english_is_not_untranslated() -> None:
    document = Document(
        id="d", text="Zhang Wei (张伟) said prices rose.", source="张伟说价格上涨了。"
    )
    assert _check(document) == []


def _file(pairs: list[tuple[str, str]]) -> list[Document]:
    documents = [Document(id=str(i), text=t, source=s) for i, (s, t) in enumerate(pairs)]
    attach_file_stats(documents)
    return documents


# A file of ordinary Chinese→English pairs, written for these tests, with one hallucination
# and one truncation: the length-ratio rules compare each record with the file.
_ORDINARY = [
    (
        f"今天第{i}次会议在北京举行，代表们讨论了经济问题。",
        f"Meeting number {i} was held in Beijing today, and delegates discussed the economy.",
    )
    for i in range(2, 30)
]
_HALLUCINATED = (
    "会议在北京举行，代表们讨论了经济。",
    "The meeting was held in Beijing, and delegates discussed the economy. The meeting was held in "
    "Beijing, and delegates discussed the economy. The meeting was held in Beijing, and delegates "
    "discussed the economy, the economy, the economy, the economy, the economy.",
)
_TRUNCATED = ("会议在北京举行，代表们讨论了经济问题和环境问题，并通过了三项决议。", "The meeting.")


def test_length_ratio_outliers_are_measured_against_the_files_own_ratios() -> None:
    documents = _file([*_ORDINARY, _HALLUCINATED, _TRUNCATED])
    flagged = {d.id: [r for r, _ in _check(d, select="MT80")] for d in documents}
    assert flagged[str(len(_ORDINARY))] == ["MT804"]
    assert flagged[str(len(_ORDINARY) + 1)] == ["MT805"]
    assert all(not rules for i, rules in flagged.items() if int(i) < len(_ORDINARY))


def test_length_ratio_needs_enough_records_to_judge() -> None:
    documents = _file([*_ORDINARY[:5], _HALLUCINATED])
    assert _check(*documents, select="MT80") == []


def test_reference_metrics_are_reported_per_document_in_json(mtaudit) -> None:
    report = json.loads(mtaudit("check", MIXED, "-f", "json").stdout)
    scores = {s["doc_id"]: s for s in report["reference_scores"]}
    assert set(scores) == {"hi-1", "hi-2", "zh-1", "zh-2", "zh-3"}
    assert scores["zh-3"]["chrf"] == 0.0 and scores["zh-3"]["line"] == 5
    assert scores["hi-2"]["chrf"] > 80
    assert {"bleu", "ter", "path"} <= set(scores["hi-1"])


def test_low_agreement_with_the_reference_is_a_finding_with_a_configurable_threshold(
    mtaudit,
) -> None:
    def flagged(*args: str) -> list[str]:
        out = mtaudit("check", MIXED, "--select", "MT901", "-f", "jsonl", *args).stdout
        return [json.loads(line)["doc_id"] for line in out.splitlines()]

    assert flagged() == ["zh-3"]
    assert set(flagged("--low-agreement-chrf", "75")) > {"zh-3"}


def test_report_is_identical_whatever_the_number_of_workers(mtaudit) -> None:
    args = ("check", MIXED, PAIRS, "-f", "json")
    assert mtaudit(*args, "--jobs", "1").stdout == mtaudit(*args, "--jobs", "3").stdout


@pytest.mark.skipif(not (SHARED / "mqm-dev" / "gold.jsonl").is_file(), reason="needs ../shared")
def test_source_rules_on_the_mqm_development_set_raise_few_false_alarms() -> None:
    script = ROOT / "benchmarks" / "eval_source_rules.py"
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    combined = out.split("MT801+MT804+MT805:")[1]
    false_alarms = int(combined.split("false alarms on clean lines ")[1].split("/")[0])
    assert false_alarms <= 3


def test_unknown_field_role_in_config_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown field role"):
        read_source(Source(MIXED), {"colour": "x"})
