"""Sentence and quotation boundaries that machine translation broke."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from audit.config import Settings
from audit.data import read_words
from audit.document import Document, Span
from audit.findings import Category, Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._quotes import (
    LINE_INITIAL_CLOSE,
    ORPHAN_CLOSE,
    UNCLOSED_OPEN,
    QuoteMark,
    quotation_marks,
)
from audit.rules._registry import rule
from audit.rules._text import alternation, ends_like_abbreviation

_LOWERCASE_WORDS = read_words("lowercase_words.txt")

# A word in capitals after a stop is a sentence that starts as it should, and most stops are
# followed by one: the pattern does not match there (?![A-Z]), so the rule's loop does not run.
# No stop can stand inside a match after its first character, so leaving those matches out hides
# no other match.
_STOP_THEN_WORD = lazy_compile(
    r"(?P<stop>[.?!])(?P<close>[\"'”’)\]]*)[ \t\n]+[\"'“‘(\[]*(?![A-Z])"
    r"(?P<word>[^\W\d_][\w’'-]*)"
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
    list of questions inside one sentence. A full stop that closes a quotation followed by a
    lowercase speech tag (“… happened.” he said) is a comma written as a full stop, not a sentence
    cut in two: reported as a warning, as is a stop inside a quotation, whose words may be
    quoted as their writer spelt them (a text message, a reader's comment).
    """
    text = doc.text
    quoted: _QuotedSpans | None = None
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
            token = _token_before(text, p_start, stop + 1)
            if ends_like_abbreviation(token) or ends_like_abbreviation(token.rsplit("-", 1)[-1]):
                continue  # U.S. officials; China-U.S. relations
            if match["close"][:1] in _CLOSING_QUOTES:
                # “I don't know what happened.” he said: a speech tag after the quotation, whose
                # full stop should be a comma; the sentence itself is whole.
                yield Hit(
                    stop,
                    match.end("word"),
                    f"“{match['stop']}{match['close']}” is followed by “{word}” in lowercase: the "
                    "quotation's full stop should be a comma before the words that follow it.",
                    severity=Severity.WARNING,
                )
                continue
            quoted = quoted or _QuotedSpans(doc)
            if quoted.contains(stop):
                # Quoted words keep their writer's spelling (a text message, a reader's comment):
                # worth a look, not a failed check.
                yield Hit(
                    stop,
                    match.end("word"),
                    f"“{match['stop']}” is followed by “{word}” in lowercase inside a quotation: "
                    "the quoted sentence looks cut in two, unless it is quoted as written.",
                    severity=Severity.WARNING,
                )
                continue
            if match["stop"] == "!" or text[match.end("close") : match.start("word")].endswith("("):
                # “amazing songs! it's a terrible song”, “… he might have said nothing. (btw …)”:
                # an exclamation carried on, or an aside in brackets, is the informal voice of a
                # reader's comment or a post; translation cuts sentences at full stops.
                yield Hit(
                    stop,
                    match.end("word"),
                    f"“{match['stop']}” is followed by “{word}” in lowercase: the sentence may be "
                    "cut in two, unless it is an informal aside as written.",
                    severity=Severity.WARNING,
                )
                continue
            yield Hit(
                stop,
                match.end("word"),
                f"“{match['stop']}” is followed by “{word}” in lowercase: "
                "the sentence looks cut in two or its first words are missing.",
            )


