"""Quotation marks paired once per document, in one pass, and shared by the quotation rules.

Every quotation mark of an article is read once, left to right, and given a role: an opening or a
closing mark, an apostrophe (Ukraine’s, soldiers’, ’90s, rock ’n’ roll) or a measure (5' 10").
Opening marks wait on a stack until a closing mark of their kind pairs with them. What stays
unpaired is a problem the rules report (MT201, MT202); the pairs are what MT230 and MT232 read.

Two habits of news copy are followed:

- A quotation that runs over several paragraphs opens each paragraph with a fresh mark and closes
  only the last. The same happens inside one paragraph when a paragraph break was lost on export
  (`… a 30 point win. "We are a hard side …`): a fresh opening mark at the start of a sentence,
  while a quotation of its kind is still open, continues that quotation.
- Files written one sentence a line (segment files, pipeline dumps) split a quotation over
  several lines. In a document with no blank line, a quotation left open at the end of a line is
  carried to the next lines, for a few lines, and is paired there when a closing mark of its kind
  closes it; a segmenter can also leave the closing mark alone on the next line.

The analysis is linear in the number of marks: the stack is only pushed and popped, per-kind
counts answer "is a quotation of this kind open?", and the look-ahead that tells a plural
possessive from a closing single mark is computed once per paragraph, from the right.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from audit.document import Document, Span
from audit.lazy import lazy_compile
from audit.rules._scan import occurrences

# '' and "" are one mark: a typewriter double quotation mark, or a doubled one.
_MARK_CHARACTERS = "\"'“”‘’„«»"
_MARK = lazy_compile(r"''|\"\"|[" + _MARK_CHARACTERS + "]")
# Elisions written with a mark before the word: ’90s, ’em, ’til, rock ’n’ roll, ’bot; and 's whose
# noun was lost ("'s thunder").
_ELISIONS = lazy_compile(
    r"[’'‘](?:\d\d|em\b|til\b|cause\b|n[’'‘]|tis\b|twas\b|bots?\b|s\b)", re.IGNORECASE
)
_OPENERS = frozenset(" \t\n([{—–-/")
_CLOSER_FOLLOWERS = frozenset(" \t\n.,;:!?)]}—–-/…")
# A sentence end, with the closing marks of a quotation inside the quotation: ‘… it?’ “Then …
_SENTENCE_END = lazy_compile(r"[.?!…][)\]'’”\"]*[ \t]+$")
_BLANK_LINE = lazy_compile(r"\n[ \t\r\f\v]*\n")
# How many lines after its own a quotation may run on in a file written one sentence a line. A
# quotation of three or four sentences is common; further than that, an unclosed opening mark and
# a stray closing mark many lines down are two faults, not one quotation.
_LINES_A_QUOTATION_MAY_RUN_ON = 4
_LOOK_BACK = 12  # characters searched for the end of the sentence before an opening mark

OPEN, CLOSE, APOSTROPHE, MEASURE = "open", "close", "apostrophe", "measure"
ORPHAN_CLOSE, UNCLOSED_OPEN, LINE_INITIAL_CLOSE = "orphan-close", "unclosed-open", "line-initial"


class QuoteMark(NamedTuple):
    """One quotation mark (or apostrophe) of the text and the role it plays."""

    start: int
    end: int
    char: str
    double: bool
    straight: bool
    role: str


class Quotation(NamedTuple):
    """An opening mark and the closing mark that pairs with it; ``nested`` inside a double one."""

    opening: QuoteMark
    closing: QuoteMark
    nested: bool


class QuoteProblem(NamedTuple):
    """A mark left unpaired, or a closing mark cut off from its quotation by a line break."""

    mark: QuoteMark
    kind: str
    paragraph: Span


@dataclass(frozen=True)
class QuoteAnalysis:
    marks: tuple[QuoteMark, ...]
    quotations: tuple[Quotation, ...]
    problems: tuple[QuoteProblem, ...]


@dataclass
class _Open:
    mark: QuoteMark
    paragraph: int
    lines_run_on: int = 0


@dataclass
class _Pairing:
    """The state of the one pass: the stack of open quotations and a count per kind."""

    paragraphs: tuple[Span, ...]
    stack: list[_Open] = field(default_factory=list)
    open_double: int = 0
    open_single: int = 0
    open_straight_double: int = 0
    quotations: list[Quotation] = field(default_factory=list)
    problems: list[QuoteProblem] = field(default_factory=list)

    def open_of_kind(self, double: bool) -> int:
        return self.open_double if double else self.open_single

    def push(self, entry: _Open) -> None:
        self.stack.append(entry)
        self._count(entry.mark, 1)

    def pop(self) -> _Open:
        entry = self.stack.pop()
        self._count(entry.mark, -1)
        return entry

    def _count(self, mark: QuoteMark, step: int) -> None:
        if mark.double:
            self.open_double += step
            if mark.straight:
                self.open_straight_double += step
        else:
            self.open_single += step

    def problem(self, mark: QuoteMark, kind: str, paragraph: int) -> None:
        self.problems.append(QuoteProblem(mark, kind, self.paragraphs[paragraph]))

    def unclosed(self, entry: _Open) -> None:
        if entry.mark.straight and not entry.mark.double:
            return  # a typewriter ' before a word that nothing closes is an elision: 'orrible
        self.problem(entry.mark, UNCLOSED_OPEN, entry.paragraph)


_CACHE: dict[int, QuoteAnalysis] = {}


def quotation_marks(doc: Document) -> QuoteAnalysis:
    """The document's quotation marks, paired; computed once per Document and shared."""
    key = id(doc)
    analysis = _CACHE.get(key)
    if analysis is None:
        analysis = _analyse(doc)
        _CACHE[key] = analysis
        # Forget the analysis with its document, so that a reused id never finds a stale one.
        weakref.finalize(doc, _CACHE.pop, key, None)
    return analysis


