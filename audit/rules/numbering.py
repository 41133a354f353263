"""South-Asian numbering left in international English: lakh and crore, and 1,00,000 grouping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from audit.config import Settings
from audit.data import read_table
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity, shorten
from audit.lazy import lazy_compile
from audit.numbers import group_thousands
from audit.rules._registry import rule
from audit.rules._scan import finditer_from, matches_at, occurrences
from audit.rules._text import alternation, lowered, may_contain

_UNITS = {
    word.lower(): (Decimal(value), ambiguous == "yes")
    for word, value, ambiguous in read_table("south_asian_units.tsv")
}
_WORDS = {
    row[0].lower(): (Decimal(row[1]) if len(row) > 1 and row[1] else None)
    for row in read_table("number_words.tsv")
}


_CURRENCY = r"(?:Rs\.?|INR|Re\.?|₹)"
_FIGURE = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = rf"(?:{alternation(_WORDS)})"
_UNIT = rf"(?:{alternation(_UNITS)})"
_AMOUNT = lazy_compile(
    rf"(?<![\w.,])(?:(?P<currency>{_CURRENCY})\s?)?"
    rf"(?:(?P<figure>{_FIGURE})|(?P<words>\b{_WORD}(?:[\s-]{_WORD})?))"
    rf"[\s-]+(?P<unit>{_UNIT})(?:\s+(?P<unit2>crores?))?\b",
    re.IGNORECASE,
)
_BARE = lazy_compile(r"\b(?P<unit>lakhs|crores)\s+of\b", re.IGNORECASE)
_INDIAN_GROUPING = lazy_compile(
    rf"(?<![\d,.])\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?:\.\d+)?(?![\d,]|\.\d|[\s-]+{_UNIT}\b)",
    re.IGNORECASE,
)
# Where a match of _INDIAN_GROUPING can start: a figure's first digit before a two-digit group.
_INDIAN_GROUPING_START = lazy_compile(r"\d(?=\d?,\d\d,)")


@rule(
    "MT101",
    "south-asian-number-word",
    Category.NUMBER_FORMAT,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def south_asian_number_word(doc: Document, settings: Settings) -> Iterator[Hit]:
    """Lakh, crore, arab or kharab after a figure or a number word.

    **What it catches.** "1 Lakh Russian soldiers", "1.5 lakh", "Rs 5 crore", "₹3,000 crore",
    "two crore", "2 lakh crore", "lakhs of people". 1 lakh = 100,000; 1 crore = 10 million;
    1 arab = 1 billion; 1 kharab = 100 billion.

    **Why it matters.** The South-Asian numbering system is right in Indian English but opaque to
    international readers: in an article for them, it gives away a translation from Hindi or
    another South-Asian language. The suggestion gives the international figure, exactly (1.25
    lakh crore is 1.25 trillion; no digit is rounded away), and the currency sign is kept. (A newsroom that
    publishes in Indian English can turn the rule off with ``ignore = ["MT101", "MT102"]``.)

    **Bad:** Rs 5 crore was paid. **Good:** Rs 50 million was paid.

    Names that merely contain the letters (Lakhimpur, Lakhani) are left alone, and "Arab" is
    matched only in lowercase after a figure ("22 Arab states" is prose).
    """
    text = doc.text
    if not may_contain(text, _UNITS, ignore_case=True):
        return  # no lakh, crore, arab or kharab: most articles
    # The text in lowercase, offset for offset: None when case-insensitive matching could see a
    # unit that the lowercase text does not show. Shared with the test above (it is cached).
    lowercase = lowered(text)
    yield from _amounts(text, _amount_starts(text, lowercase))
    if may_contain(text, ("lakhs", "crores"), ignore_case=True):
        yield from _bare_units(text, lowercase)


# A currency sign and its space at most: "INR ", "Rs. ".
_LONGEST_CURRENCY = 4
_WORDS_ARE_LETTERS = all(char.isalpha() for word in _WORDS for char in word)


def _amount_starts(text: str, lowered: str | None) -> list[int] | None:
    """Every position where a match of ``_AMOUNT`` can start, or None to try them all.

    An amount ends on a unit word after white space or a hyphen; before that white space come a
    figure (digits, commas, full stops) or one or two number words (letters, one space or hyphen
    between them), and before that a currency sign of four characters at most. Walking back
    from each unit over those characters bounds where its amount can start, so that the pattern
    (which opens with a look-behind and gives the engine nothing to skip ahead to) is tried at
    a few dozen positions per unit instead of every position of the text. A unit after no white
    space or hyphen ("lac" in "place") gives none: most articles with such a word have no start.
    """
    if not _WORDS_ARE_LETTERS or lowered is None:
        return None
    starts: set[int] = set()
    for unit in _UNITS:
        for at in occurrences(lowered, unit):
            gap = at
            while gap > 0 and _is_gap(text[gap - 1]):
                gap -= 1
            if gap < at:
                figure = gap
                while figure > 0 and (text[figure - 1].isdecimal() or text[figure - 1] in ",."):
                    figure -= 1
                words = _letters_before(text, gap)
                if words > 1 and _is_gap(text[words - 1]) and text[words - 2].isalpha():
                    words = _letters_before(text, words - 1)
                starts.update(range(max(0, min(figure, words) - _LONGEST_CURRENCY), at))
    return sorted(starts)


def _is_gap(char: str) -> bool:
    return char.isspace() or char == "-"  # the pattern's [\s-]


def _letters_before(text: str, end: int) -> int:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _amount_matches(text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """``_AMOUNT.finditer(text)``, tried only at ``starts`` (all positions when None)."""
    if starts is None:
        return _AMOUNT.finditer(text)
    return matches_at(_AMOUNT, text, starts)


def _amounts(text: str, starts: list[int] | None) -> Iterator[Hit]:
    for match in _amount_matches(text, starts):
        unit = match["unit"]
        _, ambiguous = _UNITS[unit.lower()]
        if ambiguous and (unit != unit.lower() or match["figure"] is None):
            continue
        amount = _amount(match)
        international = None if amount is None else _international(amount, match["currency"])
        phrase = shorten(match.group(0))
        message = f"“{phrase}” uses South-Asian numbering ({_explain(unit)})"
        if international:
            message += f"; international English writes “{international}”."
        else:
            message += "."
        yield Hit(match.start(), match.end(), message, international)


def _bare_units(text: str, lowered: str | None) -> Iterator[Hit]:
    if lowered is None:
        matches: Iterator[re.Match[str]] = _BARE.finditer(text)
    else:  # a match starts on its unit word: try the pattern there alone
        starts = sorted([*occurrences(lowered, "lakhs"), *occurrences(lowered, "crores")])
        matches = matches_at(_BARE, text, starts)
    for match in matches:
        yield Hit(
            match.start(),
            match.end(),
            f"“{match.group(0)}” uses South-Asian numbering ({_explain(match['unit'])}).",
            _same_case(
                match["unit"],
                "hundreds of thousands of" if match["unit"].lower() == "lakhs" else "tens of millions of",
            ),
            fix=Applicability.UNSAFE,  # a paraphrase, not a conversion
        )


@rule(
    "MT102",
    "indian-digit-grouping",
    Category.NUMBER_FORMAT,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def indian_digit_grouping(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A figure grouped the South-Asian way: 1,00,000 or 12,34,567.

    **What it catches.** Digits grouped in twos above the thousands (lakh grouping).

    **Why it matters.** International English groups digits in threes; 1,00,000 reads as a typo
    to anyone outside South Asia. The suggestion regroups the figure.

    **Bad:** 1,00,000 people attended. **Good:** 100,000 people attended.
    """
    if not re.search(r",\d\d,\d", doc.text):
        return  # a cheaper pattern: every such figure has a two-digit group between commas
    for match in finditer_from(_INDIAN_GROUPING, _INDIAN_GROUPING_START, doc.text):
        figure = match.group(0)
        whole, _, fraction = figure.replace(",", "").partition(".")
        regrouped = group_thousands(whole) + (f".{fraction}" if fraction else "")
        yield Hit(
            match.start(),
            match.end(),
            f"“{shorten(figure)}” is grouped the South-Asian way; international English writes "
            f"“{shorten(regrouped)}”.",
            regrouped,
        )


