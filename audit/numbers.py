"""Numbers in any script, brought to one value so that a source and its translation can be compared.

A *quantity* is a figure as a reader understands it: ``1.2亿`` and ``120 million`` are both
120,000,000; ``५ लाख``, ``5 lakh`` and ``500,000`` are all 500,000; ``３０``, ``३०`` and ``30`` are 30.
Figures are written with any Unicode decimal digits (ASCII, full-width, Devanagari …), with
thousands separators in threes or the South-Asian twos, and may be followed by a scale word
(thousand, million, billion, lakh, crore, 万, 亿, हज़ार, लाख, करोड़ …).

Only figures written with digits are read in a source; in an English translation, number words
("twenty-five", "a million"), ordinals ("3rd", "fifth") and month names ("May" for 5月) count as
well, because a translator may spell out what the source wrote in digits. Comparing the two sides
is :func:`missing_quantities`.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from audit.data import read_table
from audit.lazy import lazy_compile

# Scale words after a figure, and what they multiply it by.
_SCALES: dict[str, Decimal] = {
    # English, international and South-Asian
    "hundred": Decimal(100),
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    # lakh, crore …: the South-Asian words MT101 reads, less those that are also English words
    **{
        word: Decimal(value)
        for word, value, ambiguous in read_table("south_asian_units.tsv")
        if ambiguous == "no"
    },
    # Hindi (NFC: the nukta is a separate mark)
    "सौ": Decimal(100),
    "हजार": Decimal(10) ** 3,
    "हज़ार": Decimal(10) ** 3,
    "लाख": Decimal(10) ** 5,
    "करोड": Decimal(10) ** 7,
    "करोड़": Decimal(10) ** 7,
    "अरब": Decimal(10) ** 9,
    "खरब": Decimal(10) ** 11,
    # Chinese
    "百": Decimal(100),
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "萬": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "億": Decimal(10) ** 8,
}
# Chinese scale characters are read only straight after the figure, and may combine (万亿, 千万).
_CJK_SCALES = "百千万萬亿億"
_WORD_SCALES = sorted(
    (unicodedata.normalize("NFC", w) for w in _SCALES if w[0] not in _CJK_SCALES),
    key=lambda w: (-len(w), w),
)
_SCALE_VALUES = {unicodedata.normalize("NFC", k): v for k, v in _SCALES.items()}

_FIGURE = lazy_compile(
    r"(?<![\d.,])(?P<figure>\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    # 千米, 千克, 千瓦 are kilometre, kilogram, kilowatt: units, not a thousand.
    # 500多万 / 500余万: "more than 5 million"
    r"(?:[多余餘]?(?P<cjk>[" + _CJK_SCALES + r"]{1,2})(?![米克瓦伏帕焦])"
    r"|[\s-]?(?P<word>(?:" + "|".join(re.escape(w) for w in _WORD_SCALES) + r")"
    r"(?:\s+(?:crores?|करोड़?))?)(?![^\W\d_]))?",
    re.IGNORECASE,
)
# 1亿2000万: a figure in 亿 followed by the rest in 万 is one number.
_CJK_COMPOUND = lazy_compile(r"(?<![\d.,])(\d+)[亿億](\d{1,4})[万萬](?![\d])")
# 15时 / 15点: an hour on the 24-hour clock may come out as "3 p.m.".
_HOUR = lazy_compile(r"(?<![\d.,])(1[3-9]|2[0-3])\s?[时時点點]")
# 80年代: the eighties, "the 1980s".
_DECADE = lazy_compile(r"(?<![\d.,])[0-9]0\s?年代")
# "1.27 and 2.5 million", "3至5万": the scale of the second figure belongs to the first too.
_RANGE = lazy_compile(r"\s*(?:to|and|or|-|–|—|~|～|至|到)\s*", re.IGNORECASE)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "thirtieth": 30,
    "half": Decimal("0.5"), "double": 2, "twice": 2, "triple": 3, "once": 1, "single": 1,
}  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_NUMBER_WORD = "|".join(
    sorted([*_UNITS, "hundred", "dozen", "a", "an"], key=lambda w: (-len(w), w))
)
_SPELLED = lazy_compile(
    r"\b(?:" + _NUMBER_WORD + r"|thousand|million|billion|trillion|lakhs?|crores?)"
    r"(?:[\s-]+(?:and[\s-]+)?(?:" + _NUMBER_WORD + r"|thousand|million|billion|trillion"
    r"|lakhs?|crores?)\b)*\b",
    re.IGNORECASE,
)
_ORDINAL_WORD = lazy_compile(r"\b(?:" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)
_MONTH = lazy_compile(r"\b(?:" + "|".join(_MONTHS) + r")\b\.?")


@dataclass(frozen=True)
class Quantity:
    """A number found in a text: where it is, how it was written, and the values it may stand for.

    ``values`` has one value for most figures; a 24-hour clock time has two (15 and 3).
    """

    start: int
    end: int
    text: str
    values: frozenset[Decimal]
    scaled: bool = False  # followed by a scale word (million, 万, लाख …)

    @property
    def value(self) -> Decimal:
        """The main value (the largest reading)."""
        return max(self.values)


def digits_to_ascii(text: str) -> str:
    """``text`` with every Unicode decimal digit (full-width, Devanagari …) as an ASCII digit.

    Full-width commas and full stops between digits become ASCII ones as well. The length of the
    text is unchanged, so offsets stay valid.
    """
    out = []
    for index, char in enumerate(text):
        if char.isdecimal() and not "0" <= char <= "9":
            out.append(str(unicodedata.decimal(char)))
        elif char in "，．" and _between_digits(text, index):
            out.append("," if char == "，" else ".")
        else:
            out.append(char)
    return "".join(out)


def _between_digits(text: str, index: int) -> bool:
    return 0 < index < len(text) - 1 and text[index - 1].isdecimal() and text[index + 1].isdecimal()


def figures(text: str) -> list[Quantity]:
    """Numbers written with digits, in any script, with their scale words applied."""
    normal = _normalise(text)
    found: list[Quantity] = []
    taken: set[int] = set()
    for match in _CJK_COMPOUND.finditer(normal):
        value = Decimal(match[1]) * 10**8 + Decimal(match[2]) * 10**4
        found.append(
            Quantity(
                match.start(), match.end(), text[match.start() : match.end()], frozenset({value})
            )
        )
        taken.update(range(match.start(), match.end()))
    for match in _FIGURE.finditer(normal):
        if match.start() in taken:
            continue
        value = _figure_value(match)
        if value is None:
            continue
        values = {value}
        bare = match["cjk"] is None and match["word"] is None
        if bare and _HOUR.match(normal, match.start()):
            values.add(value - 12)
        if bare and _DECADE.match(normal, match.start()):
            values.update({value + 1900, value + 2000})
        found.append(
            Quantity(
                match.start(),
                match.end(),
                text[match.start() : match.end()],
                frozenset(values),
                scaled=not bare,
            )
        )
    return _share_range_scales(normal, sorted(found, key=lambda q: q.start))


def _share_range_scales(text: str, found: list[Quantity]) -> list[Quantity]:
    shared = list(found)
    for index, (first, second) in enumerate(itertools.pairwise(found)):
        if first.scaled or not second.scaled or not _RANGE.fullmatch(text, first.end, second.start):
            continue
        base = Decimal(_FIGURE.match(text, second.start)["figure"].replace(",", ""))  # type: ignore[index]
        if base:
            scale = second.value / base
            shared[index] = replace(first, values=first.values | {v * scale for v in first.values})
    return shared


def _normalise(text: str) -> str:
    # NFC keeps the length of Devanagari nukta letters used in the scale words; digits map 1:1.
    normal = digits_to_ascii(text)
    if len(unicodedata.normalize("NFC", normal)) == len(normal):
        normal = unicodedata.normalize("NFC", normal)
    return normal


def _figure_value(match: re.Match[str]) -> Decimal | None:
    try:
        value = Decimal(match["figure"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid figures
        return None
    if match["cjk"]:
        for char in match["cjk"]:
            value *= _SCALE_VALUES[char]
    elif match["word"]:
        for word in match["word"].split():
            value *= _SCALE_VALUES.get(unicodedata.normalize("NFC", word.lower()), Decimal(1))
    return value


def english_quantities(text: str) -> list[Quantity]:
    """Every number an English text states: figures, number words, ordinals and month names."""
    found = figures(text)
    covered = [(q.start, q.end) for q in found]  # sorted by start, not overlapping
    for match in _SPELLED.finditer(text):
        if _inside(covered, match.start()):
            continue
        value = _spelled_value(match.group(0))
        if value is not None:
            found.append(Quantity(match.start(), match.end(), match.group(0), frozenset({value})))
    for match in _ORDINAL_WORD.finditer(text):
        value = Decimal(_ORDINALS[match.group(0).lower()])
        found.append(Quantity(match.start(), match.end(), match.group(0), frozenset({value})))
    for match in _MONTH.finditer(text):
        value = Decimal(_MONTHS[match.group(0).rstrip(".")])
        found.append(Quantity(match.start(), match.end(), match.group(0), frozenset({value})))
    return sorted(found, key=lambda q: (q.start, q.end))


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of the sorted ``spans``."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _spelled_value(phrase: str) -> Decimal | None:
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w != "and"]
    while words and words[0] in ("a", "an") and (len(words) == 1 or words[1] in _UNITS):
        words = words[1:]  # an article, not "a" hundred or "a" million
    if not words or any(w in ("a", "an") for w in words[1:]):
        return None
    total = Decimal(0)
    current = Decimal(0)
    for word in words:
        if word in ("a", "an"):
            current = Decimal(1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * (100 if word == "hundred" else 12)
        else:
            total += (current or 1) * _SCALE_VALUES[word]
            current = Decimal(0)
    return total + current


@dataclass(frozen=True)
class Mismatch:
    """A source number the translation does not state; ``found`` is what stands in its place."""

    source: Quantity
    found: Quantity | None


def missing_quantities(source: str, target: str) -> list[Mismatch]:
    """The source's figures that the English target does not state, each paired with the target
    number that most likely replaced it (None when the target has no spare number).

    A bare 1 is not compared (it often becomes "a" or disappears in idiomatic English), and a
    target figure may round the source one ("1.53亿" → "153 million" or "about 150 million").
    Both sides are indexed by value, so the comparison takes time in proportion to the number of
    quantities, not to their product.
    """
    wanted = [q for q in figures(source) if q.values != {Decimal(1)}]
    stated = english_quantities(target)
    stated_index = _StatedIndex(stated)
    wanted_values = sorted({v for q in wanted for v in q.values})
    missing: list[Quantity] = []
    used: set[int] = set()
    for quantity in wanted:
        match = stated_index.first_agreeing(quantity)
        if match is None:
            missing.append(quantity)
        else:
            used.add(match)
    spare = [
        q
        for i, q in enumerate(stated)
        if i not in used and not any(_rounds_any(t, wanted_values) for t in q.values)
    ]
    spare = [q for q in spare if q.text.strip()[:1].isdecimal()]  # figures, not words
    return [
        Mismatch(quantity, spare[i] if i < len(spare) else None)
        for i, quantity in enumerate(missing)
    ]


class _StatedIndex:
    """The target's quantities by value: the first one equal to a source value, or rounding it."""

    def __init__(self, stated: list[Quantity]) -> None:
        self.first: dict[Decimal, int] = {}
        self.exponents: set[int] = set()
        for index, quantity in enumerate(stated):
            for value in quantity.values:
                self.first.setdefault(value, index)
                exponent = _rounding_exponent(value)
                if exponent is not None:
                    self.exponents.add(exponent)

    def first_agreeing(self, quantity: Quantity) -> int | None:
        found = [self.first[v] for v in quantity.values if v in self.first]
        for value in quantity.values:
            for exponent in self.exponents:
                # The only round figures of this step that can round ``value`` are its neighbours.
                step = Decimal(1).scaleb(exponent)
                below = (value / step).to_integral_value(rounding="ROUND_FLOOR") * step
                for target in (below, below + step):
                    index = self.first.get(target)
                    if index is not None and _same(value, target):
                        found.append(index)
        return min(found, default=None)


