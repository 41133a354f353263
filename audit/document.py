"""The document model: one article's text, segmented once and shared by every rule."""

from __future__ import annotations

import bisect
import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING

from audit.data import read_words

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass
class Document:
    """One translated article (or one record of a bilingual file).

    ``text`` is the translation under audit. ``source`` and ``reference`` are the original and a
    human translation when the input carries them. ``record_line`` is set for documents read from
    record-per-line files (JSONL, TSV): every finding then reports that line.

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

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
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
    punkt = _punkt()
    params = punkt.PunktParameters()
    params.abbrev_types = set(read_words("abbreviations.txt"))
    return punkt.PunktSentenceTokenizer(params)


def _punkt():  # type: ignore[no-untyped-def]
    """nltk's Punkt module, without running ``nltk/__init__.py`` when nltk is not loaded yet.

    The package's ``__init__`` imports most of nltk (corpora, metrics, numpy) and costs several
    times what Punkt itself does. Empty stand-ins for the ``nltk`` and ``nltk.tokenize`` packages
    let the submodules Punkt needs load on their own. Everything loaded that way is then taken out
    of ``sys.modules`` (the tokenizer keeps its own references), so that a later ``import nltk``
    anywhere in the process loads the real, whole package as usual.
    """
    if "nltk" in sys.modules:
        from nltk.tokenize import punkt

        return punkt
    for name in ("nltk", "nltk.tokenize"):
        spec = importlib.util.find_spec(name)
        if spec is None:  # pragma: no cover - nltk is a core dependency
            raise ImportError(f"{name} is not installed")
        sys.modules[name] = importlib.util.module_from_spec(spec)
    try:
        from nltk.tokenize import punkt
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]
    return punkt
