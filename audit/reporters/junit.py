"""JUnit XML as Jenkins and GitLab read it: one test case per file, one failure per finding.

The root element carries the totals, so the report is built whole and written at the end: this
format keeps every file's test case (and so every finding) in memory until the audit ends.
Unreadable inputs are test cases with an ``error``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from audit.engine import SourceResult, Tally
from audit.reporters import Reporter
from audit.reporters._common import record_label, relative_path

# Characters XML 1.0 cannot carry at all, even escaped (control characters of a mangled article).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter(Reporter):
    """Collects one ``testcase`` element per input; writes the ``testsuites`` tree at the end."""

    def start(self) -> None:
        self._cases: list[ET.Element] = []
        self._failures = 0
        self._errors = 0

    def add(self, result: SourceResult) -> None:
        path = _xml_text(relative_path(result.path))
        case = ET.Element("testcase", {"classname": "mtaudit", "name": path, "file": path})
        self._cases.append(case)
        if result.error is not None:
            self._errors += 1
            error = ET.SubElement(case, "error", {"message": _xml_text(result.error.reason)})
            error.text = _xml_text(str(result.error))
            return
        for document in result.documents:
            label = record_label(document)
            record = f" [{document.doc_id}]" if document.doc_id != document.path else ""
            for f in document.findings:
                self._failures += 1
                failure = ET.SubElement(
                    case,
                    "failure",
                    {
                        "message": _xml_text(f"{f.rule} {f.name}: {f.message}"),
                        "type": f.severity,
                    },
                )
                lines = [
                    f"{relative_path(f.path)}:{f.line}:{f.column}{record}: {f.severity} "
                    f"{f.rule} [{f.name}] {f.message}{label}",
                    f"    {f.before}[{f.excerpt}]{f.after}",
                ]
                if f.suggestion:
                    lines.append(f"    suggestion: {f.suggestion}")
                failure.text = _xml_text("\n".join(lines))

    def finish(self, tally: Tally) -> None:
        counts = {
            "tests": str(len(self._cases)),
            "failures": str(self._failures),
            "errors": str(self._errors),
            "skipped": "0",
        }
        root = ET.Element("testsuites", {"name": "mtaudit", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "mtaudit", **counts})
        suite.extend(self._cases)
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")
