"""One line per finding, ``path:line:col: severity CODE [name] message``: for grep and editors."""

from __future__ import annotations

from audit.engine import SourceResult, Tally
from audit.reporters import Reporter
from audit.reporters._common import record_label
from audit.reporters.text_report import summary_line


class ConciseReporter(Reporter):
    """Each finding on one line as its input is audited, then the summary line."""

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            label = record_label(document)
            if document.doc_id != document.path:
                label = f" [{document.doc_id}]" + label
            for f in document.findings:
                self.stream.write(
                    f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} [{f.name}] "
                    f"{_one_line(f.message)}{label}\n"
                )

    def finish(self, tally: Tally) -> None:
        self.stream.write(summary_line(tally) + "\n")


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())
