"""Calques: literal renderings of the source language that native news English never uses."""

from __future__ import annotations

from collections.abc import Iterator

from audit.config import Settings
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.rules import _lexicon
from audit.rules._registry import rule

_DEFAULT_LEXICONS = ("hi-en",)


@rule("MT701", "calque", Category.CALQUE, Severity.WARNING, fix=Applicability.UNSAFE)
def calque(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A word-for-word rendering of the source language: "America Election", "told that", "Modi ji".

    **What it catches.** Phrases listed in a lexicon per language pair
    (``audit/data/calques_hi-en.tsv`` for Hindi→English): "America Election" for the US election,
    "told that" with no one told, "in such a situation", and Hindi honorifics
    (ji, Shri, Smt.) kept in English copy. Each line of the lexicon carries the suggested
    wording, a severity and why; a newsroom adds its own lines, or writes a file for another
    pair and names it in the rule option ``calque-lexicons`` (default ``["hi-en"]``; a path
    ending in ``.tsv`` is a file relative to the configuration file).

    **Why it matters.** The phrase is grammatical but no native news writer would use it; it
    marks the copy as unedited machine translation.

    **Bad:** He told that the America Election would be close. **Good:** He said that the US
    election would be close.

    Left alone: "was told that", "had been told that" (someone was told); "Ji" as a surname.
    """
    names = settings.option("calque-lexicons", _DEFAULT_LEXICONS)
    for name in names:
        # A shipped pair's name, or the path of a newsroom's own lexicon (resolved by the config).
        yield from _lexicon.matches(doc, name if name.endswith(".tsv") else f"calques_{name}.tsv")
