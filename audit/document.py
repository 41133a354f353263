"""The document model: one article's text, segmented once and shared by every rule."""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from audit.data import read_words
from audit.lazy import lazy_compile

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from audit.filters.suppressions import Suppression

Span = tuple[int, int]
# One run of the position map: (text start, file start, file end, copied); see Document.
Run = tuple[int, int, int, bool]

_BLANK_LINE = lazy_compile(r"\n[ \t\r\f\v]*\n")


@dataclass
class Document:
    """One translated article (or one record of a bilingual file).

    ``text`` is the translation under audit. ``source`` and ``reference`` are the original and a
    human translation when the input carries them. ``record_line`` is set for documents read from
    record-per-line files (JSONL, TSV): every finding then reports that line. A unit of a
    translation file (XLIFF, TMX) carries its target's line there too, but having a position map
    it reports the file's own line and column of the offending text.

    Segmentation is lazy and cached: paragraphs, lines and sentences are computed the first time a
    rule asks for them and shared by all rules after that.

    **Position map.** Readers of marked-up formats (Markdown, HTML, XLIFF, TMX) audit only the
    prose of a file: ``text`` is then the prose cut out of the file, and ``original`` is the whole
    file's text. ``origin`` maps the one onto the other as runs ``(text start, file start, file
    end, copied)`` in text order, each ending where the next begins (the last at the text's end).
    A *copied* run is the file's own characters, one for one; any other run (a decoded ``&#8217;``,
    white space collapsed to one space, inline code standing as a placeholder word, a separator
    the reader inserted between blocks) stands as a whole for its file stretch, possibly empty.
    Build it with :class:`ProseBuilder`. Every finding's ``start``/``end`` (:meth:`file_span`) and
    ``line``/``column`` (:meth:`file_position`) then point into the file, so that
    ``original[start:end]`` is the offending text (the whole ``&#8217;`` for a decoded ``’``) and
    a fix can edit the file in place (:meth:`text_span`). Without ``original`` the file *is* the
    text and the map is the identity.
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
    # The whole file's text when ``text`` is the prose cut out of it (see "Position map").
    original: str | None = None
    origin: Sequence[Run] = ()
    # The headline's span when the format marks it (a Markdown file's first heading); None means
    # no marked headline, and ``headline_from_layout`` says whether to infer one from the layout.
    marked_headline: Span | None = None
    headline_from_layout: bool = True
    # Inline suppression comments found by the reader (``<!-- mtaudit: ignore MT101 -->``).
    suppressions: tuple[Suppression, ...] = ()

    @cached_property
    def characters(self) -> frozenset[str]:
        """Every distinct character of the text: one pass that lets a rule looking for rare
        characters (mojibake, controls, a foreign script) skip, in a set lookup, the many
        articles that hold none of them."""
        return frozenset(self.text)

    @cached_property
    def lines(self) -> tuple[Span, ...]:
        """Character spans of the physical lines, without their line breaks."""
        spans = []
        start = 0
        *broken, last = self.text.split("\n")
        for line in broken:  # each ended by "\n", or "\r\n", neither of them in the span
            end = start + len(line)
            spans.append((start, end - 1 if line.endswith("\r") else end))
            start = end + 1
        spans.append((start, start + len(last)))
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
        return tuple(span for paragraph in self.paragraphs for span in self._split(paragraph))

    def sentences_between(self, start: int, end: int) -> tuple[Span, ...]:
        """The sentences of the paragraphs that overlap ``start:end``.

        The same spans as :attr:`sentences` has there (each paragraph is segmented on its own),
        without segmenting the rest of the text: a rule that asks about one line of a long
        article pays for that line's paragraph alone.
        """
        paragraphs = self.paragraphs
        first = bisect.bisect_right(paragraphs, (start, float("inf"))) - 1
        if first < 0 or paragraphs[first][1] <= start:
            first += 1
        last = bisect.bisect_left(paragraphs, (end, -1))
        return tuple(
            span for paragraph in paragraphs[first:last] for span in self._split(paragraph)
        )

    def _split(self, paragraph: Span) -> tuple[Span, ...]:
        """One paragraph's sentences, segmented once."""
        found = self._paragraph_sentences.get(paragraph)
        if found is None:
            p_start, p_end = paragraph
            tokenizer = sentence_tokenizer()
            found = tuple(
                (p_start + s, p_start + e)
                for s, e in tokenizer.span_tokenize(self.text[p_start:p_end])
            )
            self._paragraph_sentences[paragraph] = found
        return found

    @cached_property
    def _paragraph_sentences(self) -> dict[Span, tuple[Span, ...]]:
        return {}

    @cached_property
    def headline(self) -> Span | None:
        """The first paragraph when it stands as a headline.

        It must be one line with more paragraphs after it, and shaped like a headline, not like
        the first sentence of a transcript or a lead cut in two: it opens with a capital, a
        figure or a quotation mark, not with a word of talk ("So", "Well", "Thank you", "I'm"),
        has no "I" outside quotation marks, and the paragraph after it does not go on in
        lowercase.

        A headline marked by the file's format (a Markdown heading) comes first.
        """
        if self.marked_headline is not None or not self.headline_from_layout:
            return self.marked_headline
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
            # Every test must pass; the cheapest come first, as most lines are sentences.
            if len(words) > _MAX_HEADING_WORDS or line.endswith(":") or line.isupper():
                continue
            if line.rstrip(_CLOSING_MARKS)[-1:] in _SENTENCE_MARKS and not _title_case(words):
                continue
            if not _headline_shaped(line):
                continue
            following = self.text[paragraphs[index + 1][0] : paragraphs[index + 1][1]]
            if len(following.split()) <= len(words):
                continue
            found.append((start, end))
        return tuple(found)

    @property
    def headings(self) -> tuple[Span, ...]:
        """The headline, if any, then the subheadings."""
        return ((self.headline,) if self.headline else ()) + self.subheadings

    @cached_property
    def _line_starts(self) -> list[int]:
        if self.original is None:
            return [start for start, _ in self.lines]
        return list(line_starts(self.original))

    @cached_property
    def _origin_starts(self) -> list[int]:
        return [run[0] for run in self.origin]

    def file_offset(self, offset: int, *, end: bool = False) -> int:
        """The file offset of a text offset (the identity when the text is the whole file).

        A start offset maps to where its character begins in the file; an ``end`` offset
        (exclusive) to where the character before it ends, so that a span mapped is the whole
        file stretch its characters came from, and stops before the markup that follows it.
        """
        if self.original is None or not self.origin:
            return offset
        if end and offset > 0:
            index = bisect.bisect_right(self._origin_starts, offset - 1) - 1
        elif offset >= len(self.text):
            return min(self.origin[-1][2], len(self.original))
        else:
            index = bisect.bisect_right(self._origin_starts, offset) - 1
        text_start, file_start, file_end, copied = self.origin[max(index, 0)]
        if copied:
            return min(file_start + offset - text_start, len(self.original))
        return file_end if end and offset > 0 else file_start

    def file_span(self, start: int, end: int) -> Span:
        """The file span of a text span: from where its first character begins to where its last
        one ends (a span ending where the prose skips markup, such as a link target or inline
        code, stops before it)."""
        file_start = self.file_offset(start)
        if end <= start:
            return file_start, file_start
        return file_start, max(file_start, self.file_offset(end, end=True))

    def text_span(self, file_start: int, file_end: int) -> Span | None:
        """The span of ``text`` that the file span ``[file_start, file_end)`` is, when that file
        span is one stretch of audited prose: runs contiguous in the text and in the file, copied
        ones character for character, and in between only white space or whole character
        references. None when it crosses markup or a block boundary, cuts a character reference,
        or lies outside the prose (code, front matter). A fix edits the file only where this is
        not None."""
        if self.original is None or not self.origin:
            return file_start, file_end
        index = self._run_starting(file_start, file_end)
        if index is None:
            return None
        text_start = None
        position = file_start
        for run_index in range(index, len(self.origin)):
            run_text, run_file_start, run_file_end, copied = self.origin[run_index]
            text_end = (
                self.origin[run_index + 1][0]
                if run_index + 1 < len(self.origin)
                else len(self.text)
            )
            if run_file_start > position or (run_index > index and run_file_start != position):
                return None
            if copied:
                at = run_text + position - run_file_start
                stop = min(run_file_end, file_end)
                if self.original[position:stop] != self.text[at : at + stop - position]:
                    return None
                text_start = at if text_start is None else text_start
                if stop == file_end:
                    return text_start, at + stop - position
            else:
                if run_file_end > file_end or not _stands_for(
                    self.original[run_file_start:run_file_end], self.text[run_text:text_end]
                ):
                    return None
                text_start = run_text if text_start is None else text_start
                if run_file_end == file_end:
                    return text_start, text_end
            position = run_file_end
        return None

    def _run_starting(self, file_start: int, file_end: int) -> int | None:
        """The index of the run in which the file span ``[file_start, file_end)`` starts."""
        for index, (_, run_start, run_end, copied) in enumerate(self.origin):
            if copied and run_start <= file_start < run_end:
                return index
            if not copied and run_start == file_start < run_end and file_start < file_end:
                return index
        return None

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the file of a text offset (``end``: see
        :meth:`file_offset`)."""
        return self.file_position(self.file_offset(offset, end=end))

    def file_position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a file offset.

        A record of a record-per-line file reports its record's line; a unit read with a
        position map (XLIFF, TMX) reports the file's own line and column of the text.
        """
        index = bisect.bisect_right(self._line_starts, offset) - 1
        column = offset - self._line_starts[index] + 1
        if self.record_line is not None and self.original is None:
            return self.record_line, column
        return index + 1, column

    def paragraph_at(self, offset: int) -> Span | None:
        """The paragraph containing ``offset``, if any."""
        return _containing(self.paragraphs, offset)

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence containing ``offset``, if any (only its paragraph is segmented)."""
        return _containing(self.sentences_between(offset, offset + 1), offset)


_MAX_HEADING_WORDS = 20
_SENTENCE_MARKS = ".!?,;:"
_CLOSING_MARKS = "\"'”’)]"
# The first words of talk, not of a headline: a transcript's first sentence starts this way.
_SPOKEN_OPENERS = frozenset(
    "so well and but okay ok yeah oh um uh thank thanks hello hi i i'm i’m i've i’ve "
    "i'd i’d i'll i’ll let's let’s".split()
)
_SPOKEN_PAIRS = frozenset({"good morning", "good afternoon", "good evening", "you know"})
_FIRST_PERSON = lazy_compile(r"(?<![\w’'])I(?:['’](?:m|ve|d|ll))?(?![\w’'])")
_QUOTED = lazy_compile(r"[\"“][^\"“”\n]*[\"”]")
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


class ProseBuilder:
    """Assembles a Document's ``text`` from a file's text, recording the position map.

    Readers call, in text order, :meth:`copy` for each run of prose kept as it is in the file,
    :meth:`replace` for text that stands for a stretch of the file as a whole (a decoded
    character reference, collapsed white space), :meth:`mask` for markup that stands in a
    sentence as a word (inline code), and :meth:`separate` or :meth:`insert` for text with no
    counterpart in the file (a paragraph break between blocks); :meth:`build` gives the text and
    its ``origin``.
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._length = 0
        self._masked = False
        self._separated = False

    def __len__(self) -> int:
        return self._length

    @property
    def length(self) -> int:
        """Length of the text assembled so far."""
        return self._length

    def copy(self, start: int, end: int) -> None:
        """Keep ``original[start:end]`` as prose."""
        if end > start:
            self._add(self.original[start:end], start, end, True)

    def replace(self, text: str, start: int, end: int) -> None:
        """Write ``text``, standing for the file stretch ``[start, end)`` as a whole."""
        if text:
            self._add(text, start, end, False)

    def insert(self, text: str, at: int) -> None:
        """Write ``text`` that is not in the file, placed at file offset ``at``."""
        self.replace(text, at, at)

    def mask(self, start: int, end: int) -> None:
        """Stand ``original[start:end]`` (markup such as inline code) in the text as one word of
        placeholder letters of the same length ("Xxxx"), line breaks kept, so that the sentence
        around it still reads as a sentence."""
        if end <= start:
            return
        continues = self._masked and bool(self._runs) and self._runs[-1][2] == start
        piece = "".join("\n" if c == "\n" else "x" for c in self.original[start:end])
        if not continues and piece[0] != "\n":
            piece = "X" + piece[1:]
        self.replace(piece, start, end)
        self._masked = True

    def separate(self, separator: str = "\n\n") -> None:
        """Insert a break between blocks at the end of the previous run; nothing is inserted
        before the first run or twice."""
        if not self._runs or self._separated:
            return
        self.insert(separator, self._runs[-1][2])
        self._separated = True

    def _add(self, text: str, start: int, end: int, copied: bool) -> None:
        last = self._runs[-1] if self._runs else None
        if copied and last is not None and last[3] and last[2] == start:
            # Contiguous with the previous copied run: one run, the same map.
            self._runs[-1] = (last[0], last[1], end, True)
        else:
            self._runs.append((self._length, start, end, copied))
        self._parts.append(text)
        self._length += len(text)
        self._masked = self._separated = False

    def build(self, anchor: int | None = None) -> tuple[str, tuple[Run, ...]]:
        """The text and its ``origin``; a trailing separator is dropped. An empty text is placed
        at file offset ``anchor`` when given (an empty ``<target>``)."""
        parts, runs = list(self._parts), list(self._runs)
        if self._separated:
            parts.pop()
            runs.pop()
        if not runs and anchor is not None:
            runs.append((0, anchor, anchor, False))
        return "".join(parts), tuple(runs)


