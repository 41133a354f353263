"""Repetition loops and doubled words: the signature of a decoder stuck in a loop.

Writers repeat on purpose too: a speaker's emphasis ("the cost, the cost of labour"), a sound
("ding, ding, ding"), a list of values ("0 degrees, 0 degrees, 120 degrees"), set scores
("6-3 6-3"), a title ("New York, New York", "Tora! Tora! Tora!"). What tells a decoder loop
apart is its mechanism: it copies a span verbatim, separators included, and it copies a long span
or copies it many times; deliberate repetition is short and few, and carries a mark of its purpose
(it is quoted speech, it holds a figure, it is a capitalised title, each copy is an exclamation).

Repeats are found in one pass over each paragraph's tokens: a unit of ``size`` words repeats from
token ``i`` exactly when token ``j`` equals token ``j + size`` for ``size`` tokens in a row from
``i``, so it is enough to follow each token back to its earlier occurrences within the longest
unit (a hash lookup) and keep, per size, the stretches where tokens match their counterpart.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit.config import Settings
from audit.data import read_words
from audit.document import Document, Span
from audit.findings import Applicability, Category, Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._registry import rule

_ALLOWED = read_words("repetition_allowed.txt")
# Words a writer never doubles on purpose: "the the", "to to", "than than" are slips.
_FUNCTION_WORDS = read_words("english_function_words.txt")
_JOINING_WORDS = frozenset(
    {"and", "or", "but", "nor", "of", "to", "the", "a", "an", "in", "on", "for", "with", "by", "at"}
)
# Words that join a word to itself in a figure of speech: more and more, day by day, day after
# day, face to face. Read one word out of phase, "and more and more" looks like a doubled phrase.
_FIGURE_LINKS = frozenset({"and", "or", "nor", "by", "after", "to", "upon"})
# A word, with its apostrophes and hyphens (break-in, in-fighting, 6-3), and a figure with its
# separators (1,000,000, 3.5, 10:30): "break-in in 1999" is no doubled "in", "1,000,000,000" no
# loop of "000". Separators only ever sit between two runs of word characters, so it is linear.
_TOKEN = lazy_compile(r"\w+(?:(?:['’‐-]|(?<=\d)[.,:/](?=\d))\w+)*")
_LONGEST_UNIT = 12  # words; longer loops are caught by their first twelve-word repeat
_LOOP = 3  # repeats that make a loop
# Deliberate repetition is short and few: at most this many words, at most this many copies.
_SHORT = 3
_FEW = 3
_OPENING_QUOTES = "\"'“‘«„"
_CLOSING_QUOTES = "\"'”’»"
_QUOTE_MARK = lazy_compile(
    r"[\"“”«»„]|(?P<opening>(?<![\w’'])[‘'](?=[^\W\d_]))|(?P<closing>(?<=[\w.,!?…])[’'](?!\w))"
)
_EXCLAMATION = frozenset({"!", "?"})


@dataclass(frozen=True)
class _Run:
    """``times`` back-to-back copies of a ``size``-word unit, from token ``first``."""

    first: int
    size: int
    times: int


@dataclass(frozen=True)
class _Repeat:
    """One run in one paragraph, with the paragraph's tokens to read it by."""

    paragraph: Span
    tokens: tuple[re.Match[str], ...]
    run: _Run
    quotes: _Quotes

    @property
    def start(self) -> int:
        return self.tokens[self.run.first].start()

    @property
    def end(self) -> int:
        return self.tokens[self.run.first + self.run.size * self.run.times - 1].end()

    def copy(self, number: int) -> tuple[re.Match[str], ...]:
        first = self.run.first + number * self.run.size
        return self.tokens[first : first + self.run.size]

    def separators(self, text: str) -> tuple[list[str], list[str]]:
        """What stands between the words of each copy, and between one copy and the next.

        White space is dropped, so "Bern, Bern" and "Bern,  Bern" read alike.
        """
        inner, between = [], []
        last = self.run.first + self.run.size * self.run.times - 1
        for index in range(self.run.first, last):
            gap = "".join(text[self.tokens[index].end() : self.tokens[index + 1].start()].split())
            boundary = (index - self.run.first + 1) % self.run.size == 0
            (between if boundary else inner).append(gap)
        return inner, between


