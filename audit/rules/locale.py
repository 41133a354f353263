"""Locale conventions of the source language left in English: currency codes, digit grouping,
dates in source order, units glued to figures."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.config import Settings
from audit.data import read_table, read_words
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity, shorten
from audit.lazy import lazy_compile
from audit.numbers import group_thousands
from audit.rules._registry import rule
from audit.rules._scan import finditer_from
from audit.rules._text import alternation, may_contain, search_back

_CURRENCIES = {code: name for code, name in read_table("currency_codes.tsv")}
_COUNTED = read_words("counted_nouns.txt")
_UNITS = read_words("glued_units.txt")


_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Where a match of the patterns below that open with a figure can start: a figure's first digit
# (each of them looks behind for no word character, full stop or comma before the figure).
_FIGURE_START = lazy_compile(r"\d(?<![\w.,]\d)")
_CODE_AFTER = lazy_compile(
    rf"(?<![\w.,$€£¥₹])(?P<figure>{_FIGURE})(?:\s(?P<scale>million|billion|trillion))?"
    rf"\s?(?P<code>{alternation(_CURRENCIES)})(?![\w$-])"
)


@rule(
    "MT103",
    "currency-code-after-amount",
    Category.CURRENCY_FORMAT,
    Severity.WARNING,
    fix=Applicability.UNSAFE,
)
def currency_code_after_amount(doc: Document, settings: Settings) -> Iterator[Hit]:
    """An ISO currency code written after an amount in prose: "4300 RMB", "50 million USD".

    **What it catches.** A figure (maybe with million/billion) followed by a currency code from
    ``audit/data/currency_codes.tsv``.

    **Why it matters.** English news writes the currency's name after the figure, or a symbol or
    code before it; a code after the figure follows the source language's order.

    **Bad:** a subsidy of 4300 RMB. **Good:** a subsidy of 4,300 yuan.
    """
    if not may_contain(doc.text, _CURRENCIES, ignore_case=False):
        return  # no currency code anywhere: most articles
    for match in finditer_from(_CODE_AFTER, _FIGURE_START, doc.text):
        figure = _grouped(match["figure"])
        scale = f" {match['scale']}" if match["scale"] else ""
        name = _CURRENCIES[match["code"]]
        yield Hit(
            match.start(),
            match.end(),
            f"“{shorten(match.group(0))}”: the currency code follows the amount, in the source "
            f"language's order; write “{shorten(f'{figure}{scale} {name}')}”.",
            f"{figure}{scale} {name}",
        )


_UNGROUPED = lazy_compile(
    rf"(?<![\w.,/:-])(?P<figure>[1-9]\d{{3}})(?![\w,]|\.\d)(?P<gap>\s)(?P<noun>[A-Za-z]+|{alternation(_CURRENCIES)})"
)
_UNGROUPED_START = lazy_compile(r"[1-9](?=\d{3})")  # where a match of _UNGROUPED can start
_YEAR_BEFORE = lazy_compile(
    r"\b(?:in|since|by|until|till|from|before|after|during|of|around|circa|early|late|mid)\s+$",
    re.IGNORECASE,
)
_GROUPED = lazy_compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])")
# "the awesome 1967 tourists", "their 2004 champions": a year used as a modifier comes after a
# determiner; a quantity does not ("of 1080 days", "about 5000 yen").
_YEAR_MODIFIER_BEFORE = lazy_compile(
    r"(?<![\w-])(?:the|this|that|these|those|its|his|her|their|our|my|your|\w+['’]s)"
    r"(?:\s+[a-z][\w-]*)?\s+$",
    re.IGNORECASE,
)
_YEAR_MODIFIER_REACH = 40  # characters: a determiner and one adjective


def _year_as_modifier(text: str, match: re.Match[str]) -> bool:
    """Whether a figure that could be a year is used as one before its noun."""
    if not 1800 <= int(match["figure"]) <= 2099:
        return False
    if text[match.end() : match.end() + 1] in ("'", "’"):
        return True  # "2004 won't be remembered": the noun is a verb
    lead_in = max(0, match.start() - _YEAR_MODIFIER_REACH)
    return _YEAR_MODIFIER_BEFORE.search(text, lead_in, match.start()) is not None


@rule(
    "MT104", "ungrouped-figure", Category.NUMBER_FORMAT, Severity.WARNING, fix=Applicability.UNSAFE
)
def ungrouped_figure(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A four-digit quantity written without a thousands separator: "1080 days", "5000 RMB".

    **What it catches.** A figure from 1000 to 9999 followed by a counted noun (days, people,
    tonnes, yuan, … in ``audit/data/counted_nouns.txt``) or a currency code.

    **Why it matters.** English news groups thousands with a comma ("1,080 days"); the bare
    figure follows the source's convention, and sits badly beside grouped figures elsewhere in
    the article. The message says when the same article groups other figures.

    **Bad:** products of 720 days and 1080 days. **Good:** products of 720 days and 1,080 days.

    Left alone: years ("in 2023", "the 2024 elections", "1989 he became", "the unbeaten 1967
    tourists", "2004 won't be remembered"), since a year is never a quantity of its noun;
    figures of five digits or more are a different house-style matter.
    """
    text = doc.text
    grouped: bool | None = None  # whether other figures are grouped: looked up at the first hit
    for match in finditer_from(_UNGROUPED, _UNGROUPED_START, text):
        noun = match["noun"]
        if noun.lower() not in _COUNTED and noun not in _CURRENCIES:
            continue
        if 1800 <= int(match["figure"]) <= 2099 and search_back(_YEAR_BEFORE, text, match.start()):
            continue  # "in 2022 people moved": a year before the sentence's subject
        if _year_as_modifier(text, match):
            continue
        figure = match["figure"]
        message = f"“{figure}” is a quantity; English groups its thousands: “{_grouped(figure)}”."
        if grouped is None:
            grouped = _GROUPED.search(text) is not None
        if grouped:
            message += " Other figures in this article are grouped."
        yield Hit(match.start(), match.end("figure"), message, _grouped(figure))


