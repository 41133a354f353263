"""mtaudit: find the artifacts machine translation leaves in English news.

The public API::

    from audit import audit_text, audit_paths
    findings = audit_text("He said. are doing so.”")
    report = audit_paths(["articles/"])
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from audit.api import audit_paths, audit_text
    from audit.backends.dask import audit_on_dask
    from audit.config import Settings
    from audit.document import Document
    from audit.engine import Report
    from audit.findings import Category, Finding, Severity

# Names are imported when first used, so that `mtaudit --version` and the modules that need only
# one of them do not pay for the rule catalogue.
_HOMES = {
    "audit_paths": "audit.api",
    "audit_text": "audit.api",
    "audit_on_dask": "audit.backends.dask",
    "Settings": "audit.config",
    "Document": "audit.document",
    "Report": "audit.engine",
    "Category": "audit.findings",
    "Finding": "audit.findings",
    "Severity": "audit.findings",
}

__all__ = [
    "Category",
    "Document",
    "Finding",
    "Report",
    "Settings",
    "Severity",
    "__version__",
    "audit_on_dask",
    "audit_paths",
    "audit_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'audit' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
