"""The functions behind the public API in ``audit/__init__.py``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from audit.config import Settings
from audit.document import Document
from audit.engine import Report, audit_documents
from audit.engine import audit_paths as _audit_paths
from audit.findings import Finding


def audit_text(
    text: str,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    lang: str = "en",
    doc_id: str = "<text>",
) -> list[Finding]:
    """Audit one article given as a string; findings ordered by position."""
    settings = Settings(select=tuple(select), ignore=tuple(ignore), lang=lang)
    return audit_documents([Document(id=doc_id, text=text, lang=lang)], settings)


def audit_paths(paths: Sequence[str], settings: Settings | None = None) -> Report:
    """Audit files and folders (recursively); unreadable inputs are listed in ``Report.errors``."""
    return _audit_paths(paths, settings)
