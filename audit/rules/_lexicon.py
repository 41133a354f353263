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
from audit.rules._text import may_contain

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


@cache
def load(name: str) -> tuple[Entry, ...]:
    """The compiled entries of a lexicon file; a malformed line is a ValueError naming it."""
    entries = []
    for row in read_table(name):
        cells = [*row, "", "", "", "", ""][:6]
        phrase, suggestion, severity, case, unless, why = cells
        if not phrase or case not in ("exact", "any"):
            raise ValueError(f"{name}: malformed line for {phrase!r} (case must be exact or any)")
        body = r"\s+".join(
            _NAME if word == "{Name}" else re.escape(word) for word in phrase.split()
        )
        flags = re.IGNORECASE if case == "any" else 0
        entries.append(
            Entry(
                pattern=re.compile(rf"(?<![\w-]){body}(?![\w-])", flags),
                suggestion=suggestion,
                severity=Severity.parse(severity),
                unless_after=frozenset(w.strip().lower() for w in unless.split(",") if w.strip()),
                why=why,
                needle=max((w for w in phrase.split() if w != "{Name}"), key=len, default=""),
            )
        )
    return tuple(entries)


_PREVIOUS_WORD = lazy_compile(r"([\w’']+)\W*$")


def matches(doc: Document, lexicon: str) -> Iterator[Hit]:
    """A hit for every occurrence of every entry of ``lexicon`` in the document."""
    text = doc.text
    for entry in load(lexicon):
        ignore_case = bool(entry.pattern.flags & re.IGNORECASE)
        if entry.needle and not may_contain(text, (entry.needle,), ignore_case=ignore_case):
            continue
        for match in entry.pattern.finditer(text):
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
