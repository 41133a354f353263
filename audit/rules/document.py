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


@rule("MT009", "unused-suppression", Category.OTHER, Severity.WARNING)
def unused_suppression(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A suppression comment that silenced nothing (reported with --report-unused-suppressions).

    **What it catches.** An ``<!-- mtaudit: ignore MT101 -->`` or ``<!-- mtaudit: disable … -->``
    comment in a Markdown or HTML article under which no finding of the named rules was made:
    the text was edited, the rule was fixed, or the code is mistyped. Found by the suppression
    filter, which alone knows what each comment silenced; this entry documents the code, as
    ruff's RUF100 does.

    **Why it matters.** A stale suppression hides the next real artifact in that block, and a
    mistyped one silences nothing while looking as if it did.

    **Bad:** ``<!-- mtaudit: ignore MT101 -->`` above a paragraph with no lakh or crore in it.
    **Good:** the comment removed.
    """
    return iter(())
