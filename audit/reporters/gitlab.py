"""GitLab Code Quality JSON: an array of issues with a fingerprint, a severity and a location.

Severities map info → ``info``, warning → ``minor``, error → ``major`` (GitLab's ``critical``
and ``blocker`` are left for defects that break a page, which mtaudit does not judge). The array
is streamed: each issue is written as its input is audited.
"""

from __future__ import annotations

from audit._json import dumps
from audit.engine import SourceResult, Tally
from audit.reporters import Reporter
from audit.reporters._common import fingerprinted, record_label, relative_path

SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}


class GitlabReporter(Reporter):
    """One Code Quality issue per finding; nothing kept between inputs."""

    def start(self) -> None:
        self._first = True
        self.stream.write("[")

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            label = record_label(document)
            for f, fingerprint in fingerprinted(document):
                issue = {
                    "type": "issue",
                    "engine_name": "mtaudit",
                    "check_name": f"{f.rule} {f.name}",
                    "description": f"{f.rule} {f.name}: {f.message}{label}",
                    "categories": ["Style"],
                    "fingerprint": fingerprint.replace(":", "-"),
                    "severity": SEVERITIES[f.severity],
                    "location": {
                        "path": relative_path(f.path),
                        "lines": {"begin": f.line, "end": f.end_line},
                    },
                }
                self.stream.write("\n  " if self._first else ",\n  ")
                self.stream.write(dumps(issue))
                self._first = False

    def finish(self, tally: Tally) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")
