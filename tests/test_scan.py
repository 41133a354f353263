"""A pattern tried only where its start pattern matches finds what a whole scan finds."""

from __future__ import annotations

import random
import re

import pytest

from audit.rules import encoding, locale, numbering, punctuation
from audit.rules._scan import finditer_from

PAIRS = [
    (locale._UNGROUPED, locale._UNGROUPED_START),
    (locale._YEAR_FIRST, locale._YEAR_FIRST_START),
    (locale._CODE_AFTER, locale._FIGURE_START),
    (locale._GLUED_UNIT, locale._FIGURE_START),
    (locale._SPACED_PERCENT, locale._FIGURE_START),
    (locale._ORDINAL_DATE, locale._MONTH_START),
    (numbering._INDIAN_GROUPING, numbering._INDIAN_GROUPING_START),
    (encoding._MOJIBAKE, encoding._MOJIBAKE_START),
    (encoding._STRAY_PATTERN, encoding._STRAY_START),
    (punctuation._DOUBLED, punctuation._DOUBLED_START),
    (punctuation._SPACE_INSIDE, punctuation._SPACE_INSIDE_START),
    (punctuation._SPACE_BEFORE, punctuation._SPACE_BEFORE_START),
    (punctuation._GLUED, punctuation._GLUED_START),
    (punctuation._STRAIGHT_DOUBLE, punctuation._STRAIGHT_START),
]
# Characters the patterns care about, so that random text holds many near-matches.
ALPHABET = [
    *"0123456789012912 ,.-/:\n",
    *(" tonnes", " yuan", " USD", " May ", "2023", "1999", " 1500", "-05-", "/11/"),
    *(" %", "%", "GB", "Mbps", "kW", "th", "st", " Sept", "Oct", "Mar", ",00", ",12", " lakh"),
    *"âÃÂ€™©“”’é—ab аеоx※□◆\ue000",
    *"..;;::((([[]]) \t…!?\"”’'",
    *(" said.The", "ab.Cd", "xy?”Ab"),  # mojibake, Cyrillic look-alikes, stray symbols
]


# Shapes random text seldom holds, and near misses: dates written year first, ordinal dates,
# figures grouped the South-Asian way.
_YEARS = [
    "1999-12-31 and 2023, May 5",
    "on 2023.2.11, 2023/02/11 or 2022-13-01",
    "x2023-02-01 1999 May 5th, 2001-1-1.5",
    "(2020-05-05) 20201-05-05 2019 Sept 30 2018,Oct 2",
]
_SHAPES = [
    *_YEARS,
    "on May 5th, Sept. 21st and Oct 3rd; xMay 5th, May 32nd, March 1st",
    "1,00,000 and 12,34,567.5 or 1,23,45,678 lakh and 1,00,00,000 or 123,45,678 or ,12,34,567",
]


def _texts(count: int) -> list[str]:
    rng = random.Random(12)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80))) for _ in range(count)]


@pytest.mark.parametrize(
    ("pattern", "starts"),
    PAIRS,
    ids=[
        "ungrouped",
        "year-first",
        "code-after",
        "glued-unit",
        "spaced-percent",
        "ordinal-date",
        "indian-grouping",
        "mojibake",
        "stray",
        "doubled-punctuation",
        "space-inside-brackets",
        "space-before-punctuation",
        "glued-sentences",
        "straight-double",
    ],
)
def test_same_matches_as_a_whole_scan(pattern, starts) -> None:
    texts = [*_texts(3000), *_SHAPES, "in 5000 tonnes, 12000 tonnes"]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = [(m.span(), m.groupdict()) for m in finditer_from(pattern, starts, text)]
        assert found == expected, text


def test_some_texts_match() -> None:
    # The comparison above means something only if the random texts do match.
    texts = _texts(3000)
    assert sum(1 for text in texts if locale._UNGROUPED.search(text)) > 100
    assert sum(1 for text in _YEARS if locale._YEAR_FIRST.search(text)) == len(_YEARS)
    assert len(locale._ORDINAL_DATE.findall(_SHAPES[-2])) == 4
    assert len(numbering._INDIAN_GROUPING.findall(_SHAPES[-1])) >= 3
    assert sum(1 for text in texts if encoding._MOJIBAKE.search(text)) > 100
    assert sum(1 for text in texts if encoding._STRAY_PATTERN.search(text)) > 100
    assert sum(1 for text in texts if punctuation._DOUBLED.search(text)) > 100
    assert sum(1 for text in texts if punctuation._SPACE_INSIDE.search(text)) > 100
    assert sum(1 for text in texts if punctuation._SPACE_BEFORE.search(text)) > 100
    assert sum(1 for text in texts if punctuation._GLUED.search(text)) > 100


