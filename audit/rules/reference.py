"""Checks that compare the translation with a human reference translation."""

from __future__ import annotations

from collections.abc import Iterator

from audit.config import Settings
from audit.document import Document
from audit.findings import Category, Hit, Severity
from audit.rules._registry import rule


@rule("MT901", "low-agreement", Category.LOW_AGREEMENT, Severity.WARNING, needs=("reference",))
def low_agreement(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A segment that agrees little with its human reference translation.

    **What it catches.** A segment whose chrF against the reference falls under
    ``low-agreement-chrf`` (default 25). Segments are the document's paragraphs when the
    reference has as many, otherwise the whole document (one record of a JSONL or TSV file).

    **Why it matters.** Good translations of the same sentence share most of their character
    n-grams; a very low chrF points to a mistranslation, an omission or a hallucination worth
    an editor's look.

    **Bad:** reference "Prices rose by 3 percent in May", translation "The weather was cold".
    **Good:** "Prices went up 3 percent in May".
    """
    # Loaded only when there is a reference: the aligner, and sacrebleu with the scorer.
    from audit.alignment import paired_segments
    from audit.scoring import sentence_chrf

    threshold = float(settings.option("low-agreement-chrf", 25.0))
    for (start, end), reference in paired_segments(doc.text, doc.reference or ""):
        if not reference.strip():
            continue
        score = sentence_chrf(doc.text[start:end], reference)
        if score < threshold:
            yield Hit(
                start,
                end,
                f"chrF {score:.1f} against the reference, under the threshold of {threshold:g}.",
            )
