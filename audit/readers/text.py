"""Plain text and Markdown: the whole file is one article."""

from __future__ import annotations

from collections.abc import Mapping

from audit.document import Document


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One document whose id is the path it was read from (``fields`` does not apply)."""
    return [Document(id=path, path=path, text=content)]