_REFERENCE = lazy_compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _stands_for(written: str, text: str) -> bool:
    """Whether a replaced run may lie inside a fixed span: white space collapsed, or one whole
    character reference (never markup, code, or text the reader inserted)."""
    if written and not written.strip():
        return not text.strip()
    return _REFERENCE.fullmatch(written) is not None


def line_starts(file_text: str) -> tuple[int, ...]:
    """Offsets at which a file's lines start (lines end at ``\\n``)."""
    starts = [0]
    index = file_text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = file_text.find("\n", index + 1)
    return tuple(starts)


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
    language, token = _direct_patterns(punkt)
    tokenizer = punkt.PunktSentenceTokenizer(params, lang_vars=language(), token_cls=token)
    # Whether a candidate break is one depends on its context alone (the word before, the mark,
    # the word after: "said. The", "Mr. Smith") and the fixed parameters: the same contexts come
    # back in article after article, and are decided once.
    tokenizer.text_contains_sentbreak = lru_cache(maxsize=_DECIDED_CONTEXTS)(
        tokenizer.text_contains_sentbreak
    )
    return tokenizer


_DECIDED_CONTEXTS = 1 << 14  # a few MB at most


def _direct(pattern):  # type: ignore[no-untyped-def]
    """The compiled pattern inside nltk's time-limited wrapper (``nltk.redos``), if any.

    The wrapper guards patterns a caller supplies; Punkt's own are fixed and linear. Called
    directly, the same compiled pattern gives the same matches without the wrapper's cost on
    every call (a third of Punkt's time).
    """
    return getattr(pattern, "_rx", pattern)


