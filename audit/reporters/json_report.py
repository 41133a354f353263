"""JSON (one object) and JSONL (one finding a line), following the output contract."""

from __future__ import annotations

from audit import __version__
from audit._json import dumps
from audit.engine import SourceResult, Tally
from audit.reporters import Reporter, ReportOptions
from audit.reporters._common import record_fields
from audit.summary import Summary


class JsonlReporter(Reporter):
    """One finding a line, written as each input is audited; nothing else (errors go to stderr)."""

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            extra = record_fields(document, self.options)
            for finding in document.findings:
                record = {**finding.to_dict(), **extra}
                self.stream.write(dumps(record) + "\n")


class JsonReporter(Reporter):
    """The whole report as one object: every finding, the unreadable inputs, then a summary.

    Findings are written as they come; the summary, which needs the totals, closes the object,
    followed by the ranking (:mod:`audit.summary`: one small row per document, never findings).
    """

    @classmethod
    def wants_text(cls, options: ReportOptions) -> bool:
        # Per-group chrF and BLEU in the ranking are computed from the texts.
        return options.group_by is not None

    def start(self) -> None:
        self._first = True
        self._scores: list[dict[str, object]] = []
        self._ranking = Summary(self.options.group_by)
        self.stream.write('{\n  "tool": "mtaudit",\n')
        self.stream.write(f'  "version": {dumps(__version__)},\n  "findings": [')

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            extra = record_fields(document, self.options)
            for finding in document.findings:
                record = {**finding.to_dict(), **extra}
                self.stream.write("\n" if self._first else ",\n")
                self.stream.write(_indent(dumps(record, indent=2)))
                self._first = False
        self._scores.extend(d.scores for d in result.documents if d.scores is not None)
        self._ranking.add(result)

    def finish(self, tally: Tally) -> None:
        self.stream.write("\n  ]," if not self._first else "],")
        tail: dict[str, object] = {
            "errors": [{"path": e.path, "reason": e.reason} for e in tally.errors],
            "summary": summary(tally),
            "ranking": self._ranking.to_dict(),
        }
        if self._scores:
            tail["reference_scores"] = self._scores
        body = dumps(tail, indent=2)
        self.stream.write("\n" + body[2:] + "\n")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


def summary(tally: Tally) -> dict[str, int]:
    """Counts an editor reads first: files, documents, findings by severity, unreadable inputs."""
    return {
        "files": tally.files,
        "documents": tally.documents,
        "documents_with_findings": tally.documents_with_findings,
        "findings": tally.findings,
        **tally.counts(),
        "unreadable": len(tally.errors),
    }
