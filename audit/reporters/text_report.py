"""The report a person reads: findings grouped by file, the span marked, a summary line."""

from __future__ import annotations

from itertools import groupby

import typer

from audit.engine import Report
from audit.findings import Finding

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report, color: bool = False) -> str:
    """Findings grouped by file, each with its position, rule, message, excerpt and suggestion."""
    out: list[str] = []
    for path, findings in groupby(report.findings, key=lambda f: f.path):
        out.append(_style(path, color, bold=True))
        out.extend(_finding(f, color) for f in findings)
        out.append("")
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _finding(finding: Finding, color: bool) -> str:
    where = f"{finding.line}:{finding.column}"
    severity = _style(f"{finding.severity:<7}", color, fg=_SEVERITY_COLOURS[finding.severity])
    head = f"  {where:<9} {severity} {finding.rule} {finding.name}  {finding.message}"
    span = finding.excerpt or "∅"
    marked = _style(span, color, fg="red", bold=True, underline=True) if color else f"[{span}]"
    lines = [head, f"            {finding.before}{marked}{finding.after}"]
    if finding.suggestion:
        lines.append(f"            suggestion: {finding.suggestion}")
    return "\n".join(lines)


def _summary(report: Report) -> str:
    counts = report.counts()
    flagged = len({f.path for f in report.findings})
    line = (
        f"{_count(len(report.findings), 'finding')} ({_count(counts['error'], 'error')}, "
        f"{_count(counts['warning'], 'warning')}, {counts['info']} info) "
        f"in {flagged} of {_count(report.files, 'file')}"
    )
    if report.documents != report.files:
        line += f" ({report.documents} documents)"
    if report.errors:
        line += f"; {len(report.errors)} input(s) could not be read"
    return line + "."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _style(text: str, color: bool, **style: object) -> str:
    return typer.style(text, **style) if color else text  # type: ignore[arg-type]