def _direct_patterns(punkt):  # type: ignore[no-untyped-def]
    """Punkt's language variables and token class, calling their patterns directly."""
    non_punct = _direct(getattr(punkt, "_re_non_punct", None))

    class Language(punkt.PunktLanguageVars):  # type: ignore[misc, name-defined]
        __slots__ = ()
        re_boundary_realignment = _direct(punkt.PunktLanguageVars.re_boundary_realignment)

        def _word_tokenizer_re(self):  # type: ignore[no-untyped-def]
            return _direct(super()._word_tokenizer_re())

        def period_context_re(self):  # type: ignore[no-untyped-def]
            return _direct(super().period_context_re())

    class Token(punkt.PunktToken):  # type: ignore[misc, name-defined]
        __slots__ = ()
        _RE_ELLIPSIS = _direct(punkt.PunktToken._RE_ELLIPSIS)
        _RE_NUMERIC = _direct(punkt.PunktToken._RE_NUMERIC)
        _RE_INITIAL = _direct(punkt.PunktToken._RE_INITIAL)
        _RE_ALPHA = _direct(punkt.PunktToken._RE_ALPHA)

        if non_punct is not None:

            @property
            def is_non_punct(self):  # type: ignore[no-untyped-def]
                return non_punct.search(self.type)

    return Language, Token