def _analyse(doc: Document) -> QuoteAnalysis:
    text = doc.text
    paragraphs = doc.paragraphs
    one_sentence_a_line = len(paragraphs) > 1 and not _BLANK_LINE.search(text)
    state = _Pairing(paragraphs)
    marks: list[QuoteMark] = []
    by_paragraph = _marks_by_paragraph(text, paragraphs)
    for index, ((start, end), spans) in enumerate(zip(paragraphs, by_paragraph, strict=True)):
        if spans:
            found = [_read_mark(text, i, j, start, end) for i, j in spans]
            marks.extend(found)
            _pair_paragraph(text, state, index, found)
        if state.stack:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            _end_paragraph(text, state, following, one_sentence_a_line)
    problems = sorted(state.problems, key=lambda p: p.mark.start)
    return QuoteAnalysis(tuple(marks), tuple(state.quotations), tuple(problems))


def _marks_by_paragraph(text: str, paragraphs: tuple[Span, ...]) -> Iterator[list[Span]]:
    """Each paragraph's marks, as ``_MARK.finditer`` over the paragraph finds them.

    The regular expression runs at every character of the text; ``str.find`` skips to each
    mark character far faster, and half the paragraphs of news copy hold none. From the mark
    characters of a paragraph, left to right, the marks are read as the pattern reads them: a
    doubled straight mark ('' or "") inside the paragraph is one mark, any other character one.
    """
    positions = sorted(at for char in _MARK_CHARACTERS for at in occurrences(text, char))
    k = 0
    for start, end in paragraphs:
        while k < len(positions) and positions[k] < start:
            k += 1
        spans: list[Span] = []
        while k < len(positions) and positions[k] < end:
            i = positions[k]
            k += 1
            char = text[i]
            if char in "'\"" and i + 1 < end and text[i + 1] == char:
                spans.append((i, i + 2))
                k += 1  # the doubled mark's second character, the next position
            else:
                spans.append((i, i + 1))
        yield spans


def _read_mark(text: str, i: int, j: int, start: int, end: int) -> QuoteMark:
    char = text[i:j]
    double = char not in "‘’'"
    straight = char[0] in "\"'"
    return QuoteMark(i, j, char, double, straight, _role(text, i, j, start, end))


def _role(text: str, i: int, j: int, start: int, end: int) -> str:
    """'open', 'close', 'apostrophe', or 'either' for a straight double mark with no clue."""
    char = text[i:j]
    before = text[i - 1] if i > start else " "
    after = text[j] if j < end else " "
    if char in "“‘„«":
        if char == "‘" and _ELISIONS.match(text, i):
            return APOSTROPHE  # ‘90s written with the wrong mark
        return OPEN
    if char in "”»":
        return CLOSE
    if char in "’'":
        if before.isalnum() and after.isalnum():
            return APOSTROPHE  # Ukraine’s, don’t, o’clock
        if _ELISIONS.match(text, i) or (before == "n" and i >= 2 and text[i - 2] in "’'"):
            return APOSTROPHE  # ’90s, rock ’n’ roll
        if after.isalnum():
            return OPEN if before in _OPENERS or i == start else APOSTROPHE
        return CLOSE
    # A straight double mark, or '' / "" standing for one.
    opens = before in _OPENERS or i == start
    closes = after in _CLOSER_FOLLOWERS or j == end
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return "either"


