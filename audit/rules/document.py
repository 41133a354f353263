"""Whole-document checks."""

from __future__ import annotations

from collections.abc import Iterator

from audit.config import Settings
from audit.document import Document
from audit.findings import Category, Hit, Severity
from audit.rules._registry import rule


@rule("MT001", "empty-translation", Category.OMISSION, Severity.ERROR)
def empty_translation(doc: Document, settings: Settings) -> Iterator[Hit]:
    """An article with no text at all.

    **What it catches.** A document that is empty or holds only white space.

    **Why it matters.** An empty translation is an artifact too: the MT step failed or timed out,
    and a blank page went to the publishing queue.

    **Bad:** a file of zero bytes. **Good:** the translated article.
    """
    if not doc.text.strip():
        yield Hit(0, len(doc.text), "The translation is empty: re-run the translation.")
