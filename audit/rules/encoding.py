"""Character encoding: mojibake, replacement characters, control and invisible characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from audit.config import Settings
from audit.data import read_table
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._registry import rule
from audit.rules._scan import finditer_from


def _windows_1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes cp1252 leaves undefined decode as Latin-1 does


# UTF-8 read as Windows-1252: a lead byte (Â Ã â …) then continuation bytes (€ ™ © ¨ …).
_CONTINUATION = "".join(_windows_1252(b) for b in range(0x80, 0xC0))
_LEADS = "".join(_windows_1252(b) for b in range(0xC2, 0xF5))
_MOJIBAKE = lazy_compile(
    f"(?:[{re.escape(_LEADS)}][{re.escape(_CONTINUATION)}]{{1,3}})+"
    # ” is E2 80 9D, and 9D has no Windows-1252 character: it is dropped, leaving "â€".
    f"|â€(?![{re.escape(_CONTINUATION)}])"
)
# Where a match of _MOJIBAKE can start: a lead character before a continuation one ("â€" too).
_MOJIBAKE_START = lazy_compile(f"[{re.escape(_LEADS)}](?=[{re.escape(_CONTINUATION)}])")


def _garble(text: str) -> str:
    """``text`` as a Windows-1252 reader shows its UTF-8 bytes (the inverse of :func:`_repair`)."""
    return "".join(_windows_1252(byte) for byte in text.encode("utf-8"))


def _repair(candidate: str) -> str | None:
    """The text the sequence was before it was garbled, if it is one UTF-8 sequence or more."""
    if candidate == "â€":
        return "”"
    try:
        raw = bytes(ord(ch) if ord(ch) < 0x100 else ch.encode("cp1252")[0] for ch in candidate)
        repaired = raw.decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    # Only characters that English news text holds: Latin letters with accents, typographic
    # punctuation, currency and letter-like symbols. "Straße“" (ß + “) would repair to N'Ko.
    if all(
        "\u00a0" <= ch <= "\u024f" or "\u2000" <= ch <= "\u214f" or ch == "\ufeff"
        for ch in repaired
    ):
        return repaired
    return None


@rule("MT601", "mojibake", Category.CHARACTER_ENCODING, Severity.ERROR, fix=Applicability.SAFE)
def mojibake(doc: Document, settings: Settings) -> Iterator[Hit]:
    """UTF-8 text decoded as Windows-1252 or Latin-1: "â€™" for ’, "Ã©" for é.

    **What it catches.** Sequences such as ``â€™``, ``â€œ``, ``â€"``, ``Ã©``, ``Ã¶``, ``Â£``: the
    bytes of one character shown as two or three. The suggestion is the repaired text; the
    fix is safe when garbling the repair again gives back exactly the sequence found.

    **Why it matters.** The text went through a wrong decoding step in the pipeline; every
    apostrophe, quotation mark and accented name in it is garbled, and readers see it.

    **Bad:** the ministerâ€™s statement. **Good:** the minister’s statement.

    A sequence is reported only when it repairs to a character news text holds (an accented
    letter, typographic punctuation, a currency sign), so "Straße“" or "café…" are left alone.
    """
    characters = doc.characters
    if characters.isdisjoint(_LEADS) or characters.isdisjoint(_CONTINUATION):
        return  # every sequence it looks for is a lead character, then a continuation one
    for match in finditer_from(_MOJIBAKE, _MOJIBAKE_START, doc.text):
        repaired = _repair(match.group(0))
        if repaired is None:
            continue
        # The repair is certain only when garbling it again gives back exactly what is in the
        # text; "â€" lost its third byte and may stand for more than one character.
        exact = _garble(repaired) == match.group(0)
        yield Hit(
            match.start(),
            match.end(),
            f"“{match.group(0)}” is mojibake (UTF-8 read as Windows-1252) for “{repaired}”.",
            repaired,
            fix=None if exact else Applicability.UNSAFE,
        )


@rule(
    "MT602",
    "replacement-character",
    Category.CHARACTER_ENCODING,
    Severity.ERROR,
    fix=Applicability.UNSAFE,
)
def replacement_character(doc: Document, settings: Settings) -> Iterator[Hit]:
    """The Unicode replacement character �, where a character was lost in decoding.

    **What it catches.** One or more U+FFFD in a row.

    **Why it matters.** A character is gone for good: a name, a figure or a currency sign may be
    missing, and the reader sees a black diamond.

    **Bad:** the price rose to �500. **Good:** the price rose to £500.
    """
    if "\ufffd" not in doc.text:
        return
    for match in re.finditer("\ufffd+", doc.text):
        yield Hit(
            match.start(),
            match.end(),
            "Replacement character: a character was lost; restore it from the source.",
            "",
        )


_CONTROL = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_CONTROL_CHARACTERS = frozenset(
    chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))
)


@rule(
    "MT603",
    "control-character",
    Category.CHARACTER_ENCODING,
    Severity.ERROR,
    fix=Applicability.SAFE,
)
def control_character(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A control character (other than tab and line breaks) in the text.

    **What it catches.** C0 controls (U+0000–U+001F except tab, line feed and carriage return),
    DEL and the C1 controls (U+0080–U+009F), which Windows-1252 text decoded as Latin-1 leaves.

    **Why it matters.** Control characters are invisible in most editors, break XML and JSON
    feeds, and show as boxes on the page.

    **Bad:** the minister\\x85said. **Good:** the minister said.
    """
    if doc.characters.isdisjoint(_CONTROL_CHARACTERS):
        return
    for match in _CONTROL.finditer(doc.text):
        codes = ", ".join(f"U+{ord(ch):04X}" for ch in match.group(0)[:5])
        yield Hit(match.start(), match.end(), f"Control character ({codes}) in the text.", "")


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
_INVISIBLE_IN_WORD = lazy_compile(f"(?<=[A-Za-z0-9])[{_INVISIBLE}]+(?=[A-Za-z0-9])")
_INVISIBLE_ANYWHERE = lazy_compile("[\u200b\u2060\u180e]+|(?<!^)\ufeff+")


