"""Punctuation hygiene: spacing, doubled marks, brackets, quotation-mark styles, CJK punctuation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from audit.config import Settings
from audit.data import read_words
from audit.document import Document, Span
from audit.findings import Applicability, Category, Hit, Severity, shorten
from audit.lazy import lazy_compile
from audit.rules._quotes import quotation_marks
from audit.rules._registry import rule
from audit.rules._scan import finditer_from
from audit.rules._text import is_abbreviation, run_start

_DOCUMENT_NOUNS = read_words("document_nouns.txt")


def _abbreviation_before(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation (Co., U.S., a.m., J.) or an ellipsis."""
    if text[stop - 1 : stop] == ".":
        return True  # the last dot of an ellipsis
    token = text[run_start(text, stop, _in_abbreviation) : stop]
    if is_abbreviation(token):
        return True
    # Short words cut with a full stop are abbreviations the list cannot hold them all of:
    # R-Ariz., Calif., Dept., etc.; a word of full length is not ("growth.,").
    return token.isalpha() and (len(token) <= 4 or (token[0].isupper() and len(token) <= 6))


def _in_abbreviation(char: str) -> bool:
    return char.isalnum() or char == "."


# MT203 ------------------------------------------------------------------------------------

_SPACE_BEFORE = lazy_compile(r"(?<=\S)[ \t]+(?P<mark>[,;:!?]|\.(?![.\d]))(?=[\s\"”’')\]]|$)")
_SPACE_BEFORE_START = lazy_compile(r"[ \t](?=[ \t]*[,;:!?.])")  # where its matches can start


