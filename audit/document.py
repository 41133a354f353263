"""The document model: one article's text, segmented once and shared by every rule."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from audit.data import read_words

if TYPE_CHECKING:
    from audit.readers._positions import Origin
    from audit.suppressions import Suppression

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass
class Document:
    """One translated article (or one record of a bilingual file).

    ``text`` is the translation under audit. ``source`` and ``reference`` are the original and a
    human translation when the input carries them. ``record_line`` is set for documents read from
    record-per-line files (JSONL, TSV): every finding then reports that line. ``origin`` is set by
    readers whose file is not the audited text (HTML, XLIFF, TMX): it maps offsets of ``text`` back
    to the file, and :meth:`position` then reports the file's own line and column.

    Segmentation is lazy and cached: paragraphs, lines and sentences are computed the first time a
    rule asks for them and shared by all rules after that.
    """

    id: str
    text: str
    path: str | None = None
    source: str | None = None
    reference: str | None = None
    lang: str = "en"
    system: str | None = None
    record_line: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # Statistics of the whole file the document was read from (e.g. the distribution of
    # target/source length ratios), computed once by the reader so that a rule can compare one
    # record with its peers and still be a pure function of the Document.
    file_stats: dict[str, float] = field(default_factory=dict)
    origin: Origin | None = field(default=None, repr=False, compare=False)
    # Suppression comments of the file, resolved to the spans of text they silence.
    suppressions: tuple[Suppression, ...] = ()

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """Character spans of the physical lines, without their line breaks."""
        spans = []
        start = 0
        for match in re.finditer(r"\r?\n", self.text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(self.text)))
        return tuple(spans)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Character spans of the paragraphs, surrounding white space trimmed.

        Paragraphs are blocks separated by blank lines. A text with no blank line at all is taken
        to be written one paragraph a line, so each non-blank line is a paragraph.
        """
        if _BLANK_LINE.search(self.text):
            blocks = []
            start = 0
            for match in _BLANK_LINE.finditer(self.text):
                blocks.append((start, match.start()))
                start = match.end()
            blocks.append((start, len(self.text)))
        else:
            blocks = list(self.lines)
        return tuple(
            span for span in (_trim(self.text, s, e) for s, e in blocks) if span[0] < span[1]
        )

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Character spans of the sentences (Punkt, within each paragraph)."""
        tokenizer = sentence_tokenizer()
        spans: list[Span] = []
        for p_start, p_end in self.paragraphs:
            for s, e in tokenizer.span_tokenize(self.text[p_start:p_end]):
                spans.append((p_start + s, p_start + e))
        return tuple(spans)

    @cached_property
    def headline(self) -> Span | None:
        """The first paragraph when it stands as a headline: one line, with more paragraphs after it."""
        if len(self.paragraphs) < 2:
            return None
        start, end = self.paragraphs[0]
        return None if "\n" in self.text[start:end] else (start, end)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [start for start, _ in self.lines]

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) of a character offset.

        With an ``origin``, the line and column are the file's; ``end`` marks an exclusive end
        offset, which then points just past the file text of the character before it (the whole
        ``&#8217;`` a decoded ``’`` came from, not the tag that follows it).
        """
        if self.origin is not None:
            return self.origin.position(offset, end=end)
        index = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[index] + 1
        if self.record_line is not None:
            return self.record_line, column
        return index + 1, column

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph containing ``offset``, if any."""
        return _containing(self.paragraphs, offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing ``offset``, if any."""
        return _containing(self.sentences, offset)


def _containing(spans: tuple[Span, ...], offset: int) -> Span | None:
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return spans[index]
    return None


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@cache
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviation list; needs no downloaded model."""
    params = PunktParameters()
    params.abbrev_types = set(read_words("abbreviations.txt"))
    return PunktSentenceTokenizer(params)
