"""Checks that compare the translation with its source: numbers, untranslated text, length.

These rules run only on documents that carry their source (JSONL and TSV inputs).
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterator

from audit.config import Settings
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.numbers import format_value, missing_quantities
from audit.readers.records import length_ratio
from audit.rules._registry import rule

# The script each target language is written in; anything else is written in Latin.
_LANGUAGE_SCRIPTS = {
    "hi": "DEVANAGARI", "mr": "DEVANAGARI", "ne": "DEVANAGARI", "zh": "CJK", "ja": "CJK",
    "ko": "HANGUL", "ru": "CYRILLIC", "uk": "CYRILLIC", "ar": "ARABIC", "bn": "BENGALI",
}  # fmt: skip


@rule(
    "MT801",
    "number-mismatch",
    Category.NUMBER_MISMATCH,
    Severity.WARNING,
    needs=("source",),
    fix=Applicability.UNSAFE,
)
def number_mismatch(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A number in the source that the translation leaves out or changes.

    **What it catches.** Every figure of the source must reappear in the translation, whatever
    the script and the numbering system: ``३,५००`` is 3,500; ``२ करोड़`` is 20 million; ``1.2亿``
    is 120 million; ``５万`` is 50,000; "5 lakh" is 500,000. Spelled-out numbers ("twenty-five"),
    ordinals and month names (5月 → May) in the translation count. The message gives both values.

    **Why it matters.** A changed casualty count, sum or date is the most damaging error a
    translated news story can carry, and no check of the English alone can see it.

    **Bad:** 伤亡人数达1.2万 → "the death toll reached 1,200". **Good:** "… reached 12,000".

    A bare 1 is not compared (it often becomes "a"), and a large round figure may round the
    source ("1.53亿" → "about 150 million"). Where the source and the translation have the same
    number of paragraphs, numbers are compared paragraph by paragraph.
    """
    from audit.alignment import paired_segments  # loaded only when there is a source

    for (start, end), source in paired_segments(doc.text, doc.source or ""):
        for mismatch in missing_quantities(source, doc.text[start:end]):
            wanted = format_value(mismatch.source.value)
            if mismatch.found is None:
                yield Hit(
                    start,
                    end,
                    f"The source's number {mismatch.source.text} ({wanted}) is missing from the "
                    "translation.",
                )
            else:
                found = mismatch.found
                yield Hit(
                    start + found.start,
                    start + found.end,
                    f"The source's number {mismatch.source.text} ({wanted}) appears as "
                    f"{found.text} ({format_value(found.value)}) in the translation.",
                    suggestion=wanted,
                )


