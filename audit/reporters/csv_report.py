"""One row per document for a spreadsheet: size, findings by severity, artifact penalty.

Rows are written in input order as each input is audited (sort them in the spreadsheet, or read
the ranking in ``--format json``); see :mod:`audit.summary` for the penalty.
"""

from __future__ import annotations

import csv

from audit.engine import SourceResult
from audit.reporters import Reporter
from audit.summary import DocumentRow

COLUMNS = (
    "path",
    "doc_id",
    "system",
    "group",
    "words",
    "errors",
    "warnings",
    "infos",
    "penalty",
    "penalty_per_1000_words",
)


class CsvReporter(Reporter):
    """A header, then one row per document; nothing is kept between inputs."""

    def start(self) -> None:
        self._writer = csv.writer(self.stream, lineterminator="\n")
        self._writer.writerow(COLUMNS)

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            row = DocumentRow.of(document, self.options.group_by)
            density = row.penalty_per_1000_words
            self._writer.writerow(
                (
                    row.path,
                    row.doc_id,
                    row.system or "",
                    row.group or "",
                    row.words,
                    row.errors,
                    row.warnings,
                    row.infos,
                    f"{row.penalty:.2f}",
                    "" if density is None else f"{density:.2f}",
                )
            )
