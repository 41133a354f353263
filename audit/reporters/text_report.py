"""The report a person reads: findings grouped by file, the span marked, a summary line."""

from __future__ import annotations

import typer

from audit.engine import SourceResult, Tally
from audit.errors import printable
from audit.findings import Finding
from audit.reporters import Reporter

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


class TextReporter(Reporter):
    """Findings grouped by file as each file is audited, then one summary line."""

    def add(self, result: SourceResult) -> None:
        color = self.options.color
        path = None
        for finding in result.findings:
            if finding.path != path:
                if path is not None:
                    self.stream.write("\n")
                path = finding.path
                self.stream.write(_style(printable(path), color, bold=True) + "\n")
            self.stream.write(_finding(finding, color) + "\n")
        if path is not None:
            self.stream.write("\n")

    def finish(self, tally: Tally) -> None:
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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _style(text: str, color: bool, **style: object) -> str:
    return typer.style(text, **style) if color else text  # type: ignore[arg-type]
