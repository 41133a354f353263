"""Document mode: whole articles whose sentences do not line up one to one."""

from __future__ import annotations

import json
from pathlib import Path

from sacrebleu.metrics import BLEU

from audit.alignment import align_sentences, paired_segments, sentences
from audit.scoring import align_documents

FIXTURES = Path(__file__).parent / "fixtures" / "scoring"
HYP, REF = FIXTURES / "article-hyp.txt", FIXTURES / "article-ref.txt"


def test_a_sentence_split_in_two_on_the_reference_side_is_a_one_to_two_pair() -> None:
    hyp = sentences(HYP.read_text(encoding="utf-8"))
    ref = sentences(REF.read_text(encoding="utf-8"))
    assert (len(hyp), len(ref)) == (3, 4)
    beads = align_sentences(hyp, ref)
    assert [(b.hypothesis, b.reference) for b in beads] == [
        ((0,), (0,)),
        ((1,), (1, 2)),
        ((2,), (3,)),
    ]


def test_a_sentence_split_on_the_hypothesis_side_is_a_two_to_one_pair() -> None:
    beads = align_sentences(
        ["Prices rose.", "The bank met.", "It raised rates.", "Shares fell."],
        ["Prices rose.", "The bank met and raised rates.", "Shares fell."],
    )
    assert [(b.hypothesis, b.reference) for b in beads] == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((3,), (2,)),
    ]


def test_a_hallucinated_sentence_is_left_without_counterpart() -> None:
    beads = align_sentences(
        [
            "Prices rose sharply in May.",
            "Thank you for reading our website.",
            "Shares fell on Friday.",
        ],
        ["Prices rose sharply in May.", "Shares fell on Friday."],
    )
    assert [(b.hypothesis, b.reference) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_document_mode_scores_the_aligned_pairs_and_reports_the_alignment(mtaudit) -> None:
    result = mtaudit("score", str(HYP), "--ref", str(REF), "--document", "-f", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["mode"] == "document"
    assert [a["reference"] for a in report["alignment"]] == [[0], [1, 2], [3]]
    assert report["alignment"][1]["reference_text"].startswith(
        "Rescue teams worked through the night."
    )
    hyps, refs, _ = align_documents(
        HYP.read_text(encoding="utf-8"), REF.read_text(encoding="utf-8")
    )
    assert report["bleu"]["score"] == BLEU().corpus_score(hyps, [refs]).score


def test_document_mode_takes_one_hypothesis_and_one_reference(mtaudit) -> None:
    result = mtaudit("score", str(HYP), str(HYP), "--ref", str(REF), "--document")
    assert result.returncode == 2 and "one hypothesis against one reference" in result.stderr


def test_paragraphs_pair_up_when_both_sides_have_as_many() -> None:
    pairs = paired_segments("One.\n\nTwo.", "Un.\n\nDeux.")
    assert [(s, other) for s, other in pairs] == [((0, 4), "Un."), ((6, 10), "Deux.")]
    assert paired_segments("One.\n\nTwo.", "Un deux.") == [((0, 10), "Un deux.")]
