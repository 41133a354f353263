"""What several formats share: paths relative to the working folder, record fields, fingerprints."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterator

from audit.engine import DocumentResult
from audit.findings import Finding
from audit.reporters import ReportOptions
from audit.summary import group_of

PROJECT_URL = "https://github.com/mtaudit/mtaudit"
"""Where the project documents itself; code-scanning formats link to it."""


def relative_path(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it, with ``/`` separators."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            relative = path
        if not relative.startswith(".."):
            path = relative
    return path.replace(os.sep, "/")


def record_fields(document: DocumentResult, options: ReportOptions) -> dict[str, str]:
    """The record fields a finding carries beside the contract's: ``system`` and the group."""
    out: dict[str, str] = {}
    if document.system is not None:
        out["system"] = document.system
    if options.group_by == "folder":
        out["folder"] = str(group_of(document, "folder"))
    elif options.group_by is not None and options.group_by in document.meta:
        out[options.group_by] = document.meta[options.group_by]
    return out


def record_label(document: DocumentResult) -> str:
    """`` (system X)`` for a finding from a record that names its system; empty otherwise."""
    return f" (system {document.system})" if document.system is not None else ""


def fingerprinted(document: DocumentResult) -> Iterator[tuple[Finding, str]]:
    """Each finding of ``document`` with a fingerprint that ignores where in the file it sits.

    The fingerprint hashes the path, the rule and the finding's text with its context on the
    line, never the line number, so that lines inserted above a finding leave it unchanged; a
    counter tells apart identical findings in one document.
    """
    seen: Counter[str] = Counter()
    for finding in document.findings:
        context = " ".join(f"{finding.before}\x00{finding.excerpt}\x00{finding.after}".split())
        record = document.doc_id if document.doc_id != document.path else ""
        key = "\x1f".join((relative_path(finding.path), record, finding.rule, context))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[digest] += 1
        yield finding, f"{digest}:{seen[digest]}"
