"""Output formats: one module each, every one a :class:`Reporter` that consumes results as they come.

A reporter is told of each input as soon as it is audited (:meth:`Reporter.add`) and writes what
its format allows at once; it keeps only what its format needs for the end (totals, a summary),
so that memory does not grow with the number of findings. :meth:`Reporter.finish` gets the
running :class:`~audit.engine.Tally` of the whole audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from audit.engine import SourceResult, Tally


@dataclass(frozen=True)
class ReportOptions:
    """What the command line tells every reporter; a format reads the fields it uses."""

    color: bool = False


class Reporter:
    """Base of every output format: writes to ``stream`` as results arrive."""

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReportOptions()

    def start(self) -> None:
        """Called once before the first result."""

    def add(self, result: SourceResult) -> None:
        """Called once per input, in input order."""

    def finish(self, tally: Tally) -> None:
        """Called once after the last result, with the totals of the whole audit."""


def _formats() -> dict[str, type[Reporter]]:
    from audit.reporters import json_report, text_report

    return {
        "text": text_report.TextReporter,
        "json": json_report.JsonReporter,
        "jsonl": json_report.JsonlReporter,
    }


REPORTERS: dict[str, type[Reporter]] = _formats()