def test_amounts_tried_at_their_starts_are_those_of_a_whole_scan() -> None:
    # MT101 tries its amount pattern only at the starts it computes back from each unit word.
    rng = random.Random(5)
    pieces = [
        *"0123456789 ,.-\n\t(",
        *(" lakh", " Lakhs", "crore", " crores", "lac", " arab", "kharab", "place", " of", "of"),
        *("Rs", "Rs.", "INR", "Re", "₹", "one", "Two", "hundred", "five", "twenty", "a", "x"),
    ]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(20000)]
    matched = bare = 0
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in numbering._AMOUNT.finditer(text)]
        starts = numbering._amount_starts(text, text.lower())
        found = [(m.span(), m.groupdict()) for m in numbering._amount_matches(text, starts)]
        assert found == expected, text
        matched += bool(expected)
        expected = [m.span() for m in numbering._BARE.finditer(text)]
        found = [h.start for h in numbering._bare_units(text, text.lower())]
        assert found == [start for start, _ in expected], text
        bare += bool(expected)
    assert matched > 1000
    assert bare > 100


def test_never_final_phrases_tried_at_their_starts_are_those_of_a_whole_scan() -> None:
    # MT710 tries its pattern only at the starts of the last words before each stop.
    from audit.rules import shapes

    pattern, _ = shapes._never_final()
    rng = random.Random(9)
    pieces = [
        *" \t.!?”’)x,-'\n",
        *("the", "a", "an", "such", "as", "well", "according", "to", "in", "order", "of"),
        *("and", "X", "because", "rather", "than", "9", "am"),
    ]
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        for start, end in ((0, len(text)), (min(2, len(text)), max(min(2, len(text)), len(text) - 2))):
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, end)]
            found = [
                (m.span(), m.groupdict())
                for m in shapes._phrase_matches(pattern, text, start, end)
            ]
            assert found == expected, (text, start, end)
            matched += bool(expected)
    assert matched > 200


def test_lexicon_entries_tried_at_their_starts_are_those_of_a_whole_scan(tmp_path) -> None:
    # MT701 tries each entry only where its needle word says a match can start.
    from audit.rules import _lexicon

    lexicon = tmp_path / "calques_xx-en.tsv"
    rows = [
        "told that\t\twarning\tany\twas",
        "{Name} ji\t\twarning\texact\t",
        "Smt. {Name}\t\twarning\texact\t",
        "it is to be noted that\t\twarning\tany\t",
        "{Name} talking ji\t\twarning\texact\t",
        "that that\t\twarning\tany\t",
        "Straße\t\twarning\tany\t",
        "ji\t\twarning\texact\t",
        "{Name} sahab\t\twarning\tany\t",
    ]
    lexicon.write_text("\n".join(rows) + "\n", encoding="utf-8")
    entries = [*_lexicon.load("calques_hi-en.tsv"), *_lexicon.load(str(lexicon))]
    rng = random.Random(7)
    separators = [*(" ",) * 6, *"\t\n.,-’'\u00a0\u2003", "  ", ""]
    words = [
        *("told", "Told", "TOLD", "that", "THAT", "tHat", "that", "ji", "Ji", "Modi", "O’Neil"),
        *("Smt.", "Smt", "Shri", "Shrimati", "it", "is", "to", "be", "noted", "America", "x"),
        *("Election", "elections", "in", "such", "a", "situation", "said", "while", "talking"),
        *("İ", "ı", "ſ", "\u212a", "straße", "STRASSE", "-ji", "jiji", "Rajiv", "’Ram", "X-"),
        *("in such a", "It is to be", "noted that", "said while talking\tto", "Rao talking"),
        *("Shrimati Devi", "Shri Ram", "Smt Rao", "Smt.\nRao", "that that", "America Election"),
        *("Sahab", "sahab", "SAHAB", "rao sahab", "Rao Sahab"),
    ]
    matched: dict[str, int] = {}
    for _ in range(20000):
        text = "".join(
            rng.choice(words) + rng.choice(separators) for _ in range(rng.randint(0, 12))
        )
        for entry in entries:
            assert entry.ignore_case == bool(entry.pattern.flags & re.IGNORECASE)
            expected = [(m.span(), m.groupdict()) for m in entry.pattern.finditer(text)]
            found = [(m.span(), m.groupdict()) for m in _lexicon._occurrences(entry, text)]
            assert found == expected, (entry.pattern.pattern, text)
            key = entry.pattern.pattern
            matched[key] = matched.get(key, 0) + bool(expected)
    # Every entry matches, so the comparison means something.
    assert all(count > 5 for count in matched.values()), matched


def test_stops_before_capitals_are_left_out_and_no_other_match_changes() -> None:
    # MT210's pattern does not match where the word after the stop starts with a capital (the
    # rule passes over those); every other match is the one the pattern without that test finds.
    from audit.rules import boundaries

    whole = re.compile(
        r"(?P<stop>[.?!])(?P<close>[\"'”’)\]]*)[ \t\n]+[\"'“‘(\[]*(?P<word>[^\W\d_][\w’'-]*)"
    )
    rng = random.Random(11)
    pieces = [
        *".?!\"'”’)]“‘([ \t\n-",
        *(". ", "? ", "and", "the", "The", "U.S.", "e.g.", "É", "é", "9", "_"),
    ]
    matched = 0
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = [
            (m.span(), m.groupdict())
            for m in whole.finditer(text, start, end)
            if not "A" <= m["word"][0] <= "Z"
        ]
        found = [
            (m.span(), m.groupdict())
            for m in boundaries._STOP_THEN_WORD.finditer(text, start, end)
        ]
        assert found == expected, (text, start, end)
        matched += bool(expected)
    assert matched > 1000
