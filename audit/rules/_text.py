"""Small text tests shared by several rule families."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from audit.data import read_words
from audit.lazy import lazy_compile

_ABBREVIATIONS = read_words("abbreviations.txt")
_LEADING = "\"'“‘«([{—–-*_ \t"
_INITIALS = lazy_compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
# A US legislator's party and state: (D-Mass.), R-Ariz.
_AFFILIATION = lazy_compile(r"[DRI]-[A-Z][A-Za-z.]{0,5}")
_URLISH = lazy_compile(r"@|://|^www\.|\.(?:com|org|net|gov|edu|in|uk|io)\W*$", re.IGNORECASE)


# How far a rule looks behind a match: enough for the word or phrase before it, however long the
# line. Looking back to the start of the text (or of the paragraph) for every match makes a rule
# quadratic on a long line with many matches; a fixed reach keeps it linear.
LOOK_BACK = 100


def search_back(
    pattern: re.Pattern[str], text: str, offset: int, reach: int = LOOK_BACK
) -> re.Match[str] | None:
    """``pattern`` searched in the ``reach`` characters before ``offset`` (anchor it with ``$``).

    Look-behinds and ``\\b`` in the pattern still see the characters before the window.
    """
    return pattern.search(text, max(0, offset - reach), offset)


def run_start(
    text: str, offset: int, belongs: Callable[[str], bool], reach: int = LOOK_BACK
) -> int:
    """Where the run of characters that ``belongs`` accepts, ending at ``offset``, starts.

    A run longer than ``reach`` (no real word is) is cut to its last ``reach`` characters.
    """
    floor = max(0, offset - reach)
    start = offset
    while start > floor and belongs(text[start - 1]):
        start -= 1
    return start


# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not turn them
# into that letter: dotless ı and dotted İ (i), long ſ (s), the Kelvin sign (k).
_CASE_ODDITIES = frozenset("ıİſ\u212a")


def may_contain(text: str, words: Iterable[str], *, ignore_case: bool) -> bool:
    """False only when no word of ``words`` occurs in ``text`` (ignoring case if asked).

    A cheap test that lets a rule skip a costly pattern on the many articles that cannot match
    it; it never skips one that can (a word that is not plain ASCII, or a text with one of the
    case oddities above, always passes).
    """
    words = list(words)
    if any(not word.isascii() for word in words):
        return True
    if not ignore_case:
        return any(word in text for word in words)
    folded = lowered(text)
    return folded is None or any(word.lower() in folded for word in words)


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """``text.lower()``, or None when the text holds one of the case oddities above.

    Without them, a plain-ASCII word matches case-insensitively (re.IGNORECASE) at an offset of
    the text exactly where its lower case occurs at that offset of the lowered text: lowering then
    keeps every character in its place. Cached: the rules of one document ask about the same text
    many times. The oddities are looked for one by one, each a fast substring search, not a set
    lookup for every character of the text.
    """
    return None if any(odd in text for odd in _CASE_ODDITIES) else text.lower()


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal words, longest first so the longest wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def is_abbreviation(bare: str) -> bool:
    """Whether a word, without its final full stop, is a listed abbreviation or initials (J, J.K)."""
    return bare.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(bare) is not None


def ends_like_abbreviation(token: str) -> bool:
    """Whether a token ending in a full stop is an abbreviation, an initial or a web address.

    ``U.S.``, ``Dr.``, ``a.m.``, ``J.``, ``(D-Mass.)``, ``example.com.`` — a full stop after these need not end
    the sentence.
    """
    bare = token.rstrip(".?!").lstrip(_LEADING)
    return (
        is_abbreviation(bare)
        or _AFFILIATION.fullmatch(bare) is not None
        or _URLISH.search(bare) is not None
    )
