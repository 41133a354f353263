"""Hostile input gets one line and exit 2, never a traceback, a hang, or a lost report."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from audit import audit_text
from audit.config import ConfigError, Settings, load_settings
from audit.document import Document
from audit.engine import Tally, _audit_source, check_document
from audit.errors import MtauditError, printable
from audit.evaluation import GoldError, read_gold
from audit.findings import Hit
from audit.numbers import format_value, group_thousands
from audit.output import OutputError, open_output
from audit.readers import InputError, Source, read_source
from audit.reporters.json_report import JsonlReporter
from audit.rules import all_rules, rule
from audit.rules._registry import Category, Severity

BROKEN = "Talks ended. and the envoys left.\n"


def _one_line(stderr: str) -> str:
    lines = stderr.strip("\n").split("\n")
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# Crashes -----------------------------------------------------------------------------------


def test_input_error_survives_the_trip_from_a_worker_process() -> None:
    error = InputError("bad.txt", "invalid UTF-8 at byte 1")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, str(copy)) == (error.path, error.reason, str(error))


def test_unreadable_file_with_two_workers_reports_the_others(mtaudit, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"a\xff")
    (tmp_path / "ok.txt").write_text("Fine , text.\n", encoding="utf-8")
    result = mtaudit("check", "-j", "2", "-f", "jsonl", "bad.txt", "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _one_line(result.stderr) == "mtaudit: bad.txt: invalid UTF-8 at byte 1 (b'\\xff')"
    assert [json.loads(line)["rule"] for line in result.stdout.splitlines()] == ["MT203"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Rs 9999999999999999999999999999999 crore.", "MT101"),
        ("Rs 999999999999999 crore crore and 5 kharab crore.", "MT101"),
        ("1" + ",00" * 3000 + ",000 people", "MT102"),
        ("9" * 5000 + " USD", "MT103"),
        ("9" * 5000 + "Mbps", "MT107"),
        ("In " + "9" * 5000 + " people came.", None),
    ],
    ids=["MT101", "MT101-scales", "MT102", "MT103", "MT107", "digits"],
)
def test_figures_of_any_length_are_audited(text: str, code: str | None) -> None:
    findings = audit_text(text)
    assert code is None or code in {f.rule for f in findings}
    assert all(len(f.message) < 600 for f in findings)


def test_huge_source_number_is_formatted_briefly() -> None:
    assert format_value(Decimal("9" * 5000)) == "1.000000E+5000"
    assert format_value(Decimal("1234567.50")) == "1,234,567.5"
    assert format_value(Decimal("1.5E+8")) == "150,000,000"
    assert group_thousands("0001234") == "1,234"


def test_source_with_thousands_of_digits_is_compared() -> None:
    document = Document(id="r", text="Some 12 people came.", source="9" * 5000 + " 人来了。")
    mt801 = [r for r in all_rules() if r.code == "MT801"]
    assert check_document(document, mt801, Settings())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"target": "a", "id": ' + "7" * 5000 + "}", "a number too long"),
    ],
    ids=["nested", "long-integer"],
)
def test_unreadable_jsonl_record_is_an_input_error(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"line 1: .*{reason}"):
        read_source(Source(str(path)))


def test_lone_surrogate_in_a_record_is_reported_and_no_temporary_file_left(
    mtaudit, tmp_path: Path
) -> None:
    (tmp_path / "r.jsonl").write_text(
        '{"id": "x\\ud800", "target": "Talks ended \\ud800. and so on"}\n', encoding="utf-8"
    )
    for form in ("jsonl", "json", "text"):
        result = mtaudit("check", "r.jsonl", "-f", form, "-o", f"out.{form}", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        written = (tmp_path / f"out.{form}").read_text(encoding="utf-8")
        if form != "text":
            assert "\\ud800" in written
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert rows and all(row["doc_id"] == "x\ud800" for row in rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.json",
        "out.jsonl",
        "out.text",
        "r.jsonl",
    ]


def test_file_name_that_is_not_utf8_is_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(BROKEN, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"\xff")
    for form in ("text", "json", "jsonl"):
        result = subprocess.run(
            [sys.executable, "-m", "audit", "check", "news", "-f", form],
            cwd=tmp_path,
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        stderr = result.stderr.decode("utf-8")
        assert (
            _one_line(stderr) == "mtaudit: news/bad\\udcff.txt: invalid UTF-8 at byte 0 (b'\\xff')"
        )
        stdout = result.stdout.decode("utf-8")
        assert "caf\\udce9.txt" in stdout
        if form == "json":
            assert json.loads(stdout)["findings"][0]["path"] == "news/caf\udce9.txt"


@pytest.mark.parametrize("mode", [[], ["--segments"], ["--document"]])
def test_scoring_empty_files_is_an_input_error(mtaudit, tmp_path: Path, mode: list[str]) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = mtaudit("score", "empty.txt", "-r", "empty.txt", *mode, cwd=tmp_path)
    assert result.returncode == 2
    assert _one_line(result.stderr).startswith("mtaudit: empty.txt: nothing to score")


@pytest.mark.parametrize(
    "line",
    [
        '[{"file": "a.txt", "line": 1}]',
        '"a.txt"',
        "3",
        "[" * 100_000,
        '{"file": "a.txt", "line": 1e400}',
        '{"file": "a.txt", "line": "one"}',
        '{"file": "a.txt", "line": 1, "errors": "none"}',
        '{"file": "a.txt", "line": 1, "errors": [3]}',
        '{"file": "a.txt", "line": 1, "x": ' + "7" * 5000 + "}",
    ],
    ids=[
        "array",
        "string",
        "number",
        "nested",
        "1e400",
        "line-text",
        "errors-text",
        "errors-number",
        "long-integer",
    ],
)
def test_malformed_gold_line_is_a_gold_error(tmp_path: Path, line: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:1: not a gold record"):
        read_gold(gold)


def test_gold_line_holding_a_line_separator_is_one_record(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {"file": "a.txt", "line": 2, "errors": [{"category": "x\u2028y", "rater": "r"}]}
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [(g.file, g.line, sorted(g.raters)) for g in read_gold(gold)] == [
        ("a.txt", 2, ["x\u2028y"])
    ]


# Hangs and unbounded reads ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_in_a_folder_are_refused_without_waiting(mtaudit, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "x.txt")
    (folder / "z.txt").symlink_to("/dev/zero")
    (folder / "a.txt").write_text(BROKEN, encoding="utf-8")
    result = mtaudit("check", "news", "-f", "jsonl", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "mtaudit: news/x.txt: not a regular file (a FIFO)",
        "mtaudit: news/z.txt: not a regular file (a character device)",
    ]
    assert {json.loads(line)["path"] for line in result.stdout.splitlines()} == {"news/a.txt"}
    named = mtaudit("check", "news/z.txt", cwd=tmp_path)
    assert named.returncode == 2
    assert _one_line(named.stderr) == (
        "mtaudit: news/z.txt: not a regular file or folder (a character device)"
    )


def test_file_over_the_size_limit_is_refused(mtaudit, tmp_path: Path) -> None:
    text = "".join(f"Talks ended on day {day}. " for day in range(1, 200))
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    result = mtaudit("check", "big.txt", "--max-file-size", "1KB", cwd=tmp_path)
    assert result.returncode == 2
    assert _one_line(result.stderr) == (
        "mtaudit: big.txt: larger than the 1 KB limit (raise it with --max-file-size or the "
        "max-file-size setting)"
    )
    assert mtaudit("check", "big.txt", "--max-file-size", "0", cwd=tmp_path).returncode == 0
    (tmp_path / "mtaudit.toml").write_text('max-file-size = "2KB"\n', encoding="utf-8")
    assert "2 KB limit" in mtaudit("check", "big.txt", cwd=tmp_path).stderr
    bad = mtaudit("check", "big.txt", "--max-file-size", "lots", cwd=tmp_path)
    assert bad.returncode == 2 and "--max-file-size must be" in _one_line(bad.stderr)


def test_size_setting_is_validated(tmp_path: Path) -> None:
    config = tmp_path / "mtaudit.toml"
    config.write_text("max-file-size = 1048576\n", encoding="utf-8")
    assert load_settings(config).max_file_size == 1 << 20
    config.write_text("max-file-size = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max-file-size"):
        load_settings(config)


# Lost or wrong output -----------------------------------------------------------------------


def test_stdin_named_twice_is_read_once(mtaudit) -> None:
    once = mtaudit("check", "-", "-f", "jsonl", stdin=BROKEN)
    twice = mtaudit("check", "-", "-", "-f", "jsonl", stdin=BROKEN)
    assert twice.stdout == once.stdout
    assert [json.loads(line)["rule"] for line in twice.stdout.splitlines()] == ["MT210"]


def test_same_file_named_twice_is_audited_once(mtaudit, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    result = mtaudit("check", "a.txt", "./a.txt", ".", "-f", "jsonl", cwd=tmp_path)
    assert len(result.stdout.splitlines()) == 1


def test_report_written_through_a_symbolic_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    with open_output(tmp_path / "link.txt") as stream:
        stream.write("new")
    assert (tmp_path / "link.txt").is_symlink()
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_report_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    with open_output(target) as stream:
        stream.write("new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    previous = os.umask(0o027)
    try:
        with open_output(tmp_path / "fresh.txt") as stream:
            stream.write("new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "fresh.txt").stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_report_to_a_special_file_is_written_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    with open_output(fifo) as stream:
        stream.write("the report\n")
    reader.join(timeout=30)
    assert received == ["the report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_report_to_a_folder_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match="it is a folder"), open_output(tmp_path / "out"):
        pass
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["out"]


def test_failed_report_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), open_output(target) as stream:
        stream.write("half")
        raise RuntimeError("stop")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_excerpt_is_the_span_text_line_breaks_included() -> None:
    text = "He left.\n\n\n   \n"
    findings = audit_text("   \n\t\n")
    assert [(f.rule, f.excerpt) for f in findings] == [("MT001", "   \n\t\n")]
    for finding in audit_text(text + "“Yes,\nwe will,” he said. and left.”"):
        if len(finding.excerpt) < 160:
            full = text + "“Yes,\nwe will,” he said. and left.”"
            assert full[finding.start : finding.end] == finding.excerpt


def test_tsv_whose_header_is_only_the_target(tmp_path: Path) -> None:
    path = tmp_path / "segments.tsv"
    path.write_text("target\nTalks ended. and they left.\nFine text.\n", encoding="utf-8")
    documents = read_source(Source(str(path)))
    assert [(d.text, d.record_line) for d in documents] == [
        ("Talks ended. and they left.", 2),
        ("Fine text.", 3),
    ]


def test_file_name_with_a_line_break_cannot_forge_a_line(mtaudit, tmp_path: Path) -> None:
    name = "a\nmtaudit: forged.txt"
    (tmp_path / name).write_bytes(b"\xff")
    result = mtaudit("check", name, cwd=tmp_path)
    assert result.returncode == 2
    assert _one_line(result.stderr) == (
        "mtaudit: a\\nmtaudit: forged.txt: invalid UTF-8 at byte 0 (b'\\xff')"
    )
    assert printable("tab\there\x1b[2J\u202e") == "tab\\there\\x1b[2J\\u202e"


def test_text_report_escapes_terminal_controls(mtaudit) -> None:
    article = "Prices rose\x1b]0;owned\x07 and \x1b[31mfell\x9b2J today.\n"
    result = mtaudit("check", "-", "--color", "never", stdin=article)
    assert "MT603" in result.stdout
    assert not any(ch in result.stdout for ch in "\x1b\x07\x9b")
    assert "\\x1b[31m" in result.stdout


def test_jsonl_report_escapes_line_separators() -> None:
    import io

    document = Document(id="d", path="d.txt", text="One\u2028two\u2029three\x85four")
    rules = [r for r in all_rules() if r.code == "MT603"]
    findings = check_document(document, rules, Settings())
    stream = io.StringIO()
    from audit.engine import DocumentResult, SourceResult

    result = SourceResult("d.txt", [DocumentResult("d.txt", "d", findings)])
    JsonlReporter(stream).add(result)
    written = stream.getvalue()
    assert not any(ch in written for ch in "\u2028\u2029\x85")
    assert len(written.splitlines()) == len(findings) >= 1
    rows = [json.loads(line) for line in written.split("\n") if line]
    assert {row["excerpt"] for row in rows} <= {"\u2028", "\u2029", "\x85"}


def test_messages_quote_at_most_an_excerpt() -> None:
    for text, code in [("(" * 10_000, "MT204"), ("नमस्ते " * 20_000, "MT501")]:
        findings = [f for f in audit_text(text) if f.rule == code]
        assert findings and all(len(f.message) < 300 for f in findings), code


def test_unknown_tokenizer_names_the_option_and_the_choices(mtaudit, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One line.\n", encoding="utf-8")
    result = mtaudit("score", "a.txt", "-r", "a.txt", "--tokenize", "bogus", cwd=tmp_path)
    assert result.returncode == 2
    line = _one_line(result.stderr)
    assert "--tokenize" in line and "'bogus'" in line and "13a" in line


# One error type, and a last resort -----------------------------------------------------------


def test_every_user_error_is_an_mtaudit_error() -> None:
    for error_type in (InputError, ConfigError, OutputError, GoldError):
        assert issubclass(error_type, MtauditError)


@rule("MT999", "always-fails", Category.GRAMMAR, Severity.WARNING)
def _always_fails(doc: Document, settings: Settings):  # type: ignore[no-untyped-def]
    """A rule with a bug."""
    yield Hit(0, 1, "first")
    raise ZeroDivisionError("division by zero")


def test_a_failing_rule_is_an_internal_error_and_the_others_still_report(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    mt210 = [r for r in all_rules() if r.code == "MT210"]
    result = _audit_source(Source(str(path)), Settings(), [_always_fails, *mt210])
    assert [f.rule for f in result.findings] == ["MT210"]
    assert [str(f) for f in result.failures] == [
        f"internal error in MT999 on {path}: ZeroDivisionError: division by zero"
    ]
    assert "Traceback" in result.failures[0].details
    copy = pickle.loads(pickle.dumps(result.failures[0]))
    assert str(copy) == str(result.failures[0]) and copy.details == result.failures[0].details
    tally = Tally()
    tally.add(result)
    assert tally.exit_code("never") == 3


_CRASHING_RUN = """
import dataclasses, sys
import audit.rules as rules
from audit.cli import main

