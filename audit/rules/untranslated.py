"""Untranslated fragments: source-language script or whole paragraphs left in the translation."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from audit.config import Settings
from audit.data import read_table, read_words
from audit.document import Document
from audit.findings import Category, Hit, Severity, shorten
from audit.lazy import lazy_compile
from audit.rules._registry import rule

# Scripts and the shortest run of letters that counts: one CJK character is a fragment, but a lone
# Greek letter is a symbol (α-particle, μm) and a lone Cyrillic letter is more likely a look-alike
# (see MT605).
_SCRIPTS: tuple[tuple[str, str, str, int], ...] = (
    (
        "han-kana",
        "Chinese or Japanese",
        "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\u31f0-\u31ff",
        1,
    ),
    ("hangul", "Korean", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f", 1),
    ("devanagari", "Devanagari", "\u0900-\u097f\ua8e0-\ua8ff", 1),
    ("bengali", "Bengali", "\u0980-\u09ff", 1),
    ("gurmukhi", "Gurmukhi", "\u0a00-\u0a7f", 1),
    ("gujarati", "Gujarati", "\u0a80-\u0aff", 1),
    ("dravidian", "Tamil, Telugu, Kannada or Malayalam", "\u0b80-\u0d7f", 1),
    ("oriya", "Odia", "\u0b00-\u0b7f", 1),
    ("sinhala", "Sinhala", "\u0d80-\u0dff", 1),
    ("thai-lao", "Thai or Lao", "\u0e00-\u0eff", 1),
    ("arabic", "Arabic", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe", 1),
    ("hebrew", "Hebrew", "\u0590-\u05ff", 1),
    ("cyrillic", "Cyrillic", "\u0400-\u052f", 2),
    ("greek", "Greek", "\u0370-\u03ff", 3),
    ("georgian-armenian", "Georgian or Armenian", "\u10a0-\u10ff\u0530-\u058f", 2),
)
# Letters of one script, joined across white space and a little punctuation: "经济观察网 - 专业财经".
_RUNS = tuple(
    (key, name, lazy_compile(rf"[{chars}]+(?:[^\w\n]{{1,3}}[{chars}]+)*"), shortest)
    for key, name, chars, shortest in _SCRIPTS
)


def _code_point_ranges(chars: str) -> tuple[tuple[int, int], ...]:
    """The ``first-last`` pairs of a character class's text as inclusive code-point ranges."""
    return tuple((ord(chars[i]), ord(chars[i + 2])) for i in range(0, len(chars), 3))


# Each script's code points, to test a document's few distinct characters without compiling a
# character class of whole Unicode blocks (milliseconds each) for the many that have none.
_SCRIPT_RANGES = tuple(_code_point_ranges(chars) for _, _, chars, _ in _SCRIPTS)
_LOWEST = min(low for ranges in _SCRIPT_RANGES for low, _ in ranges)


def _has_letter_in(characters: list[int], ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for code in characters for low, high in ranges)


@cache
def _native_scripts() -> dict[str, frozenset[str]]:
    """Target language → scripts that are its own (a Hindi target may contain Devanagari)."""
    return {
        lang: frozenset(s.strip() for s in scripts.split(","))
        for lang, scripts in read_table("target_scripts.tsv")
    }