def _runs(keys: list[str]) -> list[_Run]:
    """Back-to-back repeats in a token sequence, never overlapping, left to right.

    At each token the unit that covers most text wins, loops (three copies or more) before
    doubles, the shorter unit on a tie: "very very good, very very good, very very good" is one
    loop of "very very good", not a doubled "very".

    Linear in the number of tokens: each token is followed back through its earlier occurrences
    (a hash lookup) no further than the longest unit. For each unit size the tokens that equal
    the token ``size`` places on form stretches; a stretch of ``size`` or more such tokens from
    ``i`` is a run from ``i`` with ``1 + length // size`` copies.
    """
    # Per size, the stretches (first, last, size) of tokens equal to the one ``size`` places on;
    # only a stretch of ``size`` tokens or more holds a run, so only those are kept.
    stretches: list[tuple[int, int, int]] = []
    first_of = [0] * (_LONGEST_UNIT + 1)
    last_of = [-2] * (_LONGEST_UNIT + 1)
    seen: dict[str, int] = {}
    previous: list[int] = []
    for j, key in enumerate(keys):
        earlier = seen.get(key, -1)
        seen[key] = j
        previous.append(earlier)
        while earlier >= 0 and j - earlier <= _LONGEST_UNIT:
            size = j - earlier
            if last_of[size] != earlier - 1:
                if last_of[size] - first_of[size] + 1 >= size:
                    stretches.append((first_of[size], last_of[size], size))
                first_of[size] = earlier
            last_of[size] = earlier
            earlier = previous[earlier]
    for size in range(1, _LONGEST_UNIT + 1):
        if last_of[size] - first_of[size] + 1 >= size:
            stretches.append((first_of[size], last_of[size], size))
    # Only the part of a stretch from which a whole second copy follows starts a run.
    starts = sorted((first, last - size + 1, last, size) for first, last, size in stretches)
    runs: list[_Run] = []
    active: list[tuple[int, int, int, int]] = []
    position, pending = 0, 0
    while True:
        while pending < len(starts) and starts[pending][0] <= position:
            active.append(starts[pending])
            pending += 1
        active = [s for s in active if s[1] >= position]
        if not active:
            if pending == len(starts):
                return runs
            position = max(position, starts[pending][0])
            continue
        best: _Run | None = None
        for _, _, last, size in active:
            times = 1 + (last - position + 1) // size
            if best is None or _rank(times, size) > _rank(best.times, best.size):
                best = _Run(position, size, times)
        assert best is not None
        runs.append(best)
        position += best.size * best.times


def _rank(times: int, size: int) -> tuple[bool, int, int]:
    return times >= _LOOP, times * size, -size


class _Quotes:
    """Where quotations open and close in one paragraph, to tell quoted speech from narration.

    A straight double quotation mark opens and closes in turn; a curly one says which it is. A
    single mark counts only where it cannot be an apostrophe: opening after a space and before a
    letter (not before a figure: the '90s), closing after a word and before a space or
    punctuation. A paragraph that opens a
    quotation and never closes it is a quotation running on into the next paragraph.
    """

    def __init__(self, text: str, paragraph: Span) -> None:
        # Read on first use: most repeats are settled before anyone asks about quotations.
        self._text = text
        self._paragraph: Span | None = paragraph
        self._offsets: list[int] = []
        self._inside: list[bool] = []

    def _read(self, text: str, paragraph: Span) -> None:
        double = single = False
        for mark in _QUOTE_MARK.finditer(text, *paragraph):
            char = mark.group(0)
            if mark.lastgroup == "opening":
                single = True
            elif mark.lastgroup == "closing":
                single = False
            elif char == '"':
                double = not double
            else:
                double = char in "“«„"
            self._offsets.append(mark.end())
            self._inside.append(double or single)

    def inside(self, offset: int) -> bool:
        if self._paragraph is not None:
            self._read(self._text, self._paragraph)
            self._paragraph = None
        index = bisect.bisect_right(self._offsets, offset) - 1
        return index >= 0 and self._inside[index]


@lru_cache(maxsize=4)
def _paragraph_repeats(text: str, paragraphs: tuple[Span, ...]) -> tuple[_Repeat, ...]:
    # Shared by the three rules of the family: the text is tokenised and scanned once.
    repeats: list[_Repeat] = []
    for paragraph in paragraphs:
        keys = _keys(text[paragraph[0] : paragraph[1]])
        if not _may_repeat(keys):
            continue
        runs = _runs(keys)
        if not runs:
            continue
        # The repeats read no token after the end of the last run.
        needed = max(run.first + run.size * run.times for run in runs)
        tokens = tuple(itertools.islice(_TOKEN.finditer(text, *paragraph), needed))
        quotes = _Quotes(text, paragraph)
        repeats.extend(_Repeat(paragraph, tokens, run, quotes) for run in runs)
    return tuple(repeats)


