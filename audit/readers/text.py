"""Plain text and Markdown: the whole file is one article."""

from __future__ import annotations

from audit.document import Document


def read(path: str, content: str) -> list[Document]:
    """One document whose id is the path it was read from."""
    return [Document(id=path, path=path, text=content)]
