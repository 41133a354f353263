"""The report a person reads: findings grouped by file, the span marked, a summary line."""

from __future__ import annotations

import typer

from audit.engine import SourceResult, Tally
from audit.errors import printable
from audit.findings import Finding
from audit.reporters import Reporter, ReportOptions
from audit.reporters._common import record_label
from audit.summary import Summary
from audit.summary import render_text as render_summary

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


class TextReporter(Reporter):
    """Findings grouped by file as each file is audited, then one summary line."""

    _summary: Summary | None = None  # the ranking, with --summary

    @classmethod
    def wants_text(cls, options: ReportOptions) -> bool:
        # Per-group chrF and BLEU in the summary are computed from the texts.
        return options.summary and options.group_by is not None

    def start(self) -> None:
        self._summary = Summary(self.options.group_by) if self.options.summary else None

    def add(self, result: SourceResult) -> None:
        color = self.options.color
        path = None
        for document in result.documents:
            for index, finding in enumerate(document.findings):
                if finding.path != path:
                    if path is not None:
                        self.stream.write("\n")
                    path = finding.path
                    self.stream.write(_style(printable(path), color, bold=True) + "\n")
                if index == 0 and document.doc_id != document.path:
                    # A record of a JSONL/TSV file: its id (and system) head its findings.
                    self.stream.write(f"  [{printable(document.doc_id)}]{record_label(document)}\n")
                self.stream.write(_finding(finding, color) + "\n")
        if path is not None:
            self.stream.write("\n")
        if self._summary is not None:
            self._summary.add(result)

    def finish(self, tally: Tally) -> None:
        if self._summary is not None:
            self.stream.write(render_summary(self._summary) + "\n")
        self.stream.write(_summary(tally) + "\n")


def _finding(finding: Finding, color: bool) -> str:
    # Everything that comes from the article is shown with its control characters escaped: an
    # article must not be able to move the cursor, recolour or retitle the reader's terminal.
    where = f"{finding.line}:{finding.column}"
    severity = _style(f"{finding.severity:<7}", color, fg=_SEVERITY_COLOURS[finding.severity])
    message = printable(finding.message)
    head = f"  {where:<9} {severity} {finding.rule} {finding.name}  {message}"
    span = printable(finding.excerpt, keep="\t") or "∅"
    marked = _style(span, color, fg="red", bold=True, underline=True) if color else f"[{span}]"
    before, after = printable(finding.before, keep="\t"), printable(finding.after, keep="\t")
    lines = [head, f"            {before}{marked}{after}"]
    if finding.suggestion:
        lines.append(f"            suggestion: {printable(finding.suggestion)}")
    return "\n".join(lines)


def _summary(tally: Tally) -> str:
    counts = tally.counts()
    line = (
        f"{_count(tally.findings, 'finding')} ({_count(counts['error'], 'error')}, "
        f"{_count(counts['warning'], 'warning')}, {counts['info']} info) "
        f"in {tally.files_with_findings} of {_count(tally.files, 'file')}"
    )
    if tally.documents != tally.files:
        line += f" ({tally.documents} documents)"
    if tally.errors:
        line += f"; {len(tally.errors)} input(s) could not be read"
    return line + "."


def summary_line(tally: Tally) -> str:
    """The closing line of a report: findings by severity, files, unreadable inputs."""
    return _summary(tally)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _style(text: str, color: bool, **style: object) -> str:
    return typer.style(text, **style) if color else text  # type: ignore[arg-type]
