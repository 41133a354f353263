"""The word pre-filter that lets rules skip costly patterns never skips a text that can match."""

from __future__ import annotations

import re

import pytest

from audit.rules._text import may_contain

TEXTS = (
    "Rs 5 crore was paid.",
    "Rs 5 CRORE was paid.",
    "2 \u212aharab rupees",  # Kelvin sign: matches k when case is ignored
    "lakhſ of people",  # long s
    "TOLD THAT",
    "He was told that. İt rained.",  # dotted capital I
    "ıs it",  # dotless i
    "Nothing to see here: prices rose 3% on Monday.",
)
WORDS = ("crore", "kharab", "lakhs", "told", "is", "it")


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("word", WORDS)
def test_no_text_a_pattern_can_match_is_skipped(text: str, word: str) -> None:
    for flags, ignore_case in ((re.IGNORECASE, True), (0, False)):
        if re.search(re.escape(word), text, flags):
            assert may_contain(text, [word], ignore_case=ignore_case)


def test_texts_without_the_word_are_skipped() -> None:
    assert not may_contain(TEXTS[-1], ["crore", "lakh"], ignore_case=True)
    assert not may_contain("Rs 5 Crore", ["crore"], ignore_case=False)
    assert may_contain("Rs 5 Crore", ["crore"], ignore_case=True)
