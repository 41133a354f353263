"""Output formats: one module each, every one a :class:`Reporter` that consumes results as they come.

A reporter is told of each input as soon as it is audited (:meth:`Reporter.add`) and writes what
its format allows at once; it keeps only what its format needs for the end (totals, a summary),
so that memory does not grow with the number of findings. :meth:`Reporter.finish` gets the
running :class:`~audit.engine.Tally` of the whole audit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from audit.engine import SourceResult, Tally
from audit.lazy import LazyTable


@dataclass(frozen=True)
class ReportOptions:
    """What the command line tells every reporter; a format reads the fields it uses."""

    color: bool = False
    # Add the ranked summary (worst documents, totals per rule and group) to the text report.
    summary: bool = False
    # A record field (system, feed, lang, …) or "folder" to break the summary down by.
    group_by: str | None = None


class Reporter:
    """Base of every output format: writes to ``stream`` as results arrive.

    A format that needs each document's text (to show findings in place, or to count bytes)
    sets ``needs_text``; the audit then carries the text in its results, and only then.
    """

    needs_text = False

    @classmethod
    def wants_text(cls, options: ReportOptions) -> bool:
        """Whether results must carry each document's text for this format with ``options``."""
        return cls.needs_text

    def __init__(self, stream: TextIO, options: ReportOptions | None = None) -> None:
        self.stream = stream
        self.options = options or ReportOptions()

    def start(self) -> None:
        """Called once before the first result."""

    def add(self, result: SourceResult) -> None:
        """Called once per input, in input order."""

    def finish(self, tally: Tally) -> None:
        """Called once after the last result, with the totals of the whole audit."""


# Format → reporter; a reporter's module is imported when its format is chosen.
REPORTERS: Mapping[str, type[Reporter]] = LazyTable(
    {
        "text": "audit.reporters.text_report:TextReporter",
        "concise": "audit.reporters.concise:ConciseReporter",
        "json": "audit.reporters.json_report:JsonReporter",
        "jsonl": "audit.reporters.json_report:JsonlReporter",
        "csv": "audit.reporters.csv_report:CsvReporter",
        "sarif": "audit.reporters.sarif:SarifReporter",
        "github": "audit.reporters.github:GithubReporter",
        "junit": "audit.reporters.junit:JunitReporter",
        "gitlab": "audit.reporters.gitlab:GitlabReporter",
        "rdjsonl": "audit.reporters.rdjsonl:RdjsonlReporter",
        "markdown": "audit.reporters.markdown:MarkdownReporter",
        "html": "audit.reporters.html_report:HtmlReporter",
        "statistics": "audit.reporters.statistics:StatisticsReporter",
    }
)
