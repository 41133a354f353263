"""The document model: one article's text, segmented once and shared by every rule."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from audit.data import read_words

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
        """The first paragraph when it stands as a headline.

        It must be one line with more paragraphs after it, and shaped like a headline, not like
        the first sentence of a transcript or a lead cut in two: it opens with a capital, a
        figure or a quotation mark, not with a word of talk ("So", "Well", "Thank you", "I'm"),
        has no "I" outside quotation marks, and the paragraph after it does not go on in
        lowercase.
        """
        if len(self.paragraphs) < 2:
            return None
        start, end = self.paragraphs[0]
        line = self.text[start:end]
        if "\n" in line or not _headline_shaped(line):
            return None
        following = self.text[self.paragraphs[1][0] : self.paragraphs[1][1]]
        return None if following[:1].islower() else (start, end)

    @cached_property
    def subheadings(self) -> tuple[Span, ...]:
        """Short title-like lines between the paragraphs of a one-line-a-paragraph document.

        A subheading is one line of at most twenty words, between two paragraphs, shaped like a
        headline, that is not a sentence of the story: it ends with no sentence mark, or every
        word but the small ones is capitalised ("Prices Rise Again."), and the paragraph after it
        is longer than it. Datelines ("NEW DELHI:"), labels ending in a colon and lists of names
        (with commas or brackets) are not subheadings. The headline is not among them. Articles
        with blank lines between paragraphs are left to their blank lines: none is found there.
        """
        paragraphs = self.paragraphs
        if len(paragraphs) < 3 or _BLANK_LINE.search(self.text):
            return ()
        found = []
        for index in range(1, len(paragraphs) - 1):
            start, end = paragraphs[index]
            line = self.text[start:end]
            words = line.split()
            if len(words) > _MAX_HEADING_WORDS or not _headline_shaped(line):
                continue
            following = self.text[paragraphs[index + 1][0] : paragraphs[index + 1][1]]
            if len(following.split()) <= len(words):
                continue
            if line.rstrip(_CLOSING_MARKS)[-1:] in _SENTENCE_MARKS and not _title_case(words):
                continue
            if line.endswith(":") or line.isupper():
                continue
            found.append((start, end))
        return tuple(found)

    @property
    def headings(self) -> tuple[Span, ...]:
        """The headline, if any, then the subheadings."""
        return ((self.headline,) if self.headline else ()) + self.subheadings

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

    def file_offset(self, offset: int) -> int | None:
        """The offset in the file's text (line breaks as ``\\n``) of an offset of ``text``.

        Plain text is audited as it is in the file; readers of formats with markup map the
        audited text back to the file. None: the offset has no counterpart in the file.
        """
        return offset

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph containing ``offset``, if any."""
        return _containing(self.paragraphs, offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing ``offset``, if any."""
        return _containing(self.sentences, offset)


_MAX_HEADING_WORDS = 20
_SENTENCE_MARKS = ".!?,;:"
_CLOSING_MARKS = "\"'”’)]"
# The first words of talk, not of a headline: a transcript's first sentence starts this way.
_SPOKEN_OPENERS = frozenset(
    "so well and but okay ok yeah oh um uh thank thanks hello hi i i'm i’m i've i’ve "
    "i'd i’d i'll i’ll let's let’s".split()
)
_SPOKEN_PAIRS = frozenset({"good morning", "good afternoon", "good evening", "you know"})
_FIRST_PERSON = re.compile(r"(?<![\w’'])I(?:['’](?:m|ve|d|ll))?(?![\w’'])")
_QUOTED = re.compile(r"[\"“][^\"“”\n]*[\"”]")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to vs with".split()
)


def _headline_shaped(line: str) -> bool:
    """Whether a line could stand as a headline: not talk, not a fragment, not a sentence in "I"."""
    first = line.lstrip("\"'“‘(«[").split(" ", 1)[0]
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    if first.rstrip(",.!?:;").lower() in _SPOKEN_OPENERS:
        return False
    if " ".join(w.strip(",.!?:;").lower() for w in line.split()[:2]) in _SPOKEN_PAIRS:
        return False
    if line.rstrip()[-1:] in ",;":
        return False
    return _FIRST_PERSON.search(_QUOTED.sub("", line)) is None


def _title_case(words: list[str]) -> bool:
    """Whether every word but the small ones opens with a capital or a figure."""
    if any(mark in word for word in words for mark in ",;()"):
        return False  # a list of names: "J Pavey (Exeter Harriers)."
    content = [w.lstrip("\"'“‘") for w in words if w.lower() not in _SMALL_WORDS]
    return len(content) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in content if w)


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
