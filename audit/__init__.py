"""mtaudit: find the artifacts machine translation leaves in English news.

The public API::

    from audit import audit_text, audit_paths
    findings = audit_text("He said. are doing so.”")
    report = audit_paths(["articles/"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from audit.api import audit_paths, audit_text
from audit.config import Settings
from audit.document import Document
from audit.engine import Report
from audit.findings import Category, Finding, Severity

__all__ = [
    "Category",
    "Document",
    "Finding",
    "Report",
    "Settings",
    "Severity",
    "__version__",
    "audit_paths",
    "audit_text",
]
