"""GitHub Actions workflow commands: one annotation per finding on the changed file's line.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=MT201 orphan-closing-quote::msg``.
Everything taken from an article or a file name is escaped as GitHub's runner unescapes it
(``%``, CR and LF in the message; also ``:`` and ``,`` in properties), so no text can end the
command early or start another one.
"""

from __future__ import annotations

from audit.engine import SourceResult
from audit.reporters import Reporter
from audit.reporters._common import record_label, relative_path

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message, escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """One workflow command per finding, written as each input is audited."""

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            label = record_label(document)
            for f in document.findings:
                properties = {
                    "file": relative_path(f.path),
                    "line": str(f.line),
                    "col": str(f.column),
                    "endLine": str(f.end_line),
                    "endColumn": str(f.end_column),
                    "title": f"{f.rule} {f.name}",
                }
                message = f.message + label
                if f.suggestion:
                    message += f" Suggestion: {f.suggestion}"
                head = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
                self.stream.write(f"::{_COMMANDS[f.severity]} {head}::{escape_data(message)}\n")
