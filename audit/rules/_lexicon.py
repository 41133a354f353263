"""A rule kind driven by a lexicon: phrases, their suggested wording, a severity and why.

A lexicon is a TSV file in ``audit/data``: ``phrase, suggestion, severity, case, unless after,
why``. ``{Name}`` in a phrase stands for a capitalised word and is carried into the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from audit.data import read_table
from audit.document import Document
from audit.findings import Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._scan import matches_at, occurrences
from audit.rules._text import lowered

_NAME = r"(?P<name>[A-Z][\w’'-]+)"


@dataclass(frozen=True)
class Entry:
    """One lexicon line, compiled."""

    pattern: re.Pattern[str]
    suggestion: str
    severity: Severity
    unless_after: frozenset[str]
    why: str
    # The longest literal word of the phrase: the entry cannot match a text without it.
    needle: str = ""
    # How many words of the phrase come before the needle: a match starts that many words back.
    words_before_needle: int = 0
    # Case "any": the pattern ignores case (read here, not from its flags, on every document).
    ignore_case: bool = False


@cache
def load(name: str) -> tuple[Entry, ...]:
    """The compiled entries of a lexicon file; a malformed line is a ValueError naming it."""
    entries = []
    for row in read_table(name):
        cells = [*row, "", "", "", "", ""][:6]
        phrase, suggestion, severity, case, unless, why = cells
        if not phrase or case not in ("exact", "any"):
            raise ValueError(f"{name}: malformed line for {phrase!r} (case must be exact or any)")
        words = phrase.split()
        body = r"\s+".join(_NAME if word == "{Name}" else re.escape(word) for word in words)
        flags = re.IGNORECASE if case == "any" else 0
        needle = max((w for w in words if w != "{Name}"), key=len, default="")
        entries.append(
            Entry(
                pattern=re.compile(rf"(?<![\w-]){body}(?![\w-])", flags),
                suggestion=suggestion,
                severity=Severity.parse(severity),
                unless_after=frozenset(w.strip().lower() for w in unless.split(",") if w.strip()),
                why=why,
                needle=needle,
                words_before_needle=words.index(needle) if needle else 0,
                ignore_case=case == "any",
            )
        )
    return tuple(entries)


_PREVIOUS_WORD = lazy_compile(r"([\w’']+)\W*$")


def matches(doc: Document, lexicon: str) -> Iterator[Hit]:
    """A hit for every occurrence of every entry of ``lexicon`` in the document."""
    text = doc.text
    for entry in load(lexicon):
        for match in _occurrences(entry, text):
            if entry.unless_after:
                before = _PREVIOUS_WORD.search(text, max(0, match.start() - 40), match.start())
                if before and before.group(1).lower() in entry.unless_after:
                    continue
            suggestion = entry.suggestion
            if "{Name}" in suggestion and "name" in entry.pattern.groupindex:
                suggestion = suggestion.replace("{Name}", match["name"])
            yield Hit(
                match.start(),
                match.end(),
                f"“{match.group(0)}”: {entry.why}.",
                suggestion or None,
                entry.severity,
            )


def _occurrences(entry: Entry, text: str) -> Iterator[re.Match[str]]:
    """``entry.pattern.finditer(text)``, tried only where a match can start.

    The pattern opens with a look-behind, so a whole scan runs it at every position of the text.
    Every match holds the needle, a literal word, ``words_before_needle`` words in: found by
    ``str.find`` (in the lowered text when case is ignored), it says where the match can start;
    most texts hold no needle, and the entry costs them one ``str.find``. The starts come in
    text order, so the matches are the same, in the same order (see :func:`matches_at`).
    """
    needle, haystack = entry.needle, text
    if entry.ignore_case:
        # A word that is not plain ASCII can match letters its lower case does not show.
        haystack = lowered(text) if needle.isascii() else None
        needle = needle.lower()
    if not needle or haystack is None:
        yield from entry.pattern.finditer(text)
        return
    starts = (
        position
        for found in occurrences(haystack, needle)
        for position in _starts(text, found, entry.words_before_needle)
    )
    yield from matches_at(entry.pattern, text, starts)


def _starts(text: str, needle: int, words: int) -> range:
    """Where a match can start that has its needle at offset ``needle``, ``words`` words in.

    The words of a phrase hold no white space and are separated by white space (``\\s``, which is
    what ``str.isspace`` tests), so each word back is a run of white space, then a run of other
    characters; the match starts inside the first word's run (its look-behind lets a quotation
    mark stand before it). Linear: the runs walked back from two needles are never the same.
    """
    if words == 0:
        return range(needle, needle + 1)
    start = word_end = needle
    for _ in range(words):
        if start == 0 or not text[start - 1].isspace():
            return range(0)
        while start > 0 and text[start - 1].isspace():
            start -= 1
        word_end = start
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        if start == word_end:
            return range(0)
    return range(start, word_end)