def crash(doc, settings):
    if "crash" in doc.text:
        raise KeyError("boom")
    return iter(())

rules._RULES = tuple(
    dataclasses.replace(r, check=crash) if r.code == "MT203" else r for r in rules._RULES
)
sys.argv = ["mtaudit", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("debug", [False, True])
def test_internal_error_is_one_line_exit_3_and_the_batch_goes_on(
    tmp_path: Path, debug: bool
) -> None:
    (tmp_path / "a.txt").write_text("crash " + BROKEN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BROKEN, encoding="utf-8")
    args = ["check", "a.txt", "b.txt", "-f", "jsonl", *(["--debug"] if debug else [])]
    result = subprocess.run(
        [sys.executable, "-c", _CRASHING_RUN, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 3
    first = "mtaudit: internal error in MT203 on a.txt: KeyError: 'boom'"
    if debug:
        assert result.stderr.startswith(first + "\nTraceback")
    else:
        assert _one_line(result.stderr) == first
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    "output_format",
    ["text", "concise", "json", "jsonl", "csv", "sarif", "github", "junit", "gitlab", "rdjsonl",
     "markdown", "html"],
)  # fmt: skip
def test_every_format_writes_a_record_with_a_lone_surrogate(
    mtaudit, tmp_path: Path, output_format: str
) -> None:
    records = tmp_path / "r.jsonl"
    text = "Rs 5 crore \\ud800 went to the the victims \\u2028 on Monday."
    records.write_text('{"id": "1", "target": "' + text + '"}\n', encoding="utf-8")
    result = mtaudit("check", str(records), "-f", output_format, "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert result.stdout  # the report was written, the rest of the record with it