class _QuotedSpans:
    """The stretches of a document inside quotation marks (the shared pairing), merged."""

    def __init__(self, doc: Document) -> None:
        spans = sorted(
            (q.opening.end, q.closing.start) for q in quotation_marks(doc).quotations
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._spans = merged

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


# A token longer than this is no abbreviation; looking no further back keeps the rule linear on
# a long paragraph of stops followed by lowercase words.
_TOKEN_REACH = 40
_QUESTION_LIST_JOINS = frozenset({"and", "or"})
_CLOSING_QUOTES = frozenset("\"'”’")


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


def _describe(mark: QuoteMark) -> str:
    kind = "double" if mark.double else "single"
    return f"{kind} quotation mark {mark.char}"


@rule("MT201", "orphan-closing-quote", Category.PUNCTUATION, Severity.ERROR)
def orphan_closing_quote(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A closing quotation mark with no opening one.

    **What it catches.** `he said. are doing so to preserve their force, but that remains to be
    seen.”` — the quotation lost its opening words and its opening mark. Curly, straight and
    single marks are followed; apostrophes (Ukraine’s, soldiers’, ’90s, rock ’n’ roll, o’clock)
    and feet and inches (5' 10") are told apart from quotation marks. In a file written one
    sentence a line, a closing mark that heads a line (`"—The teenager asked`) is reported too:
    the segment broke the sentence after its quotation's last words.

    **Why it matters.** The reader cannot tell who says what, and the words before the mark are
    usually a fragment of the quotation.

    **Bad:** He said. are doing so, but that remains to be seen.”
    **Good:** He said: “They are doing so, but that remains to be seen.”

    Left alone: the end of a quotation that opened on an earlier line of a file written one
    sentence a line, including a closing mark left alone on its own line. The finding spans from
    the start of the sentence where the quotation went wrong to the orphaned mark.
    """
    for problem in quotation_marks(doc).problems:
        mark = problem.mark
        if problem.kind == LINE_INITIAL_CLOSE:
            yield Hit(
                mark.start,
                mark.end,
                f"The closing {_describe(mark)} heads this line, cut off from the quotation it "
                "closes on the line before.",
            )
            continue
        if problem.kind != ORPHAN_CLOSE:
            continue
        sentence = doc.sentence_at(mark.start) or (mark.start, mark.end)
        start = min(sentence[0], mark.start)
        yield Hit(
            start,
            mark.end,
            f"The closing {_describe(mark)} has no opening mark: "
            "the start of the quotation is missing.",
        )


_SPEECH_VERB = lazy_compile(
    r"\b(?:" + alternation(read_words("speech_verbs.txt")) + r")\b", re.IGNORECASE
)
# What may stand before a quotation of whole sentences: a sentence end, a colon or a comma.
_QUOTATION_LEAD_IN = lazy_compile(r"[.?!…:,][)\]'’”\"]*[ \t]*$")
_LEAD_IN_REACH = 12
_ENDS_SENTENCE = lazy_compile(r"[.?!…][)\]'’]*$")


def _runs_whole_to_paragraph_end(
    text: str, mark: QuoteMark, paragraph: Span, last_speech_verb: int
) -> bool:
    """Whether an unclosed quotation is whole sentences that run to the end of the paragraph.

    Then only the closing mark is missing and the reader still sees where the quotation ends:
    “We will rebuild. It will take years. But we will do it. A speech verb after the mark
    (“We will rebuild, he said.) or an opening in mid-sentence (called it “a turning point and
    left) hides where the quoted words stop.
    """
    start, end = paragraph
    lead_in = max(start, mark.start - _LEAD_IN_REACH)
    if mark.start > start and not _QUOTATION_LEAD_IN.search(text, lead_in, mark.start):
        return False
    if last_speech_verb > mark.start:
        return False
    return _ENDS_SENTENCE.search(text, max(mark.end, end - 4), end) is not None


@rule("MT202", "unclosed-opening-quote", Category.PUNCTUATION, Severity.ERROR)
def unclosed_opening_quote(doc: Document, settings: Settings) -> Iterator[Hit]:
    """An opening quotation mark that is never closed.

    **What it catches.** A quotation opened and never closed: the paragraph ends, and the next
    one does not go on with the quotation.

    **Why it matters.** The reader cannot tell where the quoted words end; usually the
    translation dropped the end of the quotation or merged two sentences.

    **Bad:** He called it “a turning point and left the room.
    **Good:** He called it “a turning point” and left the room.

    Left alone: a quotation that goes on. News style opens each paragraph of a long quotation with
    a fresh mark and closes only the last; when an export loses the break between two such
    paragraphs, the fresh mark follows a sentence end (`… a 30 point win. "We are a hard side …`),
    and that is the same quotation going on. In a file with no blank line (one sentence a line),
    a quotation may also close on one of the next few lines. The finding spans from the opening
    mark to the end of its paragraph.

    A quotation of whole sentences that runs to the end of its paragraph with nothing but its
    closing mark missing (He said: “We will rebuild. It will take years.) is a warning: the reader
    still sees where it ends. It is an error when the quotation opens in mid-sentence or a speech
    verb follows the mark, so that the quoted words cannot be told from the narration.
    """
    text = doc.text
    speech_verbs: dict[Span, int] = {}  # the last speech verb of each paragraph, found once
    for problem in quotation_marks(doc).problems:
        if problem.kind != UNCLOSED_OPEN:
            continue
        mark, paragraph = problem.mark, problem.paragraph
        if paragraph not in speech_verbs:
            found = [m.start() for m in _SPEECH_VERB.finditer(text, *paragraph)]
            speech_verbs[paragraph] = found[-1] if found else -1
        if _runs_whole_to_paragraph_end(text, mark, paragraph, speech_verbs[paragraph]):
            yield Hit(
                mark.start,
                paragraph[1],
                f"The opening {_describe(mark)} is never closed: the quotation runs to the end "
                "of the paragraph without its closing mark.",
                severity=Severity.WARNING,
            )
            continue
        yield Hit(mark.start, paragraph[1], f"The opening {_describe(mark)} is never closed.")
