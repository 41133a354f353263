"""Finding a pattern's matches faster when a cheap pattern says where they can start."""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_from(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where ``starts`` matches.

    A pattern that opens with a look-behind (``(?<![\\w.,])\\d…``) gives the regular-expression
    engine no first character to skip ahead to: it runs the whole pattern at every position of
    the text. ``starts`` must match one character, the first of every match of ``pattern``
    (``[1-9](?=\\d{3})`` for a four-digit figure): the engine finds those quickly, and the whole
    pattern is tried there alone. The matches are the same, in the same order: a match starts
    only where ``starts`` matches, each try looks behind into the text before it, as the scan
    does, and a start inside the previous match is skipped, as the scan skips it.
    """
    end = 0
    for candidate in starts.finditer(text):
        position = candidate.start()
        if position < end:
            continue
        match = pattern.match(text, position)
        if match is not None:
            yield match
            end = match.end()
