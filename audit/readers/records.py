"""What the record-per-line readers (JSONL, TSV) share: per-file statistics for the rules.

A rule sees one Document at a time, yet some judgements need the whole file: whether a record's
translation is unusually long or short *for this language pair* is a matter of how it compares
with the other records. The reader, which sees the whole file anyway, computes that distribution
once and attaches it to every Document (``Document.file_stats``); the rule then stays a pure
function of its Document, and the figures are the same whether files are audited serially or in
worker processes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from audit.document import Document

# Scale of the median absolute deviation that makes it comparable to a standard deviation.
_MAD_SCALE = 1.4826


def length_ratio(source: str, target: str) -> float:
    """Log ratio of the target's length to the source's, in non-space characters.

    Characters, not words, so that it means the same for Chinese, Hindi or English; the log makes
    "twice as long" and "half as long" equally far from 0; +1 keeps empty sides finite.
    """
    return math.log((_letters(target) + 1) / (_letters(source) + 1))


def _letters(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


def attach_file_stats(documents: Sequence[Document]) -> None:
    """Record on every document the median and spread of the file's length ratios.

    Only records with both a source and a target take part. The spread is the scaled median
    absolute deviation, which a few hallucinated or truncated records cannot inflate.
    """
    ratios = [
        length_ratio(d.source, d.text)
        for d in documents
        if d.source is not None and d.source.strip() and d.text.strip()
    ]
    if not ratios:
        return
    import statistics  # here: the rule catalogue imports this module for length_ratio alone

    median = statistics.median(ratios)
    spread = _MAD_SCALE * statistics.median(abs(r - median) for r in ratios)
    stats = {
        "length_ratio_median": median,
        "length_ratio_spread": spread,
        "length_ratio_count": float(len(ratios)),
    }
    for document in documents:
        document.file_stats.update(stats)