def _may_repeat(keys: list[str]) -> bool:
    """False when the tokens hold no repeat at all, tested at the speed of a set.

    A unit of one word repeats only where a token equals the next; a unit of ``size`` words
    two or more only where two tokens in a row equal the two ``size`` places on, so some pair
    of consecutive tokens occurs twice. Most paragraphs have neither, and skip :func:`_runs`.
    """
    pairs = list(itertools.pairwise(keys))
    return len(set(pairs)) < len(pairs) or any(map(operator.eq, keys, keys[1:]))


def _keys(paragraph: str) -> list[str]:
    """The paragraph's words, casefolded, in order."""
    folded = paragraph.casefold()
    if len(folded) == len(paragraph):
        # Character for character, so the words fall where they fall in the original.
        return _TOKEN.findall(folded)
    # "ß" folds to "ss", "İ" to "i" and a combining dot: fold word by word. No character
    # folds into a line break, so one casefold of the words joined by line breaks will do.
    return "\n".join(_TOKEN.findall(paragraph)).casefold().split("\n")


def _repeats(doc: Document) -> tuple[_Repeat, ...]:
    return _paragraph_repeats(doc.text, doc.paragraphs)


def _is_chant(text: str, start: int, end: int, paragraph: Span) -> bool:
    """The whole quotation is the repeated phrase: a slogan or chant someone is quoted saying.

    Both ends need a quotation mark: a loop that fills the whole paragraph is not quoted.
    """
    before = text[paragraph[0] : start].rstrip()
    after = text[end : paragraph[1]].lstrip(" ,.!?…")
    return (
        before[-1:] != ""
        and before[-1] in _OPENING_QUOTES
        and after[:1] != ""
        and after[0] in _CLOSING_QUOTES
    )


def _is_verbatim(text: str, repeat: _Repeat) -> bool:
    """Every copy is written alike, punctuation included, as a decoder writes its loops.

    "what it is, not what it is not" and `indebted to". Man to Man` repeat words, not a span.
    """
    inner, between = repeat.separators(text)
    size = repeat.run.size - 1
    return all(inner[k] == inner[k % size] for k in range(len(inner))) and len(set(between)) == 1


def _letterless(repeat: _Repeat) -> bool:
    return not any(c.isalpha() for token in repeat.copy(0) for c in token.group(0))


def _has_figure(repeat: _Repeat) -> bool:
    return any(any(c.isdigit() for c in token.group(0)) for token in repeat.copy(0))


def _is_title(repeat: _Repeat) -> bool:
    """Every copy is capitalised as a name or title is: "New York, New York", "Man to Man"."""
    for number in range(repeat.run.times):
        words = [token.group(0) for token in repeat.copy(number)]
        if not (words[0][:1].isupper() and words[-1][:1].isupper()):
            return False
        if any(not w[:1].isupper() and w.casefold() not in _FUNCTION_WORDS for w in words):
            return False
    return True


def _is_deliberate(text: str, repeat: _Repeat) -> bool:
    """Figures alone; or a short span, few copies, and a mark of purpose.

    The marks: quoted speech, a figure, exclamations, a capitalised title (written twice, or
    three times without commas: "Sing Sing Sing" is a title, "Bern, Bern, Bern" a loop).
    """
    run = repeat.run
    if _letterless(repeat):
        return True  # figures alone: set scores, a list of values
    if run.size > _SHORT or run.times > _FEW:
        return False
    if repeat.quotes.inside(repeat.start):
        return True  # quoted speech: emphasis, a chant, a sound
    if _has_figure(repeat):
        return True  # a list of values: 0 degrees, 0 degrees, 120 degrees
    _, between = repeat.separators(text)
    if all(gap in _EXCLAMATION for gap in between):
        return True  # each copy an exclamation: No! No! No!
    if not _is_title(repeat):
        return False
    return run.times == 2 or all(gap in ("", "!") for gap in between)


