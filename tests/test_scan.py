"""A pattern tried only where its start pattern matches finds what a whole scan finds."""

from __future__ import annotations

import random

import pytest

from audit.rules import locale
from audit.rules._scan import finditer_from

PAIRS = [
    (locale._UNGROUPED, locale._UNGROUPED_START),
    (locale._YEAR_FIRST, locale._YEAR_FIRST_START),
]
# Characters the patterns care about, so that random text holds many near-matches.
ALPHABET = [
    *"0123456789012912 ,.-/:\n",
    *(" tonnes", " yuan", " USD", " May ", "2023", "1999", " 1500", "-05-", "/11/"),
]


def _texts(count: int) -> list[str]:
    rng = random.Random(12)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(count)]


@pytest.mark.parametrize(("pattern", "starts"), PAIRS, ids=["ungrouped", "year-first"])
def test_same_matches_as_a_whole_scan(pattern, starts) -> None:
    texts = [*_texts(3000), "1999-12-31 and 2023, May 5", "in 5000 tonnes, 12000 tonnes"]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groupdict()) for m in finditer_from(pattern, starts, text)]
        assert found == expected, text


def test_some_texts_match() -> None:
    # The comparison above means something only if the random texts do match.
    texts = _texts(3000)
    assert sum(1 for text in texts if locale._UNGROUPED.search(text)) > 100
    assert sum(1 for text in texts if locale._YEAR_FIRST.search(text)) > 10