def _rounding_exponent(target: Decimal) -> int | None:
    """The exponent of a target figure that may round a source one (150 million: 7), else None."""
    if target < 10_000:
        return None
    normal = target.normalize()
    exponent = normal.as_tuple().exponent
    if not isinstance(exponent, int) or len(normal.as_tuple().digits) > 2:
        return None
    return exponent


def _rounds_any(target: Decimal, sources: list[Decimal]) -> bool:
    """Whether ``target`` equals or rounds any of the sorted ``sources``."""
    index = bisect.bisect_left(sources, target)
    if index < len(sources) and sources[index] == target:
        return True
    exponent = _rounding_exponent(target)
    if exponent is None:
        return False
    half = Decimal(1).scaleb(exponent) / 2
    low = bisect.bisect_left(sources, target - half)
    high = bisect.bisect_right(sources, target + half)
    return any(_same(source, target) for source in sources[low:high])


def _same(source: Decimal, target: Decimal) -> bool:
    if source == target:
        return True
    if target == 0 or source == 0:
        return False
    # The target may round: 153,000,000 stated as 150 million or 1.5 billion-ish figures.
    exponent = _rounding_exponent(target)
    # Only large round figures count as rounding: 365 → 360 is a changed number.
    if exponent is None:
        return False
    if len(target.normalize().as_tuple().digits) >= len(source.normalize().as_tuple().digits):
        return False
    step = Decimal(1).scaleb(exponent)
    return abs(source - target) * 2 <= step


# Past this many digits a figure is no quantity a reader takes in; a message shows it in
# scientific notation instead of thousands of digits.
_LONGEST_SHOWN = 30


def group_thousands(digits: str) -> str:
    """A string of ASCII digits grouped in threes with commas: ``"1234567"`` → ``"1,234,567"``.

    Works on the digits as text, so a figure of any length is grouped in linear time (``int``
    refuses strings of more than 4,300 digits, and converting is quadratic below that).
    """
    digits = digits.lstrip("0") or "0"
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ",".join(groups)


def format_value(value: Decimal) -> str:
    """A value for a message: grouped in threes, no trailing zeros; a huge one in E notation."""
    normal = value.normalize()
    sign, digits, exponent = normal.as_tuple()
    if not isinstance(exponent, int):  # infinity or NaN: not produced by figures(), but safe
        return str(normal)
    if len(digits) + exponent > _LONGEST_SHOWN:
        return f"{normal:.6E}"
    if exponent >= 0:
        whole = "".join(map(str, digits)) + "0" * exponent
        return ("-" if sign else "") + group_thousands(whole)
    return f"{normal:,f}"
