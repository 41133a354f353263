"""Garbled sentence shapes: sentences and lines that a translation left without an ending."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from audit.config import Settings
from audit.data import read_table, read_words
from audit.document import Document, Span
from audit.findings import Applicability, Category, Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._registry import rule
from audit.rules._scan import matches_at

_SPEECH_VERBS = read_words("speech_verbs.txt")
_CAPTION_WORDS = read_words("caption_words.txt")
_SITE_WORDS = read_words("site_words.txt")

_QUOTE_MARKS = "\"'“”‘’«»„"
_CLOSERS = "\"'”’)]»"


# MT710 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NeverFinal:
    kind: str
    unless_after: frozenset[str]


@cache
def _never_final() -> tuple[re.Pattern[str], dict[str, _NeverFinal]]:
    entries: dict[str, _NeverFinal] = {}
    for row in read_table("never_final_words.tsv"):
        phrase, kind, unless = [*row, "", ""][:3]
        if not phrase or not kind:
            raise ValueError(f"never_final_words.tsv: malformed line for {phrase!r}")
        unless_after = frozenset(w.strip() for w in unless.split(",") if w.strip())
        entries[" ".join(phrase.split())] = _NeverFinal(kind, unless_after)
    words = sorted(entries, key=lambda phrase: (-len(phrase), phrase))
    alternation = "|".join(r"[ \t]+".join(map(re.escape, p.split())) for p in words)
    # The word, then the sentence's last mark, then a closing quotation mark or bracket at most,
    # then white space or the end: "for the.", "and.”". Not "a.m.", "and...", "the.com".
    pattern = re.compile(
        rf"(?<![\w.'’/&@#-])(?P<phrase>{alternation})(?P<stop>[.!?])"
        rf"(?![\w.!?])(?=[{re.escape(_CLOSERS)}]*(?:\s|$))"
    )
    return pattern, entries


@cache
def _phrase_shape() -> tuple[frozenset[str], int] | None:
    """The last words of the never-final phrases and their most words, when every phrase is
    lowercase ASCII words (None otherwise: then the pattern scans the whole paragraph)."""
    _, entries = _never_final()
    if not all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", phrase) for phrase in entries):
        return None
    return (
        frozenset(phrase.split()[-1] for phrase in entries),
        max(len(phrase.split()) for phrase in entries),
    )


_STOP = lazy_compile(r"[.!?]")


def _phrase_matches(
    pattern: re.Pattern[str], text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, tried only where a phrase can start.

    A match is a phrase of lowercase words, then a stop. So each stop whose word before it (the
    run of lowercase letters ending there) is a phrase's last word gives the starts of that word
    and of the one or two words before it, and the pattern (which opens with a look-behind, so the
    engine would try it at every position) is tried there alone, in order, as the scan would.
    """
    shape = _phrase_shape()
    if shape is None:
        yield from pattern.finditer(text, start, end)
        return
    last_words, most = shape
    starts: set[int] = set()
    for stop in _STOP.finditer(text, start, end):
        word_end = stop.start()
        word = _lowercase_run(text, start, word_end)
        if text[word:word_end] not in last_words:
            continue
        starts.add(word)
        for _ in range(most - 1):
            gap = word
            while gap > start and text[gap - 1] in " \t":
                gap -= 1
            previous = _lowercase_run(text, start, gap)
            if gap == word or previous == gap:
                break
            starts.add(previous)
            word = previous
    yield from matches_at(pattern, text, sorted(starts), end)


def _lowercase_run(text: str, floor: int, end: int) -> int:
    """Where the run of lowercase ASCII letters ending at ``end`` starts (not before ``floor``)."""
    start = end
    while start > floor and "a" <= text[start - 1] <= "z":
        start -= 1
    return start


_WORD_BEFORE = lazy_compile(r"([\w’'-]+)[^\w\n]*$")
_LOOK_BACK = 60
_SPACED_INITIAL = lazy_compile(r"[ \t]+[a-z]\.")