@rule(
    "MT203",
    "space-before-punctuation",
    Category.PUNCTUATION,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def space_before_punctuation(doc: Document, settings: Settings) -> Iterator[Hit]:
    """White space before a comma, full stop, semicolon, colon, question or exclamation mark.

    **What it catches.** "growth , and", "Level 2 .", "the plan ; the", "why ?". The span is the
    space and the mark; the suggestion is the mark alone.

    **Why it matters.** English sets these marks against the word before them; a space there is
    a segmentation artifact (the model's tokens joined with spaces) or French spacing.

    **Bad:** prices rose , the bureau said . **Good:** prices rose, the bureau said.

    Left alone: an ellipsis (" ..." and " . . ."), a decimal (" .5"), a score or ratio with
    spaces ("2 : 1"), and an emoticon (" :)").
    """
    text = doc.text
    for match in finditer_from(_SPACE_BEFORE, _SPACE_BEFORE_START, text):
        mark = match["mark"]
        after = text[match.end() : match.end() + 2]
        if mark == "." and (after == " ." or text[match.start() - 1] == "."):
            continue  # . . . spaced ellipsis
        if mark == ":" and text[match.start() - 1].isdigit() and after[1:].isdigit():
            continue  # 2 : 1
        if mark in ":;" and after[:1] in ")]":
            continue  # well played :) — an emoticon
        yield Hit(
            match.start(),
            match.end(),
            f"Space before “{mark}”.",
            mark,
        )


# MT204 ------------------------------------------------------------------------------------

_DOUBLED = lazy_compile(r"[,;:]{2,}|(?<!\.)\.\.(?!\.)|\.[,;:]|[,;:]\.|\((?:[ \t]*\()+")
_DOUBLED_START = lazy_compile(r"[,;:.(](?=[ \t]*[,;:.(])")  # where a match of _DOUBLED can start


@rule("MT204", "doubled-punctuation", Category.PUNCTUATION, Severity.WARNING)
def doubled_punctuation(doc: Document, settings: Settings) -> Iterator[Hit]:
    """Two punctuation marks where one belongs: ",,", "..", ".,", ",.", ";;", "((".

    **What it catches.** "growth.," "the city,, the", "in 2022..", "( (600884.SH)".

    **Why it matters.** A doubled mark is a leftover of two segments joined, or of source
    punctuation kept beside the translated one.

    **Bad:** innovation, and growth., promote ecology. **Good:** innovation and growth, promote…

    Left alone: an ellipsis ("..." and "...."), an abbreviation's full stop before a comma or a
    semicolon ("Co., Ltd.", "the U.S., Japan", "at 9 a.m.;"), and an ellipsis before a comma.
    """
    text = doc.text
    for match in finditer_from(_DOUBLED, _DOUBLED_START, text):
        marks = match.group(0)
        if marks[0] == "." and marks[1] in ",;:" and _abbreviation_before(text, match.start()):
            continue
        if marks == ".." and _abbreviation_before(text, match.start()):
            continue  # "U.S.." is wrong too, but a sentence-final abbreviation is a style choice
        shown = shorten(" ".join(marks.split()))
        yield Hit(match.start(), match.end(), f"Doubled punctuation “{shown}”.")


# MT205 ------------------------------------------------------------------------------------

_GLUED = lazy_compile(r"(?<=[a-z]{2})[.!?][\"”’']?(?=[A-Z][a-z])")
_GLUED_START = lazy_compile(r"[.!?](?=[\"”’']?[A-Z])")  # where a match of _GLUED can start
_WEBBY = lazy_compile(r"[@/]|www|\.[a-z]", re.IGNORECASE)
_DOMAINS = frozenset(
    {"com", "org", "net", "gov", "edu", "io", "ai", "co", "uk", "in", "cn", "info"}
)


def _in_glued_word(char: str) -> bool:
    return not char.isspace() and char not in "(\"“'‘"


@rule(
    "MT205",
    "missing-space-after-sentence",
    Category.PUNCTUATION,
    Severity.WARNING,
    fix=Applicability.SAFE,
)
def missing_space_after_sentence(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A sentence's full stop (or ? !) glued to the next sentence: "said.He".

    **What it catches.** A lowercase word, a full stop, question or exclamation mark (and maybe a
    closing quotation mark), then a capitalised word with no space: two sentences joined.

    **Why it matters.** Sentence splitting, search and text-to-speech all read "said.He" as one
    word; the reader trips over it.

    **Bad:** the minister said.He added that… **Good:** the minister said. He added that…

    Left alone: abbreviations and initials (U.S., J.K.), decimals (3.5), web addresses and file
    names (example.com, Booking.Com, www.gov.uk, Fans.Example.Org).
    """
    text = doc.text
    for match in finditer_from(_GLUED, _GLUED_START, text):
        start = run_start(text, match.start(), _in_glued_word)
        end = match.end()
        while end < len(text) and text[end].isalpha():
            end += 1
        before, after = text[start : match.start()], text[match.end() : end]
        if _WEBBY.search(before) or after.lower() in _DOMAINS:
            continue
        if text[end : end + 1] == "." and text[end + 1 : end + 2].isalpha():
            continue  # a host name goes on: Halo.Bungie.Org
        yield Hit(
            start,
            end,
            f"No space after “{match.group(0)}”: two sentences run together.",
            f"{before}{match.group(0)} {after}",
        )


# MT206 ------------------------------------------------------------------------------------

_PAIRS = {")": "(", "]": "[", "}": "{"}
_LIST_MARKER = lazy_compile(r"\s*(?:\w{1,3}|\d+(?:\.\d+)*)")
_EMOTICON = lazy_compile(r"[:;=8][-']?$")
_BRACKET_OR_BREAK = lazy_compile(r"[\n()\[\]{}]")


def _unbalanced(text: str, paragraph: Span) -> Iterator[tuple[int, str]]:
    stack: list[int] = []
    open_count = {opener: 0 for opener in _PAIRS.values()}
    line_start = paragraph[0]
    for found in _BRACKET_OR_BREAK.finditer(text, *paragraph):  # the only characters that count
        i, char = found.start(), found.group(0)
        if char == "\n":
            line_start = i + 1
        elif char in open_count:
            stack.append(i)
            open_count[char] += 1
        elif char in _PAIRS:
            opener = _PAIRS[char]
            if open_count[opener]:
                while text[stack[-1]] != opener:  # brackets opened inside and never closed
                    open_count[text[stack[-1]]] -= 1
                    yield stack.pop(), "unclosed"
                stack.pop()
                open_count[opener] -= 1
            elif i - line_start <= 12 and _LIST_MARKER.fullmatch(text, line_start, i):
                continue  # 1) a) list markers
            elif _EMOTICON.search(text[max(line_start, i - 2) : i]):
                continue  # :) emoticons
            else:
                yield i, "unopened"
    for i in stack:
        if i + 1 == paragraph[1] and not text[i - 1 : i].isspace() and i > paragraph[0]:
            continue  # :-( >:( an emoticon ends the comment; no aside can open there
        yield i, "unclosed"


@rule("MT206", "unbalanced-bracket", Category.PUNCTUATION, Severity.WARNING)
def unbalanced_bracket(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A bracket with no partner in its paragraph: "(Reporter Li Bo) … Huang Yang) The export".

    **What it catches.** A closing parenthesis or square bracket that was never opened, or an
    opening one that is never closed, within the paragraph.

    **Why it matters.** The translation lost part of a parenthesis, or merged two segments; the
    reader cannot tell where the aside ends.

    **Bad:** (Reporters Zhang Bo, Huang Yang The export trade… **Good:** (Reporters Zhang Bo,
    Huang Yang) The export trade…

    Left alone: list markers at the start of a line ("1)", "a)") and emoticons (":)", and ":-("
    at the end of a paragraph).
    """
    text = doc.text
    if not any(char in text for char in "()[]{}"):
        return
    for paragraph in doc.paragraphs:
        for offset, kind in sorted(_unbalanced(text, paragraph)):
            char = text[offset]
            if kind == "unopened":
                message = f"“{char}” closes a bracket that was never opened in this paragraph."
            else:
                message = f"“{char}” opens a bracket that is never closed in this paragraph."
            yield Hit(offset, offset + 1, message)


# MT207 ------------------------------------------------------------------------------------

_STRAIGHT_DOUBLE = lazy_compile(r'(?<!\d)"')  # 55" is an inch mark
_STRAIGHT_START = lazy_compile('"')
_CURLY_DOUBLE = lazy_compile(r"[“”]")


@rule("MT207", "mixed-quote-styles", Category.PUNCTUATION, Severity.WARNING)
def mixed_quote_styles(doc: Document, settings: Settings) -> Iterator[Hit]:
    """Straight and curly double quotation marks mixed in one article.

    **What it catches.** An article that quotes with “curly” marks in some places and "straight"
    ones in others. The marks of the less common style are reported.

    **Why it matters.** Mixed styles show that parts of the article came through different
    pipelines (or that a quotation was pasted from the source); a copy editor fixes them all.

    **Bad:** “We will win,” he said. … "We are ready," she said.
    **Good:** the same style throughout.

    Left alone: inch marks after a figure (a 55" screen).
    """
    text = doc.text
    if '"' not in text or ("“" not in text and "”" not in text):
        return  # one style only
    straight = [m.start() for m in finditer_from(_STRAIGHT_DOUBLE, _STRAIGHT_START, text)]
    curly = [m.start() for m in _CURLY_DOUBLE.finditer(text)]
    if not straight or not curly:
        return
    minority, style, other = (
        (curly, "curly", "straight")
        if len(curly) < len(straight)
        else (straight, "straight", "curly")
    )
    for offset in minority:
        yield Hit(
            offset,
            offset + 1,
            f"A {style} quotation mark in an article that otherwise uses {other} ones.",
        )


# MT208 ------------------------------------------------------------------------------------

_FULLWIDTH = lazy_compile(
    "[\u3000-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)
_CJK_LETTER = lazy_compile("[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")
_ASCII_FOR = {
    "【": "[",
    "】": "]",
    "〔": "[",
    "〕": "]",
    "〖": "[",
    "〗": "]",
    "〘": "[",
    "〙": "]",
    "〚": "[",
    "〛": "]",
    "「": "“",
    "」": "”",
    "『": "‘",
    "』": "’",
    "《": "“",
    "》": "”",
    "〈": "‘",
    "〉": "’",
    "、": ",",
    "。": ".",
    "\u3000": " ",
    "〝": "“",
    "〞": "”",
    "〟": "”",
}


def _ascii_equivalent(marks: str) -> str:
    return "".join(_ASCII_FOR.get(ch, unicodedata.normalize("NFKC", ch)) for ch in marks)


@rule(
    "MT208",
    "fullwidth-punctuation",
    Category.PUNCTUATION,
    Severity.WARNING,
    fix=Applicability.UNSAFE,
)
def fullwidth_punctuation(doc: Document, settings: Settings) -> Iterator[Hit]:
    """CJK or fullwidth punctuation in English text: 【】, 「」, 《》, ，, 。, ：, （）.

    **What it catches.** Punctuation of the source language's typography left in the
    translation: "Font:【Large Medium Small】", "the report《Outlook》", "growth，and".

    **Why it matters.** The marks are wider than English ones, look foreign on the page and
    defeat search; they show the text was not fully translated or post-edited.

    **Bad:** Font:【Large Medium Small】 **Good:** Font: [Large Medium Small]

    Marks among Chinese, Japanese or Korean letters belong to the untranslated fragment that
    MT501 reports, and are left to it.
    """
    text = doc.text
    if not any(
        "\u3000" <= char <= "\u301f" or "\uff01" <= char <= "\uff65" for char in doc.characters
    ):
        return  # no character of the blocks _FULLWIDTH draws from: most articles
    for match in _FULLWIDTH.finditer(text):
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if _CJK_LETTER.match(before) or _CJK_LETTER.match(after):
            continue
        marks = match.group(0)
        yield Hit(
            match.start(),
            match.end(),
            f"CJK or fullwidth punctuation “{marks}” in English text.",
            _ascii_equivalent(marks),
        )


# MT209 ------------------------------------------------------------------------------------

_SPACE_INSIDE = lazy_compile(r"[(\[][ \t]+(?=[^\s)\]])|(?<=[^\s(\[.…])[ \t]+[)\]]")
_SPACE_INSIDE_START = lazy_compile(r"[(\[]|[ \t](?=[ \t]*[)\]])")  # where its matches can start


@rule(
    "MT209", "space-inside-brackets", Category.PUNCTUATION, Severity.WARNING, fix=Applicability.SAFE
)
def space_inside_brackets(doc: Document, settings: Settings) -> Iterator[Hit]:
    """White space just inside a bracket: "[ source: Xinhua ]", "( National School".

    **What it catches.** A space after an opening parenthesis or square bracket, or before a
    closing one.

    **Why it matters.** English sets brackets against the words they enclose; the space is a
    leftover of tokenised MT output or of source typography.

    **Bad:** [ Source: Xinhua ] **Good:** [Source: Xinhua]

    Left alone: an empty pair written with a space, "( )", and a space between an ellipsis and
    the closing bracket ("(a title ending Kiss... )"), which some styles set on purpose.
    """
    text = doc.text
    if not any(bracket in text for bracket in "()[]"):
        return
    for match in finditer_from(_SPACE_INSIDE, _SPACE_INSIDE_START, text):
        bracket = match.group(0).strip()
        yield Hit(match.start(), match.end(), f"Space inside the bracket “{bracket}”.", bracket)


# MT230 ------------------------------------------------------------------------------------

_QUOTATION_WORDS = 4


def _ends_like_sentence(text: str, paragraph: Span) -> bool:
    end = paragraph[1]
    while end > paragraph[0] and text[end - 1] in "\"'”’)":
        end -= 1
    return end > paragraph[0] and text[end - 1] in ".!?"


@rule(
    "MT230",
    "straight-single-quotes",
    Category.PUNCTUATION,
    Severity.WARNING,
    fix=Applicability.UNSAFE,
)
def straight_single_quotes(doc: Document, settings: Settings) -> Iterator[Hit]:
    """Straight single quotes ' ' used as quotation marks, outside any double quotation.

    **What it catches.** "'In recent years we have grown,' said Wang" and "the chatbot
    'answered the wrong question'": typewriter single quotes around a quotation of four words
    or more.

    **Why it matters.** News copy quotes with double quotation marks (single ones inside them),
    and the straight mark is a typewriter substitute; both give away raw MT output.

    **Bad:** 'We will grow,' she said. **Good:** “We will grow,” she said.

    Left alone: apostrophes (China's, the workers' union, '90s, rock 'n' roll), single quotes
    nested inside a double quotation, where they are right, a scare-quoted term of one to three
    words ('very poor'), a name or a title ('New Zealand Native Team'), and headlines, which quote
    with single marks. The quotation marks are
    paired as for MT201 and MT202.
    """
    text = doc.text
    if "'" not in text:
        return
    for quotation in quotation_marks(doc).quotations:
        opening, closing = quotation.opening, quotation.closing
        if opening.char != "'" or closing.char != "'" or quotation.nested:
            continue
        quoted = text[opening.end : closing.start]
        words = _NAME_WORD.findall(quoted)
        if "\n" in quoted or len(words) < _QUOTATION_WORDS:
            continue  # 'very poor': a scare-quoted term, a matter of house style
        if all(w[0].isupper() or w in _SMALL_WORDS for w in words):
            continue  # 'Music of Black Origin': a name or a title, quoted as house style allows
        paragraph = doc.paragraph_at(opening.start)
        if paragraph is None or not _ends_like_sentence(text, paragraph):
            continue  # a headline or a title: headline style quotes with single marks
        yield Hit(
            opening.start,
            closing.end,
            "Straight single quotes used as quotation marks.",
            "“" + quoted + "”",
        )


# MT231 ------------------------------------------------------------------------------------

_QUOTED = lazy_compile(r"(?P<open>[\"“])(?P<name>[A-Z0-9][^\"“”\n]{0,150}?)(?P<close>[\"”])")
_SMALL_WORDS = frozenset(
    {"and", "of", "the", "for", "on", "in", "to", "a", "an", "with", "at", "by"}
)
_NAME_WORD = lazy_compile(r"[\w'’-]+")
# (hereinafter referred to as the "Plan"): a defined term, quoted on purpose.
_DEFINED_TERM_REACH = 80  # characters looked back: the phrase and its spacing, not the whole text
_DEFINED_TERM = lazy_compile(
    r"(?:referred to as|hereinafter|known as|called|dubbed|named)(?: the)?\s*$", re.IGNORECASE
)
# a new "Marshall Plan" for Africa: a name used as a figure of speech takes "a", not "the".
_FIGURATIVE = lazy_compile(r"(?<![\w-])(?:an?|another)(?:\s+[a-z][\w-]*)?\s*$", re.IGNORECASE)


def _document_name(name: str) -> bool:
    words = _NAME_WORD.findall(name.rstrip(" .,;:"))
    if not words or len(words) > 16:
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w in _SMALL_WORDS for w in words):
        return False
    last = words[-1]
    two = " ".join(words[-2:])
    return last in _DOCUMENT_NOUNS or two in _DOCUMENT_NOUNS


@rule("MT231", "quoted-document-name", Category.PUNCTUATION, Severity.WARNING)
def quoted_document_name(doc: Document, settings: Settings) -> Iterator[Hit]:
    """The name of a plan, policy or document put in quotation marks.

    **What it catches.** `issued the "Shenzhen Action Plan for Gigabit Cities"`, `The "Plan"
    requires`, `the "Measures for Supervision of Funds"`: a capitalised name whose last word
    says it is a document (Plan, Measures, Regulations, Guidelines, Report, … listed in
    ``audit/data/document_nouns.txt``), inside quotation marks.

    **Why it matters.** Chinese and Japanese mark document titles with title brackets (《》);
    machine translation turns them into quotation marks, but English news capitalises the name
    and leaves the quotation marks out.

    **Bad:** the city issued the "Digital Economy Action Plan". **Good:** the city issued the
    Digital Economy Action Plan.

    Left alone: quoted words that are not a capitalised document name (“a plan”, “We have a
    plan,” he said), a defined term (hereinafter referred to as the "Plan"), and a name used as a
    figure of speech after "a" (a new "Marshall Plan" for the region).
    """
    text = doc.text
    for match in _QUOTED.finditer(text):
        lead_in = max(0, match.start() - _DEFINED_TERM_REACH)
        if not _document_name(match["name"]) or _DEFINED_TERM.search(text, lead_in, match.start()):
            continue
        if _FIGURATIVE.search(text, lead_in, match.start()):
            continue
        yield Hit(
            match.start(),
            match.end(),
            f"The name “{match['name'].strip()}” is put in quotation marks; English news "
            "capitalises a document's name without quoting it.",
            match["name"],
        )


# MT232 ------------------------------------------------------------------------------------

_CURLY_FOR = {
    ("open", True): "“",
    ("close", True): "”",
    ("open", False): "‘",
    ("close", False): "’",
}


@rule("MT232", "quote-style", Category.PUNCTUATION, Severity.WARNING)
def quote_style(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A quotation mark of the kind the house style rules out (setting ``quote-style``).

    **What it catches.** With ``quote-style = "typographic"``: straight quotation marks, double
    (") and single ('), in prose: `"We will win," she said.` With ``quote-style = "straight"``:
    curly ones (“ ” ‘ ’ „). With the default, ``any``, nothing is reported.

    **Why it matters.** A newsroom sets one kind of mark; copy that mixes in the other came
    through another pipeline and is fixed by hand. Professional raters of machine translation
    count a straight mark in typographic copy as a punctuation error.

    **Bad:** "We will win," she said (under ``quote-style = "typographic"``).
    **Good:** “We will win,” she said.

    Left alone: apostrophes, straight or curly (China's, Ukraine’s, soldiers’, '90s, rock 'n'
    roll), which are not quotation marks; feet and inches after a figure (5' 10", a 55" screen).
    The suggestion is the mark of the house style, opening or closing as the pairing of
    MT201/MT202 reads it.
    """
    style = settings.quote_style
    if style == "any":
        return
    wanted_straight = style == "straight"
    analysis = quotation_marks(doc)
    paired = {}
    for quotation in analysis.quotations:
        paired[quotation.opening.start] = "open"
        paired[quotation.closing.start] = "close"
    unpaired = {problem.mark.start for problem in analysis.problems}
    text = doc.text
    for mark in analysis.marks:
        if mark.straight == wanted_straight or mark.char in "«»":
            continue
        role = paired.get(mark.start)
        if role is None:
            if mark.start not in unpaired and not mark.double:
                continue  # an apostrophe, not a quotation mark
            if mark.start > 0 and text[mark.start - 1].isdigit():
                continue  # 5' 10", a 55" screen
            role = mark.role
        if wanted_straight:
            suggestion: str | None = '"' if mark.double else "'"
            message = "A curly quotation mark where the house style uses straight ones."
        else:
            suggestion = _CURLY_FOR.get((role, mark.double))
            message = "A straight quotation mark where the house style uses curly ones."
        yield Hit(mark.start, mark.end, message, suggestion)
