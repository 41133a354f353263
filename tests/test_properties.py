"""Properties that hold for any text: auditing never raises, offsets are the truth, output parses.

The texts are arbitrary Unicode, weighted towards what news carries and what trips rules: curly
and straight quotes, apostrophes, brackets, figures with separators, lakh and crore, Devanagari,
CJK, no-break spaces, zero-width characters, right-to-left marks, U+2028, CR and CRLF, a BOM.
Examples are drawn from a fixed seed and their number is bounded, so runs are repeatable and fast.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.config import Settings
from audit.document import Document
from audit.engine import DocumentResult, SourceResult, Tally, check_document
from audit.findings import shorten
from audit.reporters.json_report import JsonlReporter, JsonReporter
from audit.rules import all_rules

PIECES = [
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "{", "}",
    "Ukraine’s", "soldiers’", "don't", "'90s", "U.S.", "a.m.", "Dr.", "J.K.", "No.", "etc.",
    "1,00,000", "12,34,567", "2,345.6", "3.5", "1000", "2023", "2023-02-11", "37 %", "64GB",
    "1 lakh", "5 crore", "Rs 5 crore", "₹3,000 crore", "lakhs of", "4300 RMB", "1080 days",
    "नमस्ते", "करोड़", "५ लाख", "经济观察网", "１２３", "。", "，", "【", "】",
    "\u00a0", "\u200b", "\u200d", "\u200f", "\u202e", "\u2028", "\u2029", "\ufeff", "\x85",
    "\r\n", "\r", "\n", "\n\n", "\t", " ", ". ", ", ", "? ", "! ", "...", "..", ".,", ",,",
    "said.He", "the the", "Bern, Bern, ", "Leave a Reply", "he said.", "and.", "Also read- ",
    "The", "minister", "said", "and", "people", "of", "in", "war", "Kherson", "Ã©",
]  # fmt: skip

NEWS_TEXT = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        st.sampled_from(PIECES),  # twice: pieces of news weigh more than random characters
        st.text(max_size=4),
    ),
    max_size=40,
).map("".join)

RULES = all_rules()
PROFILE = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)


def _audit(text: str) -> list:
    document = Document(id="doc", path="doc.txt", text=text, source=text, reference=text)
    return check_document(document, RULES, Settings())


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@PROFILE
@given(NEWS_TEXT)
def test_findings_cut_their_excerpt_out_of_the_text(text: str) -> None:
    findings = _audit(text)  # never raises
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        span = text[finding.start : finding.end]
        assert finding.excerpt == shorten(span)
        if len(span) <= 160:
            assert finding.excerpt == span
        assert (finding.line, finding.column) == _position(text, finding.start)
        assert (finding.end_line, finding.end_column) == _position(text, finding.end)
    assert _audit(text) == findings  # the same twice


def _result(text: str) -> SourceResult:
    document = Document(id="doc\u2028id", path="doc.txt", text=text)
    findings = check_document(document, RULES, Settings())
    return SourceResult("doc.txt", [DocumentResult("doc.txt", document.id, findings)])


@PROFILE
@given(NEWS_TEXT)
def test_json_parses_and_jsonl_is_one_record_a_line(text: str) -> None:
    result = _result(text)
    count = len(list(result.findings))
    tally = Tally()
    tally.add(result)
    lines = io.StringIO()
    reporter = JsonlReporter(lines)
    reporter.start()
    reporter.add(result)
    reporter.finish(tally)
    written = lines.getvalue()
    assert len(written.splitlines()) == count  # no record split by U+2028, U+0085 …
    assert [json.loads(line)["doc_id"] for line in written.splitlines()] == ["doc\u2028id"] * count
    whole = io.StringIO()
    reporter = JsonReporter(whole)
    reporter.start()
    reporter.add(result)
    reporter.finish(tally)
    assert len(json.loads(whole.getvalue())["findings"]) == count


ARTICLE_TEXT = st.lists(NEWS_TEXT, min_size=3, max_size=3)


@settings(PROFILE, max_examples=3)
@given(ARTICLE_TEXT)
def test_command_line_output_is_the_same_with_one_or_two_workers(
    tmp_path_factory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("news")
    for index, text in enumerate(texts):
        (folder / f"{index}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    runs = [
        subprocess.run(
            [sys.executable, "-m", "audit", "check", str(folder), "-f", "jsonl", "-j", jobs],
            capture_output=True,
            check=False,
            timeout=300,
            cwd=Path(folder),
        )
        for jobs in ("1", "2", "2")
    ]
    assert all(run.returncode in (0, 1, 2) for run in runs), [r.stderr for r in runs]
    assert all(b"Traceback" not in run.stderr for run in runs)
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert runs[0].stderr == runs[1].stderr
    for line in runs[0].stdout.decode("utf-8").splitlines():
        json.loads(line)