@rule(
    "MT604",
    "invisible-character",
    Category.CHARACTER_ENCODING,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def invisible_character(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A zero-width or invisible character inside a word, or a stray byte-order mark.

    **What it catches.** Zero-width space, joiner and non-joiner, word joiner and soft hyphen
    between two Latin letters or digits ("Kher\\u200bson"); a zero-width space or byte-order mark
    anywhere but at the very start of the text.

    **Why it matters.** The word looks right but no longer matches a search, a spell checker or
    a glossary, and some renderers show a box or break the line there.

    **Bad:** Kher​son (with U+200B inside). **Good:** Kherson.

    Left alone: zero-width joiners and non-joiners inside Indic or Arabic words and emoji
    sequences, where they are part of the spelling.
    """
    if doc.characters.isdisjoint(_INVISIBLE):
        return  # both patterns need one of these characters
    seen: set[int] = set()
    for pattern in (_INVISIBLE_IN_WORD, _INVISIBLE_ANYWHERE):
        for match in pattern.finditer(doc.text):
            if match.start() in seen:
                continue
            seen.add(match.start())
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in match.group(0)[:5])
            yield Hit(match.start(), match.end(), f"Invisible character ({codes}) in the text.", "")


def _stray_table() -> dict[str, tuple[bool, str]]:
    return {
        symbol: (where == "inline", what) for symbol, where, what in read_table("stray_symbols.tsv")
    }


_STRAY = _stray_table()
_STRAY_CHARACTERS = frozenset("".join(_STRAY))
# Where a match of _STRAY_PATTERN can start: any of its characters, the Cyrillic ones included.
_STRAY_START = lazy_compile("[" + re.escape("".join(_STRAY)) + "\ue000-\uf8ff\u0400-\u04ff]")
_STRAY_PATTERN = lazy_compile(
    "[" + re.escape("".join(_STRAY)) + "\ue000-\uf8ff]|(?<=[A-Za-z])[\u0400-\u04ff](?=[A-Za-z])"
)


@rule("MT605", "stray-symbol", Category.CHARACTER_ENCODING, Severity.WARNING)
def stray_symbol(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A symbol that machine translation emits for a character it could not render.

    **What it catches.** Private-use characters, unassigned code points, CJK marks and
    placeholders (※ 〓 〇 □), layout arrows and section markers from the source page (↓ ◆ ▲) and
    a Cyrillic look-alike letter inside a Latin word ("Ukrаine" with a Cyrillic а). The symbols
    live in ``audit/data/stray_symbols.tsv``.

    **Why it matters.** The symbol means nothing to the reader, and often stands for a word or a
    figure that was lost.

    **Bad:** The new line is finally online ↓ **Good:** The new line is finally online.

    Section markers (◆ ● ■ …) at the start of a line are list bullets and left alone.
    """
    text = doc.text
    if text.isascii():
        return
    others = [char for char in doc.characters if not char.isascii()]
    if any(
        char in _STRAY_CHARACTERS or "\ue000" <= char <= "\uf8ff" or "\u0400" <= char <= "\u04ff"
        for char in others
    ):
        yield from _stray_symbols(text)  # only then can the pattern match
    # Look at each distinct character once; walk the text only when one is unassigned.
    if any(unicodedata.category(char) == "Cn" for char in others):
        for index, char in enumerate(text):
            if unicodedata.category(char) == "Cn":
                yield Hit(index, index + 1, f"Unassigned code point U+{ord(char):04X}.")


def _stray_symbols(text: str) -> Iterator[Hit]:
    for match in finditer_from(_STRAY_PATTERN, _STRAY_START, text):
        char = match.group(0)
        if char in _STRAY:
            inline_only, what = _STRAY[char]
            at_line_start = not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip()
            if inline_only and at_line_start:
                continue
            message = f"Stray symbol “{char}” ({what})."
        elif "\u0400" <= char <= "\u04ff":
            message = (
                f"Cyrillic letter “{char}” inside a Latin word: a look-alike of a Latin letter."
            )
        else:
            message = f"Private-use character U+{ord(char):04X}: a symbol that did not survive."
        yield Hit(match.start(), match.end(), message)