@rule("MT401", "repetition-loop", Category.REPETITION, Severity.ERROR)
def repetition_loop(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A span repeated back to back three times or more: a decoder stuck in a loop.

    **What it catches.** "the Chinese bank's financial products, the Chinese bank's financial
    products, the Chinese bank's financial products, …" and "Bern, Bern, Bern, Bern". One finding
    per loop, spanning every copy. A decoder copies its span verbatim: every copy is written alike,
    punctuation included. A long span (four words or more) or four copies or more is a loop; a
    short span written three times is one unless it carries a mark of purpose (below).

    **Why it matters.** A translation model that starts repeating itself has stopped translating:
    the rest of the sentence is usually lost as well.

    **Bad:** deepening, deepening, deepening reform. **Good:** deepening reform.

    Left alone, when a span of up to three words is written three times: quoted speech ("ding,
    ding, ding", “the cost, the cost, the cost”), a list of values or scores, exclamations
    ("Tora! Tora! Tora!"), a quoted chant that is the whole quotation (“Out, out, out!”, at any
    length), and a word English repeats on purpose ("very, very, very", listed in
    ``audit/data/repetition_allowed.txt``). Figures alone (1,000,000,000) are never a loop.
    """
    text = doc.text
    for repeat in _repeats(doc):
        run = repeat.run
        if run.times < _LOOP or not _is_verbatim(text, repeat):
            continue
        start, end = repeat.start, repeat.end
        unit = repeat.tokens[run.first].group(0)
        if run.size == 1 and unit.casefold() in _ALLOWED and run.times <= _LOOP:
            continue
        if _is_deliberate(text, repeat) or _is_chant(text, start, end, repeat.paragraph):
            continue
        phrase = text[start : repeat.copy(0)[-1].end()]
        yield Hit(
            start,
            end,
            f"“{_clip(phrase)}” is repeated {run.times} times back to back: "
            "the translation is stuck in a loop.",
            phrase,
        )


@rule("MT402", "repeated-phrase", Category.REPETITION, Severity.WARNING, fix=Applicability.UNSAFE)
def repeated_phrase(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A phrase of two words or more written twice back to back.

    **What it catches.** "the new rules, the new rules apply from Monday": the second copy adds
    nothing. The copies may be separated by white space, a comma, a semicolon or a dash.

    **Why it matters.** A repeated phrase is the start of a decoding loop, or a segment that was
    translated twice and joined.

    **Bad:** the central bank said, the central bank said rates would rise.
    **Good:** the central bank said rates would rise.

    Left alone, for a phrase of up to three words: quoted speech, where speakers repeat for
    emphasis (“not the airlines, the airlines have no money”); a list of values or set scores
    ("0 degrees, 0 degrees", "6-3 6-3"); a capitalised title or name ("New York, New York").
    At any length: copies written differently ("what it is, not what it is not"), and "X and X"
    figures of speech ("stronger and stronger, and", "more and more"), read out of phase.
    """
    text = doc.text
    for repeat in _repeats(doc):
        run = repeat.run
        if run.times != 2 or run.size < 2:
            continue
        middle = repeat.copy(0)[-1].end(), repeat.copy(1)[0].start()
        gap = text[middle[0] : middle[1]]
        if gap.strip(" \t,;–—-"):
            continue  # a full stop or a quotation mark between the copies: two sentences
        if not _is_verbatim(text, repeat):
            continue
        words = [token.group(0).casefold() for token in repeat.copy(0)]
        if words[-1] in _JOINING_WORDS:
            continue  # "stronger and stronger, and": the unit is "X and", not a phrase
        if run.size == 2 and words[0] in _FIGURE_LINKS and not gap.strip():
            continue  # "and more and more": the figure "more and more", one word on
        start, end = repeat.start, repeat.end
        if _is_deliberate(text, repeat) or _is_chant(text, start, end, repeat.paragraph):
            continue
        phrase = text[start : middle[0]]
        yield Hit(start, end, f"“{_clip(phrase)}” is written twice back to back.", phrase)


@rule("MT403", "doubled-word", Category.REPETITION, Severity.WARNING, fix=Applicability.SAFE)
def doubled_word(doc: Document, settings: Settings) -> Iterator[Hit]:
    """The same word twice in a row, separated only by a space: "the the".

    **What it catches.** "the the", "of of", "said said".

    **Why it matters.** A doubled word is a typo in edited copy and a decoding slip in a
    translation; either way it is printed.

    **Bad:** the the minister said. **Good:** the minister said.

    Left alone: words English doubles on purpose ("had had", "that that", "bye bye", "very very",
    listed in ``audit/data/repetition_allowed.txt``), figures, words joined to another by a hyphen
    ("a break-in in May"), names written with a doubled capitalised word (Bora Bora, Baden
    Baden, Sirhan Sirhan), and a common noun before a name that begins with it ("the law lord
    Lord Bingham").
    """
    text = doc.text
    for repeat in _repeats(doc):
        run = repeat.run
        if run.times != 2 or run.size != 1:
            continue
        first, second = repeat.tokens[run.first], repeat.tokens[run.first + 1]
        word = first.group(0)
        if word.casefold() in _ALLOWED or not word.isalpha():
            continue
        if text[first.end() : second.start()] not in (" ", "\t"):
            continue
        if second.group(0)[0].isupper():
            continue  # Bora Bora, Sirhan Sirhan; law lord Lord Bingham
        yield Hit(
            first.start(),
            second.end(),
            f"“{word}” is written twice in a row.",
            word,
        )


def _clip(phrase: str, limit: int = 60) -> str:
    return phrase if len(phrase) <= limit else phrase[: limit - 1] + "…"