@rule("MT802", "identical-to-source", Category.UNTRANSLATED, Severity.ERROR, needs=("source",))
def identical_to_source(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A translation that is the source, copied unchanged.

    **What it catches.** A target identical to its source (ignoring case and spacing), when the
    source is in another script than the target language or runs to four words or more (a name
    or a figure may rightly stay as it is).

    **Why it matters.** The MT step passed the text through untouched, and readers get the
    original language.

    **Bad:** source 首批产品开售, translation 首批产品开售. **Good:** "First products go on sale".
    """
    source = doc.source or ""
    if not _letter_count(source) or _normal(source) != _normal(doc.text):
        return
    foreign = _dominant_script(source) != _target_script(settings)
    if foreign or len(source.split()) >= 4:
        start, end = _trimmed(doc.text)
        yield Hit(start, end, "The translation is identical to its source.")


@rule("MT803", "source-script-target", Category.UNTRANSLATED, Severity.ERROR, needs=("source",))
def source_script_target(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A paragraph of the translation written in the source's script.

    **What it catches.** A paragraph whose letters are mostly in the script of the source (Han,
    Devanagari …) when the target language is written in another script: a passage left
    untranslated. (A target that is the whole source unchanged is MT802.)

    **Why it matters.** Readers of the English edition cannot read it; it usually means a
    segment failed to translate or was skipped.

    **Bad:** "The minister said: 这是一个历史性的时刻，我们必须抓住机遇。" (as its own paragraph).
    **Good:** "The minister said: this is a historic moment and we must seize the opportunity."
    """
    script = _dominant_script(doc.source or "")
    if script is None or script == _target_script(settings):
        return
    if _letter_count(doc.source or "") and _normal(doc.source or "") == _normal(doc.text):
        return
    for start, end in doc.paragraphs or ((0, len(doc.text)),):
        scripts = _scripts(doc.text[start:end])
        letters = sum(scripts.values())
        if scripts[script] >= 2 and scripts[script] * 2 >= letters:
            yield Hit(
                start,
                end,
                f"This passage is written in the source's script ({_SCRIPT_NAMES.get(script, script.title())}): "
                "it was left untranslated.",
            )


@rule("MT804", "length-ratio-long", Category.ADDITION, Severity.WARNING, needs=("source",))
def length_ratio_long(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A translation far longer than its source, compared with the rest of the file.

    **What it catches.** A record whose target/source length ratio lies far above the file's
    own typical ratio (robust z-score above ``length-ratio-z``, default 3.0), so that it works
    for any language pair. Needs a file of at least ``length-ratio-min-records`` (20) records
    and a source of at least ``length-ratio-min-chars`` (12) characters.

    **Why it matters.** A much longer translation is the mark of a hallucination: a repeated
    phrase, an invented sentence, a chunk of another segment.

    **Bad:** a 20-character source rendered as three sentences. **Good:** a translation about as
    long, relative to its source, as the file's other records.
    """
    yield from _length_outlier(doc, settings, longer=True)


@rule("MT805", "length-ratio-short", Category.OMISSION, Severity.WARNING, needs=("source",))
def length_ratio_short(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A translation far shorter than its source, compared with the rest of the file.

    **What it catches.** A record whose target/source length ratio lies far below the file's
    own typical ratio (robust z-score below minus ``length-ratio-z``, default 3.0); same
    conditions as MT804.

    **Why it matters.** A much shorter translation has been truncated or has dropped clauses:
    the reader gets part of the story.

    **Bad:** a three-sentence source rendered as its first clause. **Good:** a translation about
    as long, relative to its source, as the file's other records.
    """
    yield from _length_outlier(doc, settings, longer=False)


def _length_outlier(doc: Document, settings: Settings, *, longer: bool) -> Iterator[Hit]:
    stats = doc.file_stats
    source = doc.source or ""
    if stats.get("length_ratio_count", 0) < settings.option("length-ratio-min-records", 20):
        return
    if len("".join(source.split())) < settings.option("length-ratio-min-chars", 12):
        return
    if not doc.text.strip() or _dominant_script(doc.text) == _dominant_script(source):
        return  # empty or untranslated: other rules say so more precisely
    # A floor on the spread keeps a very uniform file from flagging ordinary variation.
    spread = max(stats["length_ratio_spread"], 0.1)
    ratio = length_ratio(source, doc.text)
    z = (ratio - stats["length_ratio_median"]) / spread
    if (z if longer else -z) <= settings.option("length-ratio-z", 3.0):
        return
    factor = math.exp(ratio - stats["length_ratio_median"])
    relation = f"{factor:.1f} times" if longer else f"1/{1 / factor:.1f} of"
    start, end = _trimmed(doc.text)
    yield Hit(
        start,
        end,
        f"The translation is {relation} as long as this file's translations usually are for a "
        f"source this length (robust z-score {z:+.1f}): "
        + ("a hallucinated addition?" if longer else "a truncated translation?"),
    )


_SCRIPT_NAMES = {"CJK": "Chinese/Japanese", "DEVANAGARI": "Devanagari", "HANGUL": "Korean"}


def _target_script(settings: Settings) -> str:
    return _LANGUAGE_SCRIPTS.get(settings.lang.split("-")[0].lower(), "LATIN")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"
    return name.split(" ", 1)[0]


def _scripts(text: str) -> Counter[str]:
    return Counter(_script(c) for c in text if c.isalpha())


def _dominant_script(text: str) -> str | None:
    counted = _scripts(text)
    return min(counted, key=lambda s: (-counted[s], s)) if counted else None


def _letter_count(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _trimmed(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))