# Modules of functions that Punkt binds when it loads but never calls to split sentences: nltk's
# file and pickle guards (used to load or save a trained model, which mtaudit never does) and the
# tokenizers' helpers (the base class's ``span_tokenize``, which Punkt overrides). Between them
# they import ``http.client``, ``ssl``, ``urllib.request``, ``socket`` and ``pickle``: two thirds
# of the cost of loading Punkt.
_DEFERRED_MODULES = ("nltk.pathsec", "nltk.picklesec", "nltk.tokenize.util")


class _Deferred(types.ModuleType):
    """Stands in for a module of functions: each one loads the real module when it is called."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__

        def forward(*args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(module), name)(*args, **kwargs)

        forward.__name__ = forward.__qualname__ = name
        return forward


def _punkt():  # type: ignore[no-untyped-def]
    """nltk's Punkt module, without running ``nltk/__init__.py`` when nltk is not loaded yet.

    The package's ``__init__`` imports most of nltk (corpora, metrics, numpy) and costs several
    times what Punkt itself does. Empty stand-ins for the ``nltk`` and ``nltk.tokenize`` packages
    let the submodules Punkt needs load on their own, and deferred stand-ins replace the guards
    of ``_DEFERRED_MODULES``. Everything loaded that way is then taken out of ``sys.modules``
    (the tokenizer keeps its own references), so that a later ``import nltk`` anywhere in the
    process loads the real, whole package as usual, and a deferred function called after that
    reaches the real module. Should a version of nltk need more of those modules while Punkt
    loads than their functions, Punkt is loaded with the whole package instead. One thread at a
    time, so that two first uses in the threads of one worker do not see, or take away, each
    other's stand-ins.
    """
    with _LOADING_PUNKT:
        if "nltk" not in sys.modules:
            try:
                return _punkt_alone()
            except Exception:  # whatever went wrong, the whole package below still loads Punkt
                pass
        from nltk.tokenize import punkt

        return punkt


_LOADING_PUNKT = threading.Lock()


def _punkt_alone():  # type: ignore[no-untyped-def]
    for name in ("nltk", "nltk.tokenize"):
        spec = importlib.util.find_spec(name)
        if spec is None:  # pragma: no cover - nltk is a core dependency
            raise ImportError(f"{name} is not installed")
        sys.modules[name] = importlib.util.module_from_spec(spec)
    for name in _DEFERRED_MODULES:
        sys.modules[name] = _Deferred(name)
    try:
        from nltk.tokenize import punkt
    finally:
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]
    return punkt