def _single_close_follows(text: str, marks: list[QuoteMark]) -> list[bool]:
    """For each mark: whether a plain closing single mark comes later, before any opening mark.

    ‘The soldiers’ families,’ — the later mark, after punctuation, closes the quotation, so the ’
    after "soldiers" is a possessive; in 'All Golds' rugby … the All Blacks' tour, no such mark
    follows and the first one closes. Computed from the right, once per paragraph.
    """
    follows = [False] * len(marks)
    later = False
    for k in range(len(marks) - 1, -1, -1):
        follows[k] = later
        mark = marks[k]
        if mark.char in '‘“"' or mark.char in ("''", '""'):
            later = False
        elif (
            mark.char in "’'"
            and mark.start > 0
            and text[mark.start - 1] in ".,;:!?"
            and not (mark.end < len(text) and text[mark.end].isalnum())
        ):
            later = True
    return follows


def _at_sentence_start(text: str, mark: QuoteMark, paragraph_start: int) -> bool:
    if mark.start == paragraph_start:
        return True
    look_from = max(paragraph_start, mark.start - _LOOK_BACK)
    return _SENTENCE_END.search(text, look_from, mark.start) is not None


def _pair_paragraph(text: str, state: _Pairing, index: int, marks: list[QuoteMark]) -> None:
    start, end = state.paragraphs[index]
    single_close_follows = _single_close_follows(text, marks)
    for k, mark in enumerate(marks):
        role = mark.role
        if role == APOSTROPHE:
            continue
        before = text[mark.start - 1] if mark.start > start else " "
        if role == "either":
            role = CLOSE if state.open_straight_double else OPEN
            # A straight mark that starts a paragraph with a space or a dash after it is shaped
            # like a closing mark that lost its quotation: " - the teenager asked.
            if role == OPEN and mark.start == start and text[mark.end : mark.end + 1] in " -—–":
                role = CLOSE
        if role == OPEN:
            _open(text, state, index, mark, start)
            continue
        if not mark.double and not state.open_single:
            # A lone ’ after a word is a plural possessive (soldiers’); after punctuation
            # (,’ .’ ?’) it can only be a closing quotation mark.
            if before in ".,;:!?":
                state.problem(mark, ORPHAN_CLOSE, index)
            continue
        if not mark.double and before in "sS" and single_close_follows[k]:
            continue  # ‘The soldiers’ families,’ — the later mark closes the quotation
        _close(text, state, index, mark, start, end)


def _open(text: str, state: _Pairing, index: int, mark: QuoteMark, start: int) -> None:
    top = state.stack[-1] if state.stack else None
    if top is not None and top.mark.double == mark.double:
        if _at_sentence_start(text, mark, start):
            # The quotation goes on after a sentence end with a fresh mark: the earlier part
            # is continued, as in a quotation over several paragraphs.
            state.pop()
        elif top.paragraph != index:
            # A quotation carried from the line before that meets a new one in mid-sentence
            # was never closed.
            state.unclosed(state.pop())
    state.push(_Open(mark, index))


def _close(text: str, state: _Pairing, index: int, mark: QuoteMark, start: int, end: int) -> None:
    if not state.open_of_kind(mark.double):
        if mark.straight and mark.start > start and text[mark.start - 1].isdigit():
            return  # 5' 10", a 55" screen: feet and inches, not quotation marks
        state.problem(mark, ORPHAN_CLOSE, index)
        return
    while state.stack[-1].mark.double != mark.double:
        state.unclosed(state.pop())
    opening = state.pop()
    state.quotations.append(Quotation(opening.mark, mark, nested=state.open_double > 0))
    if opening.paragraph != index and mark.start == start:
        rest = text[mark.end : end]
        if any(ch.isalnum() for ch in rest):
            # ”—The teenager asked: the closing mark of the line before heads this one.
            state.problem(mark, LINE_INITIAL_CLOSE, index)


def _end_paragraph(
    text: str, state: _Pairing, following: Span | None, one_sentence_a_line: bool
) -> None:
    """Decide which open quotations run on into the next paragraph."""
    if not state.stack:
        return
    opening_kind = None
    if following is not None:
        first = _MARK.match(text, following[0])
        if first is not None:
            role = _role(text, first.start(), first.end(), following[0], following[1])
            if role == OPEN:
                opening_kind = first.group(0) not in "‘’'"
    if opening_kind is not None:
        # News style: the next paragraph opens with a fresh mark and continues the quotation.
        while state.stack and state.stack[-1].mark.double != opening_kind:
            state.unclosed(state.pop())
        if state.stack:
            return
    if following is None or not one_sentence_a_line:
        while state.stack:
            state.unclosed(state.pop())
        return
    # One sentence a line: carry the open quotations on, for a few lines.
    kept = []
    for entry in state.stack:
        entry.lines_run_on += 1
        if entry.lines_run_on > _LINES_A_QUOTATION_MAY_RUN_ON:
            state.unclosed(entry)
        else:
            kept.append(entry)
    if len(kept) != len(state.stack):
        while state.stack:
            state.pop()
        for entry in kept:
            state.push(entry)
