"""SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules that fired, one result each.

Results are streamed as inputs are audited: JSON does not order an object's members, so the run
writes ``results`` first and ``tool`` (which lists the rules that appeared) when the audit ends.
Each result carries ``partialFingerprints`` computed from the finding's text and context, not
its line, so that code scanning keeps tracking an alert when lines are inserted above it.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from audit import __version__
from audit._json import dumps
from audit.engine import SourceResult, Tally
from audit.reporters import Reporter
from audit.reporters._common import PROJECT_URL, fingerprinted, record_fields, relative_path
from audit.rules import find_rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "mtauditContext/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter(Reporter):
    """One SARIF log with one run; keeps only the set of rule codes seen."""

    def start(self) -> None:
        self._rules: set[str] = set()
        self._first = True
        self.stream.write(
            '{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n'
            '  "runs": [\n    {\n      "columnKind": "unicodeCodePoints",\n'
            '      "results": ['
        )

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            extra = record_fields(document, self.options)
            for finding, fingerprint in fingerprinted(document):
                self._rules.add(finding.rule)
                message = finding.message
                if finding.suggestion:
                    message += f" Suggestion: {finding.suggestion}"
                entry: dict[str, object] = {
                    "ruleId": finding.rule,
                    "level": _LEVELS[finding.severity],
                    "message": {"text": message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": quote(relative_path(finding.path), safe="/")
                                },
                                "region": {
                                    "startLine": finding.line,
                                    "startColumn": finding.column,
                                    "endLine": finding.end_line,
                                    "endColumn": finding.end_column,
                                    "snippet": {"text": finding.excerpt},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {FINGERPRINT: fingerprint},
                }
                properties = {"category": finding.category, **extra}
                if finding.doc_id != finding.path:
                    properties["doc_id"] = finding.doc_id
                entry["properties"] = properties
                self.stream.write("\n" if self._first else ",\n")
                self.stream.write(_indent(dumps(entry, indent=2), 8))
                self._first = False

    def finish(self, tally: Tally) -> None:
        tool = {
            "driver": {
                "name": "mtaudit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": [_rule(code) for code in sorted(self._rules)],
            }
        }
        invocation = {
            "executionSuccessful": not tally.errors,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": error.reason},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": quote(relative_path(error.path), safe="/")
                                }
                            }
                        }
                    ],
                }
                for error in tally.errors
            ],
        }
        self.stream.write("\n      ]," if not self._first else "],")
        self.stream.write('\n      "invocations": [\n')
        self.stream.write(_indent(dumps(invocation, indent=2), 8))
        self.stream.write('\n      ],\n      "tool": ')
        body = dumps(tool, indent=2)
        self.stream.write(_indent(body, 6).lstrip())
        self.stream.write("\n    }\n  ]\n}\n")


def _rule(code: str) -> dict[str, object]:
    rule = find_rule(code)
    if rule is None:  # a finding from outside the registry (never from mtaudit's own rules)
        return {"id": code}
    paragraphs = [p.strip() for p in rule.doc.split("\n\n") if p.strip()]
    full = " ".join(paragraphs[0].split()) if paragraphs else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": full or rule.name},
        # The rule's docstring is Markdown (what `mtaudit explain` prints); code scanning shows it.
        "help": {
            "text": rule.doc or rule.summary or rule.name,
            "markdown": rule.doc or rule.summary or rule.name,
        },
        "defaultConfiguration": {"level": _LEVELS[rule.severity.value]},
        "properties": {"tags": [rule.category.value], "family": rule.family},
    }


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line for line in text.split("\n"))
