"""Finding a pattern's matches faster when it is known where they can start."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def finditer_from(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where ``starts`` matches.

    A pattern that opens with a look-behind (``(?<![\\w.,])\\d…``) gives the regular-expression
    engine no first character to skip ahead to: it runs the whole pattern at every position of
    the text. ``starts`` must match one character, the first of every match of ``pattern``
    (``[1-9](?=\\d{3})`` for a four-digit figure): the engine finds those quickly, and the whole
    pattern is tried there alone (see :func:`matches_at`).
    """
    return matches_at(pattern, text, (candidate.start() for candidate in starts.finditer(text)))


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, 0, endpos)`` when every match starts at one of ``starts``.

    ``starts`` come in text order. The matches are the same, in the same order: each try looks
    behind into the text before it, as the scan does, and a start inside the previous match is
    skipped, as the scan skips it.
    """
    end = 0
    for position in starts:
        if position < end:
            continue
        if endpos is None:
            match = pattern.match(text, position)
        else:
            match = pattern.match(text, position, endpos)
        if match is not None:
            yield match
            end = match.end()


def occurrences(text: str, word: str) -> Iterator[int]:
    """Every offset where ``word`` occurs in ``text``, in order, overlapping ones included."""
    at = text.find(word)
    while at != -1:
        yield at
        at = text.find(word, at + 1)