def _same_case(word: str, phrase: str) -> str:
    return phrase[0].upper() + phrase[1:] if word[:1].isupper() else phrase


def _explain(unit: str) -> str:
    value, _ = _UNITS[unit.lower()]
    singular = (
        unit.lower().rstrip("s") if unit.lower() not in ("lakhs", "lacs") else unit.lower()[:-1]
    )
    return f"1 {singular} = {_format(value)}"


# A figure with more digits than this is no amount a reader takes in: no international figure
# is suggested for it (and Decimal arithmetic stays within its precision).
_LONGEST_FIGURE = 15


def _amount(match: re.Match[str]) -> Decimal | None:
    if match["figure"] is not None:
        digits = match["figure"].replace(",", "")
        if len(digits.partition(".")[0]) > _LONGEST_FIGURE:
            return None
        number: Decimal | None = Decimal(digits)
    else:
        words = re.split(r"[\s-]", match["words"].lower())
        values = [_WORDS[w] for w in words]
        if any(v is None for v in values):
            return None
        number = values[0]
        if len(values) == 2:
            number = values[0] * values[1] if values[1] == 100 else values[0] + values[1]
    value, _ = _UNITS[match["unit"].lower()]
    amount = number * value
    if match["unit2"]:
        amount *= _UNITS[match["unit2"].lower()][0]
    return amount


def _international(amount: Decimal, currency: str | None) -> str:
    prefix = f"{currency} " if currency and currency != "₹" else (currency or "")
    return prefix + _format(amount)


def _format(amount: Decimal) -> str:
    for size, name in (
        (Decimal(10) ** 12, "trillion"),
        (Decimal(10) ** 9, "billion"),
        (Decimal(10) ** 6, "million"),
    ):
        if amount >= size:
            # Every digit of the figure is kept: the conversion is exact, never rounded.
            return f"{(amount / size).normalize():,f} {name}"
    return f"{amount.normalize():,f}"
