"""The document model: paragraphs, sentences and offset → line/column."""

from __future__ import annotations

import random
import re
from pathlib import Path

from audit.document import Document


def _texts(doc: Document, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [doc.text[s:e] for s, e in spans]


def test_blank_lines_separate_paragraphs_and_wrapped_lines_stay_together() -> None:
    doc = Document(id="d", text="Headline\n\nFirst paragraph\nwraps here.\n\n  Second one.  \n")
    assert _texts(doc, doc.paragraphs) == [
        "Headline",
        "First paragraph\nwraps here.",
        "Second one.",
    ]


def test_text_without_blank_lines_is_one_paragraph_a_line() -> None:
    doc = Document(id="d", text="Headline\nFirst paragraph.\nSecond paragraph.\n")
    assert _texts(doc, doc.paragraphs) == ["Headline", "First paragraph.", "Second paragraph."]


def test_sentences_respect_shipped_abbreviations_and_stay_inside_paragraphs() -> None:
    doc = Document(
        id="d", text="The U.S. envoy met Dr. Rao at 10 a.m. on Monday. Talks ended.\n\nNext one."
    )
    assert _texts(doc, doc.sentences) == [
        "The U.S. envoy met Dr. Rao at 10 a.m. on Monday.",
        "Talks ended.",
        "Next one.",
    ]


def test_sentences_between_are_the_sentences_of_the_paragraphs_there() -> None:
    root = Path(__file__).resolve().parent.parent / "corpora"
    texts = [path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.txt"))]
    assert len(texts) > 20
    pick = random.Random(7)
    for text in texts:
        whole = Document(id="whole", text=text)
        for _ in range(5):
            start = pick.randrange(len(text) + 1)
            end = pick.randrange(start, len(text) + 1)
            part = Document(id="part", text=text)  # segments only what it is asked for
            overlapping = [p for p in whole.paragraphs if p[0] < end and start < p[1]]
            expected = tuple(
                s for s in whole.sentences if any(p[0] <= s[0] < p[1] for p in overlapping)
            )
            assert part.sentences_between(start, end) == expected, (start, end)
            alone = Document(id="alone", text=text)
            contained = [s for s in whole.sentences if s[0] <= start < s[1]]
            assert alone.sentence_at(start) == (contained[0] if contained else None)
            assert part.sentences == whole.sentences


def test_position_is_one_based_line_and_column() -> None:
    doc = Document(id="d", text="ab\ncd\n\nef")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 2)
    assert doc.position(7) == (4, 1)
    assert doc.position(len(doc.text)) == (4, 3)


def test_record_documents_report_the_record_line() -> None:
    doc = Document(id="r", text="one\ntwo", record_line=17)
    assert doc.position(5) == (17, 2)


def test_paragraph_and_sentence_lookup_by_offset() -> None:
    doc = Document(id="d", text="One. Two.\n\nThree.")
    assert doc.paragraph_at(6) == (0, 9)
    assert doc.sentence_at(6) == (5, 9)
    assert doc.paragraph_at(10) is None


def test_lines_end_at_each_line_break_crlf_or_lf() -> None:
    # The definition: the stretches between matches of \r?\n, the breaks themselves left out.
    pick = random.Random(3)
    for _ in range(5000):
        text = "".join(pick.choice("ab \r\n\n") for _ in range(pick.randrange(30)))
        spans, start = [], 0
        for match in re.finditer(r"\r?\n", text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
        assert Document(id="d", text=text).lines == tuple(spans), repr(text)
