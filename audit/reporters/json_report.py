"""JSON (one object) and JSONL (one finding a line), following the output contract."""

from __future__ import annotations

import json

from audit import __version__
from audit.engine import Report


def render_json(report: Report, color: bool = False) -> str:
    """The whole report: a summary, every finding, and the inputs that could not be read."""
    body = {
        "tool": "mtaudit",
        "version": __version__,
        "summary": summary(report),
        "findings": [f.to_dict() for f in report.findings],
        "errors": [{"path": e.path, "reason": e.reason} for e in report.errors],
    }
    if report.scores:
        body["reference_scores"] = report.scores
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(report: Report, color: bool = False) -> str:
    """One finding a line; nothing else (input errors go to stderr)."""
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)


def summary(report: Report) -> dict[str, int]:
    """Counts an editor reads first: files, documents, findings by severity, unreadable inputs."""
    return {
        "files": report.files,
        "documents": report.documents,
        "documents_with_findings": len({f.doc_id for f in report.findings}),
        "findings": len(report.findings),
        **report.counts(),
        "unreadable": len(report.errors),
    }
