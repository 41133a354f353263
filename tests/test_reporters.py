"""Every report format, parsed back and checked: what CI tools and editors read from mtaudit."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SHARED

from audit.config import Settings
from audit.engine import DocumentResult, SourceResult, Tally, audit_stream
from audit.findings import Finding
from audit.reporters import REPORTERS, ReportOptions
from audit.reporters.github import escape_data, escape_property
from audit.reporters.rdjsonl import byte_column

ARTICLE = (
    "Floods close the hill road\n"
    "\n"
    "Officials said 2 lakh people were moved. and the school stayed shut.\n"
    "\n"
    "The mayor spoke at 9 a.m. on Friday. are waiting for the water to fall.”\n"
)
RECORDS = (
    '{"id": "n-1", "target": "Rescuers reached the village. and found it empty.", '
    '"system": "engine-a", "feed": "wires"}\n'
    '{"id": "n-2", "target": "The bridge reopened on Monday.", "system": "engine-b", '
    '"feed": "local", "reference": "The bridge was reopened on Monday."}\n'
)


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    (tmp_path / "floods.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "wires.jsonl").write_text(RECORDS, encoding="utf-8")
    return [str(tmp_path / "floods.txt"), str(tmp_path / "wires.jsonl")]


def render(fmt: str, paths: list[str], jobs: int = 1, **options: object) -> str:
    """Run the audit in-process and return what the reporter for ``fmt`` writes."""
    reporter_class = REPORTERS[fmt]
    report_options = ReportOptions(**options)  # type: ignore[arg-type]
    keep = reporter_class.wants_text(report_options)
    settings = Settings(jobs=jobs, keep_text=keep)
    stream = io.StringIO()
    reporter = reporter_class(stream, report_options)
    tally = Tally()
    reporter.start()
    for result in audit_stream(paths, settings):
        tally.add(result)
        reporter.add(result)
    reporter.finish(tally)
    return stream.getvalue()


def crafted(path: str, message: str, excerpt: str = "x", line: int = 1) -> SourceResult:
    """A result with one hand-made finding, for text no rule would write."""
    finding = Finding(
        path=path,
        doc_id=path,
        line=line,
        column=3,
        end_line=line,
        end_column=4,
        start=2,
        end=3,
        rule="MT201",
        name="orphan-closing-quote",
        category="fluency/punctuation",
        severity="error",
        message=message,
        excerpt=excerpt,
    )
    document = DocumentResult(path=path, doc_id=path, findings=[finding], words=3)
    return SourceResult(path=path, documents=[document])


def render_results(fmt: str, results: list[SourceResult]) -> str:
    stream = io.StringIO()
    reporter = REPORTERS[fmt](stream, ReportOptions())
    tally = Tally()
    reporter.start()
    for result in results:
        tally.add(result)
        reporter.add(result)
    reporter.finish(tally)
    return stream.getvalue()


# --- concise -------------------------------------------------------------------------------

CONCISE = re.compile(r"^(?P<path>.+):(\d+):(\d+): (error|warning|info) (MT\d{3}) \[([a-z-]+)\] .+$")


def test_concise_is_one_greppable_line_per_finding(inputs: list[str]) -> None:
    lines = render("concise", inputs).splitlines()
    *findings, summary = lines
    assert findings and all(CONCISE.match(line) for line in findings)
    assert "findings" in summary
    record_lines = [line for line in findings if "wires.jsonl" in line]
    assert record_lines and all("[n-1] (system engine-a)" in line for line in record_lines)


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_has_what_github_code_scanning_requires(inputs: list[str]) -> None:
    log = json.loads(render("sarif", inputs))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "mtaudit" and driver["version"] and driver["informationUri"]
    rule_ids = {rule["id"] for rule in driver["rules"]}
    assert rule_ids == {result["ruleId"] for result in run["results"]}
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    for result in run["results"]:
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        region = physical["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert result["partialFingerprints"]


def test_sarif_uri_is_relative_to_the_working_folder(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(inputs[0]).parent)
    log = json.loads(render("sarif", inputs))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"floods.txt", "wires.jsonl"}


def test_sarif_help_is_the_rules_documentation(inputs: list[str]) -> None:
    from audit.rules import find_rule

    driver = json.loads(render("sarif", inputs))["runs"][0]["tool"]["driver"]
    for rule in driver["rules"]:
        assert rule["help"]["text"] == find_rule(rule["id"]).doc


def test_sarif_validates_against_the_schema(inputs: list[str]) -> None:
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip("the SARIF schema is not beside the project")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render("sarif", inputs)), schema)
    unreadable = [*inputs, str(Path(inputs[0]).parent / "missing.txt")]
    jsonschema.validate(json.loads(render("sarif", unreadable)), schema)


def test_sarif_without_findings_is_still_valid(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday.\n", encoding="utf-8")
    log = json.loads(render("sarif", [str(clean)]))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def _fingerprints(path: Path) -> dict[str, list[str]]:
    run = json.loads(render("sarif", [str(path)]))["runs"][0]
    out: dict[str, list[str]] = {}
    for result in run["results"]:
        (value,) = result["partialFingerprints"].values()
        out.setdefault(result["ruleId"], []).append(value)
    return out


def test_sarif_fingerprints_survive_lines_inserted_above(tmp_path: Path) -> None:
    article = tmp_path / "floods.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _fingerprints(article)
    head, _, rest = ARTICLE.partition("\n\n")
    added = "A new paragraph about the weather service arrives here.\n\nAnd another one.\n\n"
    article.write_text(f"{head}\n\n{added}{rest}", encoding="utf-8")
    after = _fingerprints(article)
    assert before and after == before
    lines_before = json.loads(render("sarif", [str(article)]))["runs"][0]["results"][0]
    assert lines_before["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


def test_sarif_fingerprints_tell_identical_findings_apart(tmp_path: Path) -> None:
    article = tmp_path / "twice.txt"
    article.write_text("They left. and came back.\n\nThey left. and came back.\n", encoding="utf-8")
    values = [v for vs in _fingerprints(article).values() for v in vs]
    assert len(values) == len(set(values)) >= 2


# --- GitHub workflow commands -----------------------------------------------------------------

GITHUB = re.compile(
    r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),"
    r"endColumn=(\d+),title=(MT\d{3}) ([a-z-]+)::(.+)$"
)


def test_github_commands_have_the_documented_shape(inputs: list[str]) -> None:
    lines = render("github", inputs).splitlines()
    assert lines and all(GITHUB.match(line) for line in lines)
    assert any(line.startswith("::warning ") for line in lines)  # MT101 is a warning


def test_github_escaping_follows_the_runner() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%d\n") == "a%2Cb%3Ac%25d%0A"
    assert escape_data("a:b,c") == "a:b,c"  # only properties escape ':' and ','


def test_an_article_or_file_name_cannot_inject_a_workflow_command() -> None:
    hostile_path = "news/a,line=1::error file=x.txt\n::warning::b%0A.txt"
    message = "Quoted text ends here.\n::error file=evil.txt::injected\r\n::stop-commands::x"
    out = render_results("github", [crafted(hostile_path, message)])
    lines = out.splitlines()
    assert len(lines) == 1
    match = GITHUB.match(lines[0])
    assert match, lines[0]
    assert match.group(2) == "news/a%2Cline=1%3A%3Aerror file=x.txt%0A%3A%3Awarning%3A%3Ab%250A.txt"
    assert "\n" not in match.group(9) and "%0A::error" in match.group(9)


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_has_one_test_case_per_file_and_a_failure_per_finding(inputs: list[str]) -> None:
    missing = str(Path(inputs[0]).parent / "missing.txt")
    root = ET.fromstring(render("junit", [*inputs, missing]))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 3 and suite.get("tests") == "3"
    jsonl_findings = [json.loads(line) for line in render("jsonl", inputs).splitlines()]
    failures = suite.findall("testcase/failure")
    assert len(failures) == len(jsonl_findings) == int(suite.get("failures"))
    assert {f.get("type") for f in failures} <= {"error", "warning", "info"}
    broken = [case for case in cases if case.find("error") is not None]
    assert suite.get("errors") == "1" and [c.get("name") for c in broken] == [missing]


def test_junit_stays_well_formed_with_control_characters() -> None:
    out = render_results("junit", [crafted("a.txt", "bad \x0b byte & <tag>", excerpt="\x00")])
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure is not None and "<tag>" in failure.get("message")


# --- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_code_quality_fields(inputs: list[str]) -> None:
    issues = json.loads(render("gitlab", inputs))
    assert issues
    for issue in issues:
        assert issue["description"] and issue["check_name"].startswith("MT")
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    by_rule = {i["check_name"].split()[0]: i["severity"] for i in issues}
    assert by_rule["MT101"] == "minor" and by_rule["MT210"] == "major"


def test_gitlab_without_findings_is_an_empty_array(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday.\n", encoding="utf-8")
    assert json.loads(render("gitlab", [str(clean)])) == []


# --- rdjsonl ---------------------------------------------------------------------------------


def test_byte_column_counts_utf8_bytes() -> None:
    assert byte_column("abc", 3) == 3
    assert byte_column("“ab” x", 6) == 10  # two three-byte quotation marks before column 6


def test_rdjsonl_columns_are_utf8_byte_offsets(tmp_path: Path) -> None:
    article = tmp_path / "quotes.txt"
    article.write_text("“Rain”, said the café owner. and left.\n", encoding="utf-8")
    line = article.read_text(encoding="utf-8").splitlines()[0]
    rows = [json.loads(row) for row in render("rdjsonl", [str(article)]).splitlines()]
    assert rows
    findings = [json.loads(row) for row in render("jsonl", [str(article)]).splitlines()]
    for row, finding in zip(rows, findings, strict=True):
        start = row["location"]["range"]["start"]
        assert row["severity"] in {"ERROR", "WARNING", "INFO"}
        assert row["code"]["value"] == finding["rule"]
        assert start["line"] == finding["line"]
        cut = line.encode("utf-8")[start["column"] - 1 :].decode("utf-8")
        assert cut.startswith(finding["excerpt"])
        assert start["column"] > finding["column"]  # “, ” and é are several bytes


def test_rdjsonl_records_count_bytes_in_the_record_text(inputs: list[str]) -> None:
    rows = [json.loads(row) for row in render("rdjsonl", inputs).splitlines()]
    record_rows = [r for r in rows if r["location"]["path"].endswith("wires.jsonl")]
    assert record_rows and all("(system engine-a)" in r["message"] for r in record_rows)


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_counts_then_findings_by_file(inputs: list[str]) -> None:
    out = render("markdown", inputs)
    assert out.index("| rule | name | severity | findings |") < out.index("### ")
    assert out.count("\n### ") == 2
    assert re.search(r"\| `MT210` \| broken-sentence-boundary \| error \| 3 \|", out)


def test_markdown_escapes_article_text() -> None:
    from markdown_it import MarkdownIt

    hostile = "see [here](javascript:alert(1)) <img src=x onerror=alert(1)> **loud** | cell"
    out = render_results("markdown", [crafted("news/a_b*.txt", hostile, excerpt=hostile)])
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert "link_open" not in kinds and "html_inline" not in kinds and "image" not in kinds
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "javascript:alert(1)" in html and "<img" not in html and "&lt;img" in html
    assert "<strong>loud</strong>" not in html


# --- statistics, CSV ---------------------------------------------------------------------------


def test_statistics_count_findings_per_rule(inputs: list[str]) -> None:
    rows = [line.split("\t") for line in render("statistics", inputs).splitlines()]
    counts = {code: int(count) for count, code, _ in rows}
    findings = [json.loads(line)["rule"] for line in render("jsonl", inputs).splitlines()]
    assert counts == {rule: findings.count(rule) for rule in set(findings)}
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


def test_csv_has_one_row_per_document(inputs: list[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(render("csv", inputs, group_by="feed"))))
    assert [(r["path"].rsplit("/", 1)[-1], r["doc_id"]) for r in rows] == [
        ("floods.txt", inputs[0]),
        ("wires.jsonl", "n-1"),
        ("wires.jsonl", "n-2"),
    ]
    first = rows[0]
    errors, warnings, infos = int(first["errors"]), int(first["warnings"]), int(first["infos"])
    assert float(first["penalty"]) == pytest.approx(5 * errors + warnings + 0.1 * infos)
    assert float(first["penalty_per_1000_words"]) == pytest.approx(
        float(first["penalty"]) * 1000 / int(first["words"]), abs=0.01
    )
    assert rows[1]["group"] == "wires" and rows[1]["system"] == "engine-a"


# --- record fields in the findings ---------------------------------------------------------------


def test_record_findings_carry_their_system_in_json_and_jsonl(inputs: list[str]) -> None:
    rows = [json.loads(line) for line in render("jsonl", inputs).splitlines()]
    assert {r.get("system") for r in rows if r["doc_id"] == "n-1"} == {"engine-a"}
    assert all("system" not in r for r in rows if r["doc_id"] == inputs[0])
    grouped = [json.loads(line) for line in render("jsonl", inputs, group_by="feed").splitlines()]
    assert {r.get("feed") for r in grouped if r["doc_id"] == "n-1"} == {"wires"}


def test_text_report_shows_the_record_id(inputs: list[str]) -> None:
    out = render("text", inputs)
    assert "  [n-1] (system engine-a)\n" in out


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_two_workers_write_the_same_bytes_as_one(fmt: str, tmp_path: Path) -> None:
    paths = []
    for number in range(6):
        article = tmp_path / f"a{number}.txt"
        article.write_text(ARTICLE.replace("2 lakh", f"{number + 2} lakh"), encoding="utf-8")
        paths.append(str(article))
    records = tmp_path / "wires.jsonl"
    records.write_text(RECORDS, encoding="utf-8")
    paths.append(str(records))
    options = {"summary": True, "group_by": "system"}
    assert render(fmt, paths, jobs=2, **options) == render(fmt, paths, jobs=1, **options)
