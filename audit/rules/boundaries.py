"""Sentence and quotation boundaries that machine translation broke."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit.config import Settings
from audit.data import read_words
from audit.document import Document, Span
from audit.findings import Category, Hit, Severity
from audit.rules._registry import rule
from audit.rules._text import ends_like_abbreviation

_LOWERCASE_WORDS = read_words("lowercase_words.txt")

_STOP_THEN_WORD = re.compile(
    r"(?P<stop>[.?!])(?P<close>[\"'”’)\]]*)[ \t\n]+[\"'“‘(\[]*(?P<word>[^\W\d_][\w’'-]*)"
)


@rule("MT210", "broken-sentence-boundary", Category.PUNCTUATION, Severity.ERROR)
def broken_sentence_boundary(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A full stop, question or exclamation mark followed by a sentence that starts in lowercase.

    **What it catches.** "providing compensation for war losses. and face prosecution": one
    sentence cut in two, or a sentence whose first words were lost.

    **Why it matters.** Edited English never starts a sentence in lowercase; the pattern is the
    mark of a translation that split or truncated a sentence.

    **Bad:** for war losses. and face prosecution. **Good:** for war losses and face prosecution.

    Left alone: abbreviations (U.S., Dr., a.m., e.g., vs., No.), initials, decimals, URLs and
    e-mail addresses, ellipses, a speech tag after a quoted question ("“Why?” she asked."), and
    words that are always lowercase (iPhone, km), listed in ``audit/data/lowercase_words.txt``.
    A question or exclamation mark that ends a capitalised name is part of the name (the band
    Wham!, the film Shall We Dance?, the magazine What Hi-Fi?), and "? and" / "? or" joins a
    list of questions inside one sentence.
    """
    text = doc.text
    for p_start, p_end in doc.paragraphs:
        for match in _STOP_THEN_WORD.finditer(text, p_start, p_end):
            stop, word = match.start("stop"), match["word"]
            if not word[0].islower() or _always_lowercase(word):
                continue
            if match["stop"] in "?!" and match["close"]:
                continue  # “Why?” she asked.
            if match["stop"] in "?!" and _ends_a_title(text, p_start, stop):
                continue  # the band Wham! split; the magazine What Hi-Fi? reviews
            if match["stop"] == "?" and word in _QUESTION_LIST_JOINS:
                continue  # what is a dog?, how tall is a giraffe? and why is the sky blue?
            if text[stop - 1 : stop] in (".", "…") and stop > p_start:
                continue  # an ellipsis
            if ends_like_abbreviation(_token_before(text, p_start, stop + 1)):
                continue
            yield Hit(
                stop,
                match.end("word"),
                f"“{match['stop']}” is followed by “{word}” in lowercase: "
                "the sentence looks cut in two or its first words are missing.",
            )


# A token longer than this is no abbreviation; looking no further back keeps the rule linear on
# a long paragraph of stops followed by lowercase words.
_TOKEN_REACH = 40
_QUESTION_LIST_JOINS = frozenset({"and", "or"})


def _token_before(text: str, start: int, end: int) -> str:
    """The white-space-delimited token that ends at ``end`` (searching back no further than start)."""
    start = max(start, end - _TOKEN_REACH)
    token_start = max(text.rfind(space, start, end) for space in " \t\n") + 1
    return text[max(token_start, start) : end]


def _ends_a_title(text: str, start: int, stop: int) -> bool:
    """Whether the mark at ``stop`` closes a capitalised word: the last word of a name or title.

    A sentence of the story ends on a lowercase word far more often than not; a name such as
    Wham!, Mamma Mia! or What Hi-Fi? carries its mark inside it.
    """
    token = _token_before(text, start, stop).rsplit("-", 1)[-1].lstrip("\"'“‘(")
    return token[:1].isupper() and not token.isupper()  # ex-Wham! counts; NATO? does not


def _always_lowercase(word: str) -> bool:
    return word in _LOWERCASE_WORDS or word.split("-")[0] + "-" in _LOWERCASE_WORDS


# Quotation marks ----------------------------------------------------------------------------

_QUOTES = re.compile(r"[\"'“”‘’„«»]")
_ELISIONS = re.compile(r"[’'‘](?:\d\d|em\b|til\b|cause\b|n[’'‘]|tis\b|twas\b)", re.IGNORECASE)
_OPENERS = set(" \t\n([{—–-/")
_CLOSER_FOLLOWERS = set(" \t\n.,;:!?)]}—–-/…")


@dataclass(frozen=True)
class _Mark:
    offset: int
    char: str
    double: bool


@dataclass(frozen=True)
class _QuoteProblem:
    mark: _Mark
    kind: str  # "orphan-close" or "unclosed-open"


