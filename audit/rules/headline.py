"""Headlines that a translation turned into sentences."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from audit.config import Settings
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.rules._registry import rule
from audit.rules._text import ends_like_abbreviation

# Longer first paragraphs are more often a lead standing without a headline.
_MAX_HEADLINE_WORDS = 20


@rule("MT220", "headline-full-stop", Category.PUNCTUATION, Severity.INFO, fix=Applicability.UNSAFE)
def headline_full_stop(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A headline that ends with a full stop.

    **What it catches.** A headline — the first paragraph of an article, one line of at most
    twenty words, one sentence, with more paragraphs after it — ending in a full stop; and, in
    an article written one paragraph a line, a subheading between paragraphs whose words are
    capitalised as a title's ("Talks Resume In Geneva.").

    **Why it matters.** English news headlines take no final full stop; machine translation
    renders a source headline as a sentence and adds one.

    **Bad:** Pension products go on sale with a 360-day minimum holding period.
    **Good:** Pension products go on sale with a 360-day minimum holding period

    An abbreviation (U.S., Ltd.) or an ellipsis at the end is left alone, and so is a first line
    longer than twenty words, which is more often a lead paragraph with no headline above it,
    and a first line shaped as talk rather than a headline (a transcript that opens "So I want
    to start with a story."): see ``Document.headline``.
    """
    for start, end in doc.headings:
        text = doc.text[start:end]
        if not text.endswith(".") or text.endswith(("..", "…")):
            continue
        words = text.split()
        if len(words) > _MAX_HEADLINE_WORDS or ends_like_abbreviation(words[-1]):
            continue
        sentence_starts = [s for s, _ in doc.sentences_between(start, end)]
        if (
            bisect.bisect_left(sentence_starts, end) - bisect.bisect_left(sentence_starts, start)
            != 1
        ):
            continue  # more than one sentence: a lead, not a heading
        kind = "headline" if (start, end) == doc.headline else "subheading"
        yield Hit(end - 1, end, f"The {kind} ends with a full stop: delete it.", "")