def _with_article(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


@rule("MT710", "sentence-ends-on-function-word", Category.GRAMMAR, Severity.ERROR)
def sentence_ends_on_function_word(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A sentence that stops on an article, a conjunction or a preposition: "… of the.", "… and.".

    **What it catches.** A full stop, question or exclamation mark right after a word no English
    sentence ends on: an article or possessive (the, a, an, their, its), a conjunction (and, or,
    but, although, whether, than, because) or a preposition that cannot be left at the end
    (despite, via, including, according to, such as). The words are listed in
    ``audit/data/never_final_words.tsv``.

    **Why it matters.** The translation dropped the end of the sentence, or cut one sentence in
    two; the reader is left with half a thought.

    **Bad:** Russia will have to pay compensation for the. **Good:** Russia will have to pay
    compensation for the losses.

    Left alone: prepositions English leaves at the end ("the people he worked with.", "What are
    you looking for?", "something he had never heard of."), "that", "so", "yet", "though"
    ("I think so.", "not yet."), "anything but.", "just because.", abbreviations and initials
    (a.m., a. m., U.S.), a trailing ellipsis ("and..."), capitalised words (Vitamin A.), and a
    sentence of one word ("But." in dialogue).
    """
    text = doc.text
    pattern, entries = _never_final()
    for p_start, p_end in doc.paragraphs:
        for match in _phrase_matches(pattern, text, p_start, p_end):
            phrase = " ".join(match["phrase"].split())
            entry = entries[phrase]
            raw = text[max(p_start, match.start() - _LOOK_BACK) : match.start()]
            before = raw.rstrip(" \t")
            if "\t" in raw[len(before) :]:
                continue  # a table cell
            previous = _WORD_BEFORE.search(before)
            if previous is None or before[-1] in ".!?:;([{“‘\"'\n":
                continue  # a sentence of one word, a list marker (a.), a word quoted or in brackets
            if not any(char.isalpha() for char in previous.group(1)):
                continue  # after a figure: a table or a code, not a sentence
            if previous.group(1).lower() in entry.unless_after:
                continue
            if phrase == "a" and _SPACED_INITIAL.match(text, match.end()):
                continue  # 9 a. m.
            yield Hit(
                match.start(),
                match.end(),
                f"The sentence ends on “{match['phrase']}”, {_with_article(entry.kind)}: "
                "its last words are missing.",
            )


# MT711 ------------------------------------------------------------------------------------

_NAME = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sgt)\.|[A-Z][\w’'-]*"
_SUBJECT = (
    r"(?:He|She|They|We|I"
    rf"|The(?:[ \t]+[\w’'-]+){{1,3}}"
    rf"|(?:{_NAME})(?:[ \t]+(?:{_NAME})){{0,3}})"
)
_TAG_AFTER_QUOTE = lazy_compile(
    r"(?:[.][\"”]|[\"”][.])[ \t]+"
    rf"(?P<tag>(?P<subject>{_SUBJECT})[ \t]+(?P<verb>[a-z]+)"
    r"(?:[ \t]+(?:reporters|journalists|the media))?\.)"
    r"(?=[\"”’)]*(?:\s|$))"
)


@rule("MT711", "speech-tag-fragment", Category.GRAMMAR, Severity.WARNING)
def speech_tag_fragment(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A speech tag left as a sentence of its own after a quotation: “We will win.” He said.

    **What it catches.** A quotation closed with a full stop, followed by a sentence that is
    nothing but its speaker and a verb of saying: "He said.", "The minister added.", "Kumar
    told reporters.". The verbs are listed in ``audit/data/speech_verbs.txt``.

    **Why it matters.** Hindi news can close a quotation and then say who spoke in a sentence
    of its own, "उन्होंने कहा।"; machine translation keeps it as a fragment between the
    quotation and the next sentence. English joins the tag to the quotation with a comma.

    **Bad:** “We will not give up our land.” He said. **Good:** “We will not give up our
    land,” he said.

    Left alone: a tag joined with a comma (“We will win,” he said.), a sentence that goes on
    after the verb (“No.” He said it twice.), a quotation that ends in a question or
    exclamation mark (“Why?” she asked.), and a tag followed by another quotation (She said
    “Yes.”).
    """
    text = doc.text
    if "”" not in text and '"' not in text:
        return
    for p_start, p_end in doc.paragraphs:
        for match in _TAG_AFTER_QUOTE.finditer(text, p_start, p_end):
            if match["verb"] not in _SPEECH_VERBS:
                continue
            tag = match["tag"]
            yield Hit(
                match.start("tag"),
                match.end("tag"),
                f"“{tag}” stands as a sentence of its own after the quotation: "
                "join it to the quotation with a comma.",
            )


# MT712 ------------------------------------------------------------------------------------

_QUESTION_TO_YOU = lazy_compile(
    r"(?:Why|How|When|What|Where|Who|Whom|Which)\b[^?\n]{0,80}?\b(?:did|have|had)[ \t]+you\b"
    r"[^?\n]*\?",
)
_INTERVIEW_MARK = lazy_compile(r"^[ \t*_>]*(?:Q|A|Question|Answer)[ \t]*[:.)–—-]", re.MULTILINE)
_QUOTED = lazy_compile(r"“[^”\n]*”|\"[^\"\n]*\"")
_FIRST_PERSON = lazy_compile(r"\b(?:I|I’m|I'm|I’ve|I've|me|my|we|We|our|Our|us)\b")
_SECOND_PERSON = lazy_compile(r"\b(?:you|You|your|Your)\b")
# Quotation marks put the question in someone's mouth; a comma makes it a sentence of reported
# speech ("What did you say, the judge asked"), not a heading.
_HEADING_BREAKERS = _QUOTE_MARKS + ",;"
_MAX_HEADING_WORDS = 20


def _outside_quotes(text: str) -> str:
    """The words of ``text`` outside quotation marks."""
    return _QUOTED.sub(" ", text)


@rule("MT712", "question-to-you-heading", Category.GRAMMAR, Severity.WARNING)
def question_to_you_heading(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A heading that asks "you" about a past act, in a report: "Why did you decide to withdraw?".

    **What it catches.** A line standing as its own paragraph, one question of at most twenty
    words with no quotation marks, that asks "you" what was done: "Why did you decide to
    withdraw from Kherson?", "What have you achieved in Bakhmut?". The paragraph after it must
    go on in the third person, as a report does.

    **Why it matters.** A Hindi heading often leaves out who acted; machine translation
    supplies "you", the default subject of a question, and the heading seems to interrogate
    the reader. English names the actor: "Why did Russia decide to withdraw from Kherson?"

    **Bad:** Why did you decide to withdraw from Kherson? **Good:** Why did Russia withdraw
    from Kherson?

    Left alone: a question to "you" inside a paragraph, in quotation marks or with a comma
    (reported speech); present-tense questions to the reader ("What do you need to know?",
    "Are you eligible?"); an interview, told by Q:/A: marks or by a paragraph in the first
    person, outside quotation marks, after any of its questions; a call-out to readers, whose
    next paragraph says "you" or "your"; a question in the last paragraph.
    """
    text = doc.text
    if "you" not in text or _INTERVIEW_MARK.search(text):
        return
    paragraphs = doc.paragraphs
    questions = []
    for index, (start, end) in enumerate(paragraphs[:-1]):
        line = text[start:end]
        if "\n" in line or any(mark in line for mark in _HEADING_BREAKERS):
            continue
        if len(line.split()) <= _MAX_HEADING_WORDS and _QUESTION_TO_YOU.fullmatch(line):
            following = paragraphs[index + 1]
            questions.append(((start, end), _outside_quotes(text[following[0] : following[1]])))
    if any(_FIRST_PERSON.search(answer) for _, answer in questions):
        return  # an interview: the paragraphs after the questions answer them
    for (start, end), following in questions:
        if _SECOND_PERSON.search(following):
            continue  # a call-out to readers: "Share your photos with us"
        yield Hit(
            start,
            end,
            "The heading asks “you” what was done, in a report: the translation put the "
            "second person where the source meant the people the article is about.",
        )


# MT713 ------------------------------------------------------------------------------------

_PIPE = lazy_compile(r"[ \t]\|[ \t]")
_MIN_HEADLINE_WORDS = 4
_DOMAIN = lazy_compile(r"\w\.(?:com|org|net|in|cn|co|uk|news)\b", re.IGNORECASE)


@rule("MT713", "piped-headlines", Category.PUNCTUATION, Severity.WARNING, fix=Applicability.UNSAFE)
def piped_headlines(doc: Document, settings: Settings) -> Iterator[Hit]:
    """Two headlines joined with a bar: "Flood waters recede in Assam | Army rescues 300 villagers".

    **What it catches.** A headline with one " | " between two runs of at least four words each:
    the page title carried a second headline (or the story's subhead), and both were translated
    as one line.

    **Why it matters.** An article has one headline; the bar is web-page furniture, and the
    reader cannot tell which of the two is the story.

    **Bad:** Flood waters recede in Assam | Army rescues 300 villagers in Dhemaji
    **Good:** Flood waters recede in Assam

    Left alone: a section label before the bar ("Explained | Why the rupee fell"), a site's name
    after it (MT302 reports that), a photo credit or caption tail ("| Photo: Reuters", "| File
    image"), table rows and menus with several bars, and bars in the body of the article.
    """
    if doc.headline is None:
        return
    start, end = doc.headline
    line = doc.text[start:end]
    bars = list(_PIPE.finditer(line))
    if len(bars) != 1:
        return
    bar = bars[0]
    left, right = line[: bar.start()].split(), line[bar.end() :].split()
    if len(left) < _MIN_HEADLINE_WORDS or len(right) < _MIN_HEADLINE_WORDS:
        return
    first = right[0].strip(":,.").lower()
    if first in _CAPTION_WORDS or _DOMAIN.search(" ".join(right)):
        return
    if len(right) <= 5 and any(w.strip(".,").lower() in _SITE_WORDS for w in right):
        return  # a site's name: MT302
    kept = len(line[: bar.start()].rstrip())
    yield Hit(
        start + kept,
        end,
        "A second headline is joined to the headline with a bar: keep the first.",
        "",
    )


# MT714 ------------------------------------------------------------------------------------

_ATTRIBUTION_AT_END = lazy_compile(
    r"(?<![\w’'-])(?P<verb>[a-z]+|[Aa]ccording[ \t]+to)"
    # whom, and where or when: "told reporters", "said in a statement", "stated on Monday"
    r"(?:[ \t]+(?:reporters|journalists|the[ \t]+media|him|her|them|us))?"
    r"(?:[ \t]+(?:in|on|at|during|after|before|via|through|from|with)(?:[ \t]+[\w’'-]+){1,4})?"
    r"(?:[ \t]+that)?[ \t]*(?P<mark>[,:–—-])[ \t]*$"
)
_ATTRIBUTION_REACH = 80
_ATTRIBUTION_MARKS = ",:–—-"  # the pattern's (?P<mark>…)
_LIST_OR_QUOTE_START = tuple("“‘\"'«„-–—•*·0123456789(")


def _next_paragraph(paragraphs: tuple[Span, ...], index: int) -> Span | None:
    return paragraphs[index + 1] if index + 1 < len(paragraphs) else None


@rule("MT714", "empty-attribution", Category.GRAMMAR, Severity.ERROR)
def empty_attribution(doc: Document, settings: Settings) -> Iterator[Hit]:
    """An attribution with nothing attributed: a paragraph that ends "… the minister said –".

    **What it catches.** A paragraph whose last words are a verb of saying (said, told, added,
    stated … listed in ``audit/data/speech_verbs.txt``) or "according to", with a dash, comma or
    colon after it and nothing that was said: "The spokesman said –", "He added that,".

    **Why it matters.** The quotation or statement the tag introduces was lost in translation;
    the reader is told someone spoke and never hears what.

    **Bad:** The army spokesman said – **Good:** The army spokesman said the bridge was
    destroyed.

    Left alone: a tag followed by its words on the next line of the same paragraph, or in a
    next paragraph that opens with a quotation mark, a list or a lowercase word ("said:" then
    “We …”); a colon after the tag anywhere but the last paragraph, since a statement set out
    as the next paragraph is a fair layout; "said." and "what he said" with no mark.
    """
    text = doc.text
    paragraphs = doc.paragraphs
    for index, (start, end) in enumerate(paragraphs):
        if text[end - 1] not in _ATTRIBUTION_MARKS:
            continue  # a paragraph ends on no white space: only on the mark can a match end
        match = _ATTRIBUTION_AT_END.search(text, max(start, end - _ATTRIBUTION_REACH), end)
        if match is None or match.end() != end:
            continue
        verb = " ".join(match["verb"].lower().split())
        if verb not in _SPEECH_VERBS and verb != "according to":
            continue
        if match.start() == start:
            continue  # nothing before the verb: not an attribution
        following = _next_paragraph(paragraphs, index)
        if following is not None:
            first = text[following[0]]
            if match["mark"] == ":" or first in _LIST_OR_QUOTE_START or first.islower():
                continue  # the words follow: a quotation, a list, or the sentence going on
        yield Hit(
            match.start(),
            end,
            f"“{text[match.start() : end]}” ends the paragraph with nothing attributed: "
            "the words that were said are missing.",
        )