def _grouped(figure: str) -> str:
    if "," in figure:
        return figure
    whole, _, fraction = figure.partition(".")
    return group_thousands(whole) + (f".{fraction}" if fraction else "")


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_YEAR_FIRST = lazy_compile(
    rf"(?<![\w.,/-])(?:(?P<iso>(?:19|20)\d\d(?P<sep>[-/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12]\d|3[01]))"
    rf"|(?P<words>(?:19|20)\d\d,?\s(?:{_MONTHS})\.?\s(?:0?[1-9]|[12]\d|3[01]))(?:st|nd|rd|th)?)(?![\w/-]|\.\d)"
)


_YEAR_FIRST_START = lazy_compile(r"[12](?=[09]\d\d)")  # where a match of _YEAR_FIRST can start


@rule("MT105", "source-order-date", Category.DATE_FORMAT, Severity.WARNING)
def source_order_date(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A date written year first, in the source language's order: "2023-02-11", "2023 February 11".

    **What it catches.** Year–month–day dates in prose: ISO-style figures (2023-02-11, 2023/2/11,
    2023.2.11) and "2023, February 11".

    **Why it matters.** Chinese, Japanese and Korean write dates year first; English news writes
    "February 11, 2023" or "11 February 2023". A year-first date is the source's order kept.

    **Bad:** On 2023/2/11 the council met. **Good:** On February 11, 2023, the council met.
    """
    for match in finditer_from(_YEAR_FIRST, _YEAR_FIRST_START, doc.text):
        yield Hit(
            match.start(),
            match.end(),
            f"“{match.group(0)}” is written year first, in the source language's order.",
        )


_MONTH_START = lazy_compile(r"[ADFJMNOS](?=[a-z])")  # where a match of _ORDINAL_DATE can start
_ORDINAL_SUFFIX = lazy_compile(r"\d(?:st|nd|rd|th)\b")
_ORDINAL_DATE = lazy_compile(rf"\b(?:{_MONTHS})\.?\s(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b")


@rule("MT106", "ordinal-date", Category.DATE_FORMAT, Severity.INFO, fix=Applicability.UNSAFE)
def ordinal_date(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A date written with an ordinal suffix: "February 11th".

    **What it catches.** A month followed by a day with -st, -nd, -rd or -th.

    **Why it matters.** News style (AP, Reuters, the Guardian) writes "February 11" or
    "11 February"; the suffix is how translation renders the source's day marker (日).

    **Bad:** On February 11th, the bureau said. **Good:** On February 11, the bureau said.

    Left alone: "the 11th of February" and "on the 9th", which are spoken forms.
    """
    if not _ORDINAL_SUFFIX.search(doc.text):
        return  # a cheaper pattern: no figure with an ordinal suffix, no ordinal date
    for match in finditer_from(_ORDINAL_DATE, _MONTH_START, doc.text):
        plain = re.sub(r"(?:st|nd|rd|th)$", "", match.group(0))
        yield Hit(
            match.start(),
            match.end(),
            f"“{match.group(0)}”: news style writes dates without an ordinal suffix.",
            plain,
        )


_GLUED_UNIT = lazy_compile(
    rf"(?<![\w.,])(?P<figure>{_FIGURE})(?P<unit>{alternation(_UNITS)})(?![\w/])"
)


@rule(
    "MT107",
    "unit-glued-to-figure",
    Category.NUMBER_FORMAT,
    Severity.INFO,
    fix=Applicability.UNSAFE,
)
def unit_glued_to_figure(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A unit of measure written against its figure: "1000Mbps", "200MW", "64GB".

    **What it catches.** A figure followed with no space by a unit from
    ``audit/data/glued_units.txt`` (data rates, storage, power, energy, frequency).

    **Why it matters.** SI and news style put a space between a figure and its unit ("500 Mbps");
    closed-up units are the source page's typography kept.

    **Bad:** download speeds of 1000Mbps. **Good:** download speeds of 1,000 Mbps.

    Left alone: units some British styles close up on purpose (5km, 10kg, 9am, £5m, $2bn), and
    names such as 5G, 4K or A320.

    **Severity.** Information only: many English style guides close up units of data and power
    too ("60GB", "2Mbps"), so a closed-up unit is a house-style choice more often than a
    translation artifact. A newsroom whose style spaces them sets ``unit-style = "spaced"``
    under ``[tool.mtaudit.options]`` and gets warnings.
    """
    severity = Severity.WARNING if settings.option("unit-style", "any") == "spaced" else None
    if not may_contain(doc.text, _UNITS, ignore_case=False):
        return  # no unit anywhere
    for match in finditer_from(_GLUED_UNIT, _FIGURE_START, doc.text):
        figure, unit = match["figure"], match["unit"]
        yield Hit(
            match.start(),
            match.end(),
            f"“{shorten(match.group(0))}”: put a space between the figure and the unit.",
            f"{_grouped(figure)} {unit}",
            severity,
        )


_SPACED_PERCENT = lazy_compile(rf"(?<![\w.,])(?P<figure>{_FIGURE})[ \t]+%")


@rule(
    "MT108",
    "space-before-percent",
    Category.NUMBER_FORMAT,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def space_before_percent(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A space between a figure and the percent sign: "37 %".

    **What it catches.** A figure, white space, then %.

    **Why it matters.** English writes "37%" (or "37 percent"); the space is French, German or
    source-language typography.

    **Bad:** as high as 37 % in the 1990s. **Good:** as high as 37% in the 1990s.
    """
    if " %" not in doc.text and "\t%" not in doc.text:
        return  # no percent sign after white space: most articles, even those with figures
    for match in finditer_from(_SPACED_PERCENT, _FIGURE_START, doc.text):
        yield Hit(
            match.start(),
            match.end(),
            f"“{match.group(0)}”: English writes the percent sign against the figure.",
            f"{match['figure']}%",
        )
