"""What the marked-up readers (Markdown, HTML) share: the Document made from their prose."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from audit.document import Document, ProseBuilder, Span
from audit.filters.suppressions import suppressions_from_comments


def marked_up_document(
    path: str,
    content: str,
    prose: ProseBuilder,
    directives: Sequence[tuple[Span, str, tuple[str, ...]]],
    blocks: Sequence[Span],
    **layout: Any,
) -> list[Document]:
    """The one Document of a marked-up file: the prose built from it, mapped back to ``content``.

    ``blocks`` are the file spans of the audited blocks (any order), which the suppression
    comments ``directives`` refer to; ``layout`` passes what the reader knows of the headline.
    """
    text, origin = prose.build()
    return [
        Document(
            id=path,
            path=path,
            text=text,
            original=content,
            origin=origin,
            suppressions=suppressions_from_comments(directives, sorted(blocks), len(content)),
            **layout,
        )
    ]
