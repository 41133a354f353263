"""A pattern tried only where its start pattern matches finds what a whole scan finds."""

from __future__ import annotations

import random

import pytest

from audit.rules import encoding, locale
from audit.rules._scan import finditer_from

PAIRS = [
    (locale._UNGROUPED, locale._UNGROUPED_START),
    (locale._YEAR_FIRST, locale._YEAR_FIRST_START),
    (encoding._MOJIBAKE, encoding._MOJIBAKE_START),
    (encoding._STRAY_PATTERN, encoding._STRAY_START),
]
# Characters the patterns care about, so that random text holds many near-matches.
ALPHABET = [
    *"0123456789012912 ,.-/:\n",
    *(" tonnes", " yuan", " USD", " May ", "2023", "1999", " 1500", "-05-", "/11/"),
    *"âÃÂ€™©“”’é—ab аеоx※□◆\ue000",  # mojibake, Cyrillic look-alikes, stray symbols
]


# Dates written year first, and near misses, which random text seldom holds.
_YEARS = [
    "1999-12-31 and 2023, May 5",
    "on 2023.2.11, 2023/02/11 or 2022-13-01",
    "x2023-02-01 1999 May 5th, 2001-1-1.5",
    "(2020-05-05) 20201-05-05 2019 Sept 30 2018,Oct 2",
]


def _texts(count: int) -> list[str]:
    rng = random.Random(12)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(count)]


@pytest.mark.parametrize(("pattern", "starts"), PAIRS, ids=["ungrouped", "year-first", "mojibake", "stray"])
def test_same_matches_as_a_whole_scan(pattern, starts) -> None:
    texts = [*_texts(3000), *_YEARS, "in 5000 tonnes, 12000 tonnes"]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groupdict()) for m in finditer_from(pattern, starts, text)]
        assert found == expected, text


def test_some_texts_match() -> None:
    # The comparison above means something only if the random texts do match.
    texts = _texts(3000)
    assert sum(1 for text in texts if locale._UNGROUPED.search(text)) > 100
    assert sum(1 for text in _YEARS if locale._YEAR_FIRST.search(text)) == len(_YEARS)
    assert sum(1 for text in texts if encoding._MOJIBAKE.search(text)) > 100
    assert sum(1 for text in texts if encoding._STRAY_PATTERN.search(text)) > 100
