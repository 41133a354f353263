"""Repetition loops and doubled words: the signature of a decoder stuck in a loop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit.config import Settings
from audit.data import read_words
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.rules._registry import rule

_ALLOWED = read_words("repetition_allowed.txt")
_JOINING_WORDS = frozenset(
    {"and", "or", "but", "nor", "of", "to", "the", "a", "an", "in", "on", "for", "with", "by", "at"}
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_LONGEST_UNIT = 12  # words; longer loops are caught by their first twelve-word repeat
_LOOP = 3  # repeats that make a loop
_OPENING_QUOTES = "\"'“‘«"
_CLOSING_QUOTES = "\"'”’»"


@dataclass(frozen=True)
class _Run:
    """``times`` back-to-back copies of a ``size``-word unit, from token ``first``."""

    first: int
    size: int
    times: int


def _runs(keys: list[str]) -> Iterator[_Run]:
    """Back-to-back repeats in a token sequence, never overlapping.

    At each token the unit that covers most text wins, loops (three copies or more) before
    doubles, the shorter unit on a tie: "very very good, very very good, very very good" is one
    loop of "very very good", not a doubled "very". Linear in the number of tokens.
    """
    i = 0
    while i < len(keys):
        best: _Run | None = None
        for size in range(1, _LONGEST_UNIT + 1):
            if i + 2 * size > len(keys):
                break
            if keys[i + size] != keys[i]:
                continue
            times = 1
            while (
                i + (times + 1) * size <= len(keys)
                and keys[i + times * size : i + (times + 1) * size] == keys[i : i + size]
            ):
                times += 1
            if times > 1 and (best is None or _rank(times, size) > _rank(best.times, best.size)):
                best = _Run(i, size, times)
        if best is None:
            i += 1
            continue
        yield best
        i += best.size * best.times


def _rank(times: int, size: int) -> tuple[bool, int, int]:
    return times >= _LOOP, times * size, -size


def _repeats(doc: Document) -> Iterator[tuple[tuple[int, int], list[re.Match[str]], _Run]]:
    for paragraph in doc.paragraphs:
        tokens = list(_TOKEN.finditer(doc.text, *paragraph))
        for run in _runs([t.group(0).casefold() for t in tokens]):
            yield paragraph, tokens, run


def _is_chant(text: str, start: int, end: int, paragraph: tuple[int, int]) -> bool:
    """The whole quotation is the repeated phrase: a slogan or chant someone is quoted saying."""
    before = text[paragraph[0] : start].rstrip()
    after = text[end : paragraph[1]].lstrip(" ,.!?…")
    return before[-1:] in _OPENING_QUOTES and after[:1] in _CLOSING_QUOTES


@rule("MT401", "repetition-loop", Category.REPETITION, Severity.ERROR)
def repetition_loop(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A word or phrase repeated back to back three times or more: a decoder stuck in a loop.

    **What it catches.** "the Chinese bank's financial products, the Chinese bank's financial
    products, the Chinese bank's financial products, …" and "Bern, Bern, Bern, Bern". One finding
    per loop, spanning every copy, whatever punctuation separates them.

    **Why it matters.** A translation model that starts repeating itself has stopped translating:
    the rest of the sentence is usually lost as well.

    **Bad:** deepening, deepening, deepening reform. **Good:** deepening reform.

    Left alone: a quoted chant that is the whole quotation (“Out, out, out!”), and a word
    English repeats on purpose ("very, very, very", listed in ``audit/data/repetition_allowed.txt``)
    unless it runs to four copies or more.
    """
    text = doc.text
    for paragraph, tokens, run in _repeats(doc):
        if run.times < _LOOP:
            continue
        start = tokens[run.first].start()
        end = tokens[run.first + run.size * run.times - 1].end()
        unit = tokens[run.first].group(0)
        if run.size == 1 and unit.casefold() in _ALLOWED and run.times <= _LOOP:
            continue
        if _is_chant(text, start, end, paragraph):
            continue
        phrase = text[start : tokens[run.first + run.size - 1].end()]
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

    Left alone: a quoted chant or slogan that is the whole quotation (“Lock him up, lock him up”),
    and "X and X" figures of speech ("stronger and stronger, and"), where the apparent unit ends
    on a function word.
    """
    text = doc.text
    for paragraph, tokens, run in _repeats(doc):
        if run.times != 2 or run.size < 2:
            continue
        middle = tokens[run.first + run.size - 1].end(), tokens[run.first + run.size].start()
        if text[middle[0] : middle[1]].strip(" \t,;–—-"):
            continue  # a full stop or a quotation mark between the copies: two sentences
        if tokens[run.first + run.size - 1].group(0).casefold() in _JOINING_WORDS:
            continue  # "stronger and stronger, and": the unit is "X and", not a phrase
        start = tokens[run.first].start()
        end = tokens[run.first + 2 * run.size - 1].end()
        if _is_chant(text, start, end, paragraph):
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
    listed in ``audit/data/repetition_allowed.txt``), figures, and names written with a doubled
    capitalised word (Bora Bora, Baden Baden, Sirhan Sirhan).
    """
    text = doc.text
    for _, tokens, run in _repeats(doc):
        if run.times != 2 or run.size != 1:
            continue
        first, second = tokens[run.first], tokens[run.first + 1]
        word = first.group(0)
        if word.casefold() in _ALLOWED or not word.isalpha():
            continue
        if text[first.end() : second.start()] not in (" ", "\t"):
            continue
        if word[0].isupper() and second.group(0)[0].isupper():
            continue  # Bora Bora, Sirhan Sirhan
        yield Hit(
            first.start(),
            second.end(),
            f"“{word}” is written twice in a row.",
            word,
        )


def _clip(phrase: str, limit: int = 60) -> str:
    return phrase if len(phrase) <= limit else phrase[: limit - 1] + "…"
