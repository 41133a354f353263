"""reviewdog's diagnostic format (rdjsonl): one JSON diagnostic a line.

reviewdog counts columns in UTF-8 bytes, mtaudit in characters: the reporter needs the text of
the finding's line to convert. It reads the line from the file (one file's lines at a time), or,
for records of a JSONL/TSV file and for stdin, from the document's text, where the columns of a
record's finding are counted.
"""

from __future__ import annotations

import os

from audit._json import dumps
from audit.engine import DocumentResult, SourceResult
from audit.findings import Finding
from audit.reporters import Reporter
from audit.reporters._common import PROJECT_URL, record_label, relative_path

_SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def byte_column(line: str, column: int) -> int:
    """The 1-based UTF-8 byte column of the 1-based character ``column`` of ``line``."""
    return len(line[: column - 1].encode("utf-8", "surrogatepass")) + 1


class RdjsonlReporter(Reporter):
    """One diagnostic a line, written as each input is audited."""

    needs_text = True

    def add(self, result: SourceResult) -> None:
        file_lines = _file_lines(result.path)
        for document in result.documents:
            lines = file_lines if document.doc_id == document.path else None
            label = record_label(document)
            for f in document.findings:
                diagnostic: dict[str, object] = {
                    "message": f.message + label,
                    "location": {
                        "path": relative_path(f.path),
                        "range": {
                            "start": {"line": f.line, "column": _column(document, lines, f, True)},
                            "end": {
                                "line": f.end_line,
                                "column": _column(document, lines, f, False),
                            },
                        },
                    },
                    "severity": _SEVERITIES[f.severity],
                    "source": {"name": "mtaudit", "url": PROJECT_URL},
                    "code": {"value": f.rule},
                    "original_output": f"{f.rule} {f.name}",
                }
                self.stream.write(dumps(diagnostic) + "\n")


def _column(
    document: DocumentResult, lines: list[str] | None, finding: Finding, start: bool
) -> int:
    line, column = (
        (finding.line, finding.column) if start else (finding.end_line, finding.end_column)
    )
    if lines is None:
        # A record, or stdin: the column counts into the document's text, so convert there.
        text = document.text or ""
        offset = min(finding.start if start else finding.end, len(text))
        return byte_column(text[text.rfind("\n", 0, offset) + 1 :], column)
    return byte_column(lines[line - 1] if 0 < line <= len(lines) else "", column)


def _file_lines(path: str) -> list[str] | None:
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read().replace("\r\n", "\n").split("\n")
    except OSError:
        return None
