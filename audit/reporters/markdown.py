"""A Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Counts per severity and per rule come first, then the findings grouped by file, so the report is
assembled at the end: this format keeps every finding (as one rendered line) until the audit
ends. Text from the articles is escaped so that it shows as written: no link, image, HTML or
table cell can come out of it.
"""

from __future__ import annotations

import re
from collections import Counter

from audit.engine import SourceResult, Tally
from audit.reporters import Reporter
from audit.reporters._common import record_label, relative_path

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that can start markup inside a line (emphasis, links, images, HTML, entities, table cells,
# code, GitHub's math); the lines of the report never start with article text.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>!|~&$])")


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


class MarkdownReporter(Reporter):
    """Keeps one rendered line per finding, grouped by file; writes the whole report at the end."""

    def start(self) -> None:
        self._files: dict[str, list[str]] = {}
        self._rules: Counter[tuple[str, str, str]] = Counter()

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            label = record_label(document)
            record = (
                f" \\[{escape(document.doc_id)}\\] " if document.doc_id != document.path else ""
            )
            for f in document.findings:
                self._rules[(f.rule, f.name, f.severity)] += 1
                line = (
                    f"- **{f.severity}** `{f.rule}` {escape(f.name)} at line {f.line}, "
                    f"column {f.column}{record}{escape(label)}: {escape(f.message)}"
                )
                if f.excerpt:
                    line += f" — “{escape(f.excerpt)}”"
                if f.suggestion:
                    line += f" (suggestion: {escape(f.suggestion)})"
                self._files.setdefault(relative_path(f.path), []).append(line)

    def finish(self, tally: Tally) -> None:
        counts = tally.counts()
        out = ["## mtaudit", ""]
        out.append(
            f"Findings: **{tally.findings}** (errors: **{counts['error']}**, warnings: "
            f"**{counts['warning']}**, info: **{counts['info']}**) in "
            f"{tally.files_with_findings} of {tally.files} files"
            + (f"; {len(tally.errors)} input(s) could not be read." if tally.errors else ".")
        )
        if self._rules:
            out += ["", "| rule | name | severity | findings |", "|---|---|---|---:|"]
            ranked = sorted(self._rules.items(), key=lambda item: (-item[1], item[0]))
            out += [
                f"| `{code}` | {escape(name)} | {severity} | {count} |"
                for (code, name, severity), count in ranked
            ]
        for path, lines in self._files.items():
            out += ["", f"### {escape(path)}", "", *lines]
        if tally.errors:
            out += ["", "### Unreadable inputs", ""]
            out += [f"- {escape(error.path)}: {escape(error.reason)}" for error in tally.errors]
        self.stream.write("\n".join(out) + "\n")