def _classify(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close', 'either' (a straight mark with no clue) or 'apostrophe'."""
    char = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if char in "“‘„«":
        if char == "‘" and _ELISIONS.match(text, i):
            return "apostrophe"  # ‘90s written with the wrong mark
        return "open"
    if char in "”»":
        return "close"
    if char in "’'":
        if before.isalnum() and after.isalnum():
            return "apostrophe"  # Ukraine’s, don’t, o’clock
        if _ELISIONS.match(text, i) or (before == "n" and i >= 2 and text[i - 2] in "’'"):
            return "apostrophe"  # ’90s, rock ’n’ roll
        if after.isalnum():
            return "open" if before in _OPENERS or i == start else "apostrophe"
        return "close"
    # straight double quote
    opens = before in _OPENERS or i == start
    closes = after in _CLOSER_FOLLOWERS or i + 1 == end
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _quote_problems(
    doc: Document, paragraph: Span, next_paragraph: Span | None
) -> list[_QuoteProblem]:
    text = doc.text
    start, end = paragraph
    stack: list[_Mark] = []
    problems: list[_QuoteProblem] = []
    marks = [m.start() for m in _QUOTES.finditer(text, start, end)]
    for position, i in enumerate(marks):
        char = text[i]
        double = char not in "‘’'"
        kind = _classify(text, i, start, end)
        mark = _Mark(i, char, double)
        if kind == "apostrophe":
            continue
        if kind == "either":
            kind = "close" if any(m.double and m.char == '"' for m in stack) else "open"
        if kind == "open":
            stack.append(mark)
            continue
        if not double:
            if not any(not m.double for m in stack):
                # A lone ’ after a word is a plural possessive (soldiers’); after punctuation
                # (,’ .’ ?’) it can only be a closing quotation mark.
                if text[i - 1 : i] in ".,;:!?":
                    problems.append(_QuoteProblem(mark, "orphan-close"))
                continue
            if text[i - 1 : i] in "sS" and _later_single_close(text, marks[position + 1 :]):
                continue  # ‘The soldiers’ families,’ — the later mark closes the quote
        matching = [k for k, m in enumerate(stack) if m.double == double]
        if not matching:
            problems.append(_QuoteProblem(mark, "orphan-close"))
            continue
        depth = matching[-1]
        problems.extend(_QuoteProblem(m, "unclosed-open") for m in stack[depth + 1 :])
        del stack[depth:]
    continues = next_paragraph is not None and text[next_paragraph[0]] in "“\"«‘'"
    for mark in stack:
        if mark.double and continues:
            continue  # a quotation that runs on into the next paragraph, as news style has it
        problems.append(_QuoteProblem(mark, "unclosed-open"))
    return problems


def _later_single_close(text: str, offsets: list[int]) -> bool:
    for i in offsets:
        if text[i] in '‘“"':
            return False
        if text[i] in "’'" and not (i + 1 < len(text) and text[i + 1].isalnum()):
            return True
    return False


def _problems(doc: Document) -> Iterator[tuple[Span, _QuoteProblem]]:
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        for problem in _quote_problems(doc, paragraph, following):
            yield paragraph, problem


def _describe(mark: _Mark) -> str:
    kind = "double" if mark.double else "single"
    return f"{kind} quotation mark {mark.char}"


@rule("MT201", "orphan-closing-quote", Category.PUNCTUATION, Severity.ERROR)
def orphan_closing_quote(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A closing quotation mark with no opening one in its paragraph.

    **What it catches.** `he said. are doing so to preserve their force, but that remains to be
    seen.”` — the quotation lost its opening words and its opening mark. Curly, straight and
    single marks are followed; apostrophes (Ukraine’s, soldiers’, ’90s, rock ’n’ roll, o’clock)
    are told apart from quotation marks.

    **Why it matters.** The reader cannot tell who says what, and the words before the mark are
    usually a fragment of the quotation.

    **Bad:** He said. are doing so, but that remains to be seen.”
    **Good:** He said: “They are doing so, but that remains to be seen.”

    The finding spans from the start of the sentence where the quotation went wrong to the
    orphaned mark.
    """
    for _, problem in _problems(doc):
        if problem.kind != "orphan-close":
            continue
        mark = problem.mark
        sentence = doc.sentence_at(mark.offset) or (mark.offset, mark.offset + 1)
        start = min(sentence[0], mark.offset)
        yield Hit(
            start,
            mark.offset + 1,
            f"The closing {_describe(mark)} has no opening mark in this paragraph: "
            "the start of the quotation is missing.",
        )


@rule("MT202", "unclosed-opening-quote", Category.PUNCTUATION, Severity.ERROR)
def unclosed_opening_quote(doc: Document, settings: Settings) -> Iterator[Hit]:
    """An opening quotation mark that is never closed in its paragraph.

    **What it catches.** A quotation opened and never closed, where the next paragraph does not
    open with a quotation mark. News style lets a quotation run on over several paragraphs: each
    paragraph opens with a mark and only the last closes; that is left alone.

    **Why it matters.** The reader cannot tell where the quoted words end; usually the
    translation dropped the end of the quotation or merged two sentences.

    **Bad:** He called it “a turning point and left the room.
    **Good:** He called it “a turning point” and left the room.

    The finding spans from the opening mark to the end of the paragraph.
    """
    for paragraph, problem in _problems(doc):
        if problem.kind != "unclosed-open":
            continue
        mark = problem.mark
        yield Hit(
            mark.offset,
            paragraph[1],
            f"The opening {_describe(mark)} is never closed in this paragraph.",
        )
