"""Pairing a translation with another text (its source, its reference) segment by segment.

Two cases. Where both texts have the same number of paragraphs, paragraph *n* goes with
paragraph *n* (:func:`paired_segments`). Where whole articles must be scored against each other but
their sentences do not line up one to one, :func:`align_sentences` finds the monotonic alignment
that agrees best: sentence pairs (1–1), one sentence split in two on the other side (1–2, 2–1),
and sentences with no counterpart (1–0, 0–1), each pairing scored by chrF and by length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from audit.document import Document, Span

if TYPE_CHECKING:
    from sacrebleu.metrics import CHRF

# Cost of leaving a sentence without counterpart, and the surcharge on a merge, so that a
# merge is chosen only when the joined sentences agree clearly better than the single one.
_SKIP_COST = 0.45
_MERGE_COST = 0.05
_BEADS = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))


def paired_segments(target: str, other: str) -> list[tuple[Span, str]]:
    """Spans of ``target`` with the text of ``other`` that corresponds to each.

    Paragraph by paragraph when both have the same number of paragraphs (more than one),
    otherwise the whole target (trimmed) with the whole of ``other``.
    """
    mine = Document(id="", text=target).paragraphs
    theirs = Document(id="", text=other).paragraphs
    if len(mine) > 1 and len(mine) == len(theirs):
        return [(span, other[s:e]) for span, (s, e) in zip(mine, theirs, strict=True)]
    start = len(target) - len(target.lstrip())
    return [((start, max(start, len(target.rstrip()))), other.strip())]


@dataclass(frozen=True)
class Bead:
    """One step of an alignment: sentence indices on each side (either may be empty)."""

    hypothesis: tuple[int, ...]
    reference: tuple[int, ...]
    chrf: float

    def to_dict(self) -> dict[str, object]:
        return {
            "hypothesis": list(self.hypothesis),
            "reference": list(self.reference),
            "chrf": round(self.chrf, 2),
        }


def sentences(text: str) -> list[str]:
    """The sentences of an article (the same Punkt segmentation the rules use)."""
    document = Document(id="", text=text)
    return [text[s:e] for s, e in document.sentences]


def align_sentences(hypothesis: list[str], reference: list[str]) -> list[Bead]:
    """The monotonic alignment of two sentence lists with the lowest total cost.

    A pairing costs 1 − similarity, where similarity is 0.8 × chrF/100 (the lower of the two
    directions) + 0.2 × the ratio of the shorter length to the longer; a sentence left without
    counterpart costs a fixed amount. As Gale and Church do, only alignments that stay within a
    band around the diagonal are considered, so the work grows with the length of the articles,
    not with its square. Ties are broken by the fixed order of ``_BEADS``, so the result is
    deterministic.
    """
    n, m = len(hypothesis), len(reference)
    band = _band(n, m)
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    for i in range(n + 1):
        for j in band(i):
            here = cost.get((i, j))
            if here is None:
                continue
            for di, dj in _BEADS:
                if i + di > n or j + dj > m or (j + dj) not in band(i + di):
                    continue
                hyp = " ".join(hypothesis[i : i + di])
                ref = " ".join(reference[j : j + dj])
                if di and dj:
                    chrf = _chrf(hyp, ref)
                    step = 1 - _similarity(hyp, ref, chrf) + (_MERGE_COST if di + dj > 2 else 0)
                else:
                    chrf, step = 0.0, _SKIP_COST
                key = (i + di, j + dj)
                if here + step < cost.get(key, float("inf")) - 1e-12:
                    cost[key] = here + step
                    back[key] = (di, dj, chrf)
    beads = []
    i, j = n, m
    while i or j:
        di, dj, chrf = back[(i, j)]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)), chrf))
        i, j = i - di, j - dj
    return beads[::-1]


# Half-width of the band, in sentences: how far an alignment may stray from the diagonal
# (sentences added or dropped in one place, beyond what the two lengths already account for).
_BAND = 12


def _band(n: int, m: int) -> Callable[[int], range]:
    """The reference sentences row ``i`` of the alignment may reach: a band along the diagonal.

    The band is wide enough that consecutive rows overlap, so (n, m) is always reachable.
    """
    width = _BAND + (m + max(n, 1) - 1) // max(n, 1)

    def columns(i: int) -> range:
        centre = i * m // n if n else 0
        return range(max(0, centre - width), min(m, centre + width) + 1)

    return columns


def _similarity(hyp: str, ref: str, chrf: float) -> float:
    shorter, longer = sorted((len(hyp), len(ref)))
    return 0.8 * chrf / 100 + 0.2 * (shorter / longer if longer else 1.0)


@cache
def _metric() -> CHRF:
    from sacrebleu.metrics import CHRF  # sacrebleu is loaded only when something is scored

    return CHRF()


def _chrf(hypothesis: str, reference: str) -> float:
    # chrF weighs recall over precision; scored both ways, added text costs as much as lost text.
    forward = _metric().sentence_score(hypothesis, [reference]).score
    return min(forward, _metric().sentence_score(reference, [hypothesis]).score)