@rule("MT501", "untranslated-script", Category.UNTRANSLATED, Severity.ERROR)
def untranslated_script(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A run of a non-Latin script (Chinese, Devanagari, Cyrillic, Arabic, …) in English text.

    **What it catches.** "… first apparel stock - 经济观察网", "the minister said नमस्ते", a
    Cyrillic word left in a sentence. Runs of one script are joined across spaces and short
    punctuation, so one fragment is one finding.

    **Why it matters.** The model copied the source instead of translating it; the English reader
    cannot read the fragment, and its meaning is missing from the translation.

    **Bad:** Shares rose 3% - 经济观察网. **Good:** Shares rose 3% (Economic Observer).

    The target language is the ``--lang`` option; scripts listed for it in
    ``audit/data/target_scripts.tsv`` are its own and never flagged. A lone Greek letter (α, μ)
    or Cyrillic letter is not a fragment; look-alike letters inside Latin words are MT605's.
    """
    text = doc.text
    # The document's distinct characters that may belong to a script: one whose letters are not
    # among them is not looked for in the text.
    others = [code for code in map(ord, doc.characters) if code >= _LOWEST]
    if not others:
        return
    native = _native_scripts().get(doc.lang.lower().split("-")[0], frozenset())
    for (key, name, pattern, shortest), ranges in zip(_RUNS, _SCRIPT_RANGES, strict=True):
        if key in native or not _has_letter_in(others, ranges):
            continue
        for match in pattern.finditer(text):
            letters = sum(1 for ch in match.group(0) if ch.isalpha())
            if letters < shortest or _inside_latin_word(text, match.start(), match.end()):
                continue
            yield Hit(
                match.start(),
                match.end(),
                f"Untranslated {name} text “{shorten(match.group(0))}” in the translation.",
            )


def _inside_latin_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return _is_latin_letter(before) or _is_latin_letter(after)


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and (char.isascii() or "\u00c0" <= char <= "\u024f")


# Whole paragraphs in another language ------------------------------------------------------

_ENGLISH_WORDS = read_words("english_function_words.txt")
_WORD = lazy_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SHORTEST = 12  # words: langdetect guesses wildly on less
_ENGLISH_SHARE = 0.15  # English prose runs at 35–55% function words; lists of names near 0
_CONFIDENT = 0.99
_LOWERCASE_LIST = all(word[:1].islower() for word in _ENGLISH_WORDS)


def _looks_english(words: list[str]) -> bool:
    # Capitalised words are mostly names, in any language: only the others are counted, so
    # a sentence full of foreign names (or a loop of one) still reads as English.
    if _LOWERCASE_LIST:
        # Every listed word is lowercase, so it is among the common words: enough of them
        # among all the words are enough among the common ones (most English paragraphs).
        if sum(map(_ENGLISH_WORDS.__contains__, words)) >= _ENGLISH_SHARE * len(words):
            return True
    common = [word for word in words if word[0].islower()]
    hits = sum(1 for word in common if word in _ENGLISH_WORDS)
    return len(common) < _SHORTEST or hits >= _ENGLISH_SHARE * len(common)


@cache
def _factory() -> object:
    """langdetect's profiles, loaded once and only when a paragraph needs them; seeded."""
    from audit.langprofiles import load_factory

    factory = load_factory()
    factory.set_seed(0)
    return factory


def _detect(text: str) -> tuple[str, float] | None:
    """The most likely language and its probability, the same in every process."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()  # type: ignore[attr-defined]
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang, best.prob


@rule("MT502", "foreign-language-paragraph", Category.UNTRANSLATED, Severity.ERROR)
def foreign_language_paragraph(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A paragraph in another language than the target: left untranslated, or translated wrongly.

    **What it catches.** A paragraph of Indonesian, Spanish, pinyin, … in an English translation,
    as langdetect identifies it with a probability of 0.99 or more.

    **Why it matters.** The model passed the paragraph through, or translated it into the wrong
    language; the English reader gets nothing from it.

    **Bad:** "Pemerintah akan menaikkan harga bahan bakar minggu depan, kata menteri itu."
    **Good:** "The government will raise fuel prices next week, the minister said."

    Only paragraphs of twelve words or more are tested, and in an English target only those with
    few English function words (the, of, and, …): a sentence with a foreign name in it, a
    headline or a list of names is never sent to the detector. langdetect is seeded, so the
    result is the same on every run.
    """
    target = doc.lang.lower().split("-")[0]
    text = doc.text
    for start, end in doc.paragraphs:
        words = _WORD.findall(text, start, end)
        if len(words) < _SHORTEST:
            continue
        if target == "en" and _looks_english(words):
            continue
        if not any(word.isascii() for word in words):
            continue  # a paragraph in another script is MT501's
        found = _detect(text[start:end])
        if found is None:
            continue
        lang, probability = found
        if lang.split("-")[0] != target and probability >= _CONFIDENT:
            yield Hit(
                start,
                end,
                f"This paragraph reads as language “{lang}” (p={probability:.2f}), "
                f"not the target “{target}”.",
            )
