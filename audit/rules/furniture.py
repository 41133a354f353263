"""Page furniture (comment forms, related links, widget titles) translated as if it were the article.

Found three ways: by the strings sites print (a lexicon), by the shape of a line at the article's
head or tail, and by counting lines a batch repeats under many different articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from audit.boilerplate import line_key
from audit.config import Settings
from audit.data import read_table, read_words
from audit.document import Document
from audit.findings import Applicability, Category, Hit, Severity
from audit.lazy import lazy_compile
from audit.rules._registry import rule

_SEPARATORS = ":-–—|>»…"
_LINE_TRAILER = " \t:*-–—.…"


@dataclass(frozen=True)
class _Lexicon:
    lines: dict[str, str]
    prefixes: tuple[tuple[str, str], ...]
    starts: tuple[tuple[str, str], ...]
    labels: tuple[tuple[str, str], ...]


@cache
def furniture_lexicon(extra: tuple[str, ...] = ()) -> _Lexicon:
    """The shipped furniture phrases and those of ``extra`` files (the ``furniture-lexicons``
    option: a newsroom's own, in the same format); a malformed line is a ValueError naming it."""
    lines: dict[str, str] = {}
    kinds: dict[str, list[tuple[str, str]]] = {"prefix": [], "start": [], "label": []}
    for name in ("furniture.tsv", *extra):
        for row in read_table(name):
            if len(row) != 3:
                raise ValueError(f"{name}: malformed line {row[0]!r} (phrase, match, kind)")
            phrase, match, kind = row
            key = _fold(phrase)
            if match == "line":
                lines[key.rstrip(_LINE_TRAILER) or key] = kind
            elif match in kinds:
                kinds[match].append((key, kind))
            else:
                raise ValueError(f"{name}: unknown match kind {match!r} for {phrase!r}")
    longest_first = lambda rows: tuple(sorted(rows, key=lambda row: -len(row[0])))  # noqa: E731
    return _Lexicon(
        lines,
        longest_first(kinds["prefix"]),
        longest_first(kinds["start"]),
        longest_first(kinds["label"]),
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_BRACKETED = lazy_compile(r"^[(\[](?P<inner>[^()\[\]]+)[)\]]\.?$")
_LIST_SEPARATORS = lazy_compile(r"\s*[,|#•·]\s*")
_MAX_ITEM_WORDS = 4


def _furniture_kind(line: str, extra: tuple[str, ...] = ()) -> str | None:
    """The kind of page furniture a whole line is, by the lexicon, or None."""
    folded = _fold(line)
    bracketed = _BRACKETED.match(folded)
    if bracketed:
        folded = bracketed["inner"].strip()
    lexicon = furniture_lexicon(extra)
    kind = lexicon.lines.get(folded.rstrip(_LINE_TRAILER))
    if kind:
        return kind
    # Only the phrases that begin with the line's first character can start it, and most lines
    # start with none of them: one str.startswith over the whole group says so.
    groups = _by_first_character(extra)
    starts, prefixes, labels, phrases = groups.get("") or groups.get(folded[:1], _NO_GROUP)
    if not folded.startswith(phrases):
        return None
    for phrase, kind in starts:
        if folded.startswith(phrase):
            return kind
    for phrase, kind in prefixes:
        if folded.startswith(phrase):
            rest = folded[len(phrase) :].lstrip()
            if not rest or rest[0] in _SEPARATORS:
                return kind
    for phrase, kind in labels:
        if folded.startswith(phrase) and _labels_a_list(folded[len(phrase) :]):
            return kind
    return None


_Rows = tuple[tuple[str, str], ...]
# A group: its start, prefix and label rows, and all their phrases together; none for a line
# whose first character starts no phrase.
_Group = tuple[_Rows, _Rows, _Rows, tuple[str, ...]]
_NO_GROUP: _Group = ((), (), (), ())


@cache
def _by_first_character(extra: tuple[str, ...] = ()) -> dict[str, _Group]:
    """The lexicon's start, prefix and label phrases grouped by their first character, each
    group in the lexicon's order (longest first), so that a line is compared only with the
    phrases that could start it and the first phrase to match is the one the whole list gives.
    Each group also holds all its phrases, for one str.startswith that rules the group out."""
    lexicon = furniture_lexicon(extra)
    groups: dict[str, tuple[list[tuple[str, str]], ...]] = {}
    for which, rows in enumerate((lexicon.starts, lexicon.prefixes, lexicon.labels)):
        for phrase, kind in rows:
            groups.setdefault(phrase[:1], ([], [], []))[which].append((phrase, kind))
    if "" in groups:  # an empty phrase starts every line: one group, the lexicon's own order
        rows = (lexicon.starts, lexicon.prefixes, lexicon.labels)
        return {"": (*rows, tuple(phrase for group in rows for phrase, _ in group))}
    return {
        first: (tuple(a), tuple(b), tuple(c), tuple(phrase for phrase, _ in (*a, *b, *c)))
        for first, (a, b, c) in groups.items()
    }


def _labels_a_list(rest: str) -> bool:
    """Whether what follows a taxonomy label is its list: "Tags: a, b" or "tags a, b, c"."""
    if not rest or rest[0] not in " :":
        return False  # "Tagsmore", "categorically"
    rest = rest.strip()
    if rest.startswith(":"):
        return True
    items = [item for item in _LIST_SEPARATORS.split(rest) if item]
    return len(items) >= 2 and all(
        len(item.split()) <= _MAX_ITEM_WORDS and item[-1:] not in ".!?" for item in items
    )


# Line shapes: a line at the head or tail of the article that is not a sentence of the story.

_PROMPT_VERBS = read_words("reader_prompt_verbs.txt")
_SPEECH_VERBS = read_words("speech_verbs.txt")
_PROMPT_TARGETS = read_words("reader_prompt_targets.txt")
_MAX_PROMPT_WORDS = 15
_HEAD_LINES = 3
_TAIL_LINES = 6
_CRUMB = lazy_compile(r"\s+[»›>/|]\s+")
_MIN_CRUMBS = 3
_MAX_CRUMB_WORDS = 3
_WORD = lazy_compile(r"[\w’'+-]+")


def _reader_prompt(line: str) -> bool:
    """A short line that tells the reader to do something on the page: "Click here to join us"."""
    if line[:1] in "\"“‘'«":
        return False  # speech: "Join us," she said
    first = _WORD.search(line)
    if first is None or first.group(0).casefold() not in _PROMPT_VERBS:
        return False  # most lines: the first word alone decides
    words = [w.casefold() for w in _WORD.findall(line)]
    if not words or len(words) > _MAX_PROMPT_WORDS or words[0] not in _PROMPT_VERBS:
        return False
    if any(word in _SPEECH_VERBS for word in words):
        return False  # reported speech: Join us, she told the crowd.
    return any(word in _PROMPT_TARGETS for word in words[1:])


def _breadcrumb(line: str) -> bool:
    """A navigation trail: "Home » News » World", "Sport / Cricket / IPL"."""
    if not any(mark in line for mark in "»›>/|"):
        return False  # no separator: one crumb
    crumbs = _CRUMB.split(line)
    if len(crumbs) < _MIN_CRUMBS and not (len(crumbs) == 2 and _fold(crumbs[0]) == "home"):
        return False
    return all(
        0 < len(crumb.split()) <= _MAX_CRUMB_WORDS and crumb[-1:] not in ".!?," for crumb in crumbs
    )


def _shape_kind(line: str) -> str | None:
    if _reader_prompt(line):
        return "reader prompt"
    if _breadcrumb(line):
        return "navigation trail"
    return None


_MARKUP = lazy_compile(r"^(?:#{1,6}\s+|[*_>]+\s*)")


@rule("MT301", "leaked-page-furniture", Category.ADDITION, Severity.ERROR, fix=Applicability.SAFE)
def leaked_page_furniture(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A line of web-page furniture translated along with the article.

    **What it catches.** Comment forms ("Leave a Reply", "Your email address will not be
    published. Required fields are marked *"), related links ("Also read- …", "Read more: …"),
    widget titles ("News Reels", "Trending", "Advertisement"), share bars, newsletter and app
    prompts, syndication disclaimers ("This story has not been edited by … staff and is
    auto-generated from a syndicated feed"), photo credits and feed bylines left as lines
    ("Photo: …", "Updated: …"), tag and category lists ("Tags: budget, rail", and MT's "tags
    budget, rail"), navigation labels ("Previous article"), cookie notices. The phrases, with
    the lowercase and unpunctuated forms MT leaves of them, live in ``audit/data/furniture.tsv``;
    a newsroom adds its own in a file of the same format named in the rule option
    ``furniture-lexicons``.

    **Why it matters.** The scraper took the whole page, and the furniture was published as if it
    were part of the story.

    **Bad:** a paragraph that reads "Also read- Russia withdraws from Kherson".
    **Good:** the paragraph removed.

    Beyond the lexicon, a short line at the head or the tail of the article (its first three or
    last six lines) is furniture by its shape: a prompt addressed to the reader that starts with
    a verb such as click, follow, subscribe or download and names the page, the app or a channel
    ("Click here to join our WhatsApp channel"; ``audit/data/reader_prompt_verbs.txt`` and
    ``reader_prompt_targets.txt``), or a navigation trail ("Home » News » World").

    Only whole lines and line starts are matched, never words inside a sentence: "she did not
    leave a reply" is prose. Datelines ("NEW DELHI:"), wire credits ("(Reuters)"), captions
    and subheadings are sentences or names, and are left alone.
    """
    extra = tuple(settings.option("furniture-lexicons", ()))
    filled = [(start, end) for start, end in doc.lines if doc.text[start:end].strip()]
    for index, (start, end) in enumerate(filled):
        line = doc.text[start:end]
        stripped = _MARKUP.sub("", line.strip())
        if not stripped:
            continue
        kind = _furniture_kind(stripped, extra)
        if kind is None and (index < _HEAD_LINES or index >= len(filled) - _TAIL_LINES):
            kind = _shape_kind(stripped)
        if kind is None:
            continue
        left = start + len(line) - len(line.lstrip())
        right = start + len(line.rstrip())
        yield Hit(
            left,
            right,
            f"Leaked page furniture ({kind}), not part of the article: delete the line.",
            "",
        )


_SITE_WORDS = read_words("site_words.txt")
_SITE_SUFFIX = lazy_compile(r"(?P<sep>\s+[-–—|]\s*|\s*[-–—|](?=[A-Z]))(?P<site>[^-–—|]+?)\.?$")
_DOMAIN = lazy_compile(r"[\w-]+\.(?:com|cn|net|org|in|co\.uk|co|info|news)$", re.IGNORECASE)
_MAX_SITE_WORDS = 5


@rule(
    "MT302", "site-name-in-headline", Category.ADDITION, Severity.WARNING, fix=Applicability.UNSAFE
)
def site_name_in_headline(doc: Document, settings: Settings) -> Iterator[Hit]:
    """The site's name left at the end of the headline, as the page title carries it.

    **What it catches.** A headline that ends with a dash or bar and a publisher's name:
    "… - China News Network", "…-Chinanews.com", "… | Daily Post". The name must be at most
    five words and look like a site: a web address, or a name with a word such as News,
    Network, Online, Times, Daily or Observer (``audit/data/site_words.txt``).

    **Why it matters.** The scraper took the HTML title instead of the headline, and the site's
    name was translated and published as part of it.

    **Bad:** Pension products go on sale - China News Network
    **Good:** Pension products go on sale

    Only the headline is read: a subheading that repeats the page title with the site's name is
    as much furniture, but raters of MT output leave such lines unmarked as often as not.
    """
    if doc.headline is not None:
        yield from _site_suffix(doc, *doc.headline)


def _site_suffix(doc: Document, start: int, end: int) -> Iterator[Hit]:
    match = _SITE_SUFFIX.search(doc.text, start, end)
    if match is None:
        return
    site = match["site"].strip()
    words = site.split()
    if not words or len(words) > _MAX_SITE_WORDS or not all(w[:1].isupper() for w in words):
        return
    if not (_DOMAIN.search(site) or any(w.lower().strip(".,") in _SITE_WORDS for w in words)):
        return
    headline = doc.text[start : match.start()].rstrip()
    if len(headline.split()) < 3:
        return
    yield Hit(
        start + len(headline),  # from the space before the separator: deleting it is exact
        end,
        f"The headline ends with the site name “{site}” from the page title: delete it.",
        "",
    )


BOILERPLATE_OPTION = "boilerplate-lines"


@rule("MT303", "repeated-boilerplate-line", Category.ADDITION, Severity.WARNING)
def repeated_boilerplate_line(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A short line that the batch prints verbatim under many different articles.

    **What it catches.** A line of at most twelve words that appears, word for word, in at least
    four articles of the same run whose other content differs: the site's own furniture
    (a feed's disclaimer, an app prompt, a widget title) that no lexicon lists. Several MT
    systems translating one article give identical lines too; documents that share most of
    their names and figures count as one article. Datelines ("NEW DELHI:"), wire credits
    ("(Reuters)") and labels ending in a colon are never counted.

    **Why it matters.** The scraper took the page's template with each story; the same stray
    line is published under every article of the feed.

    **Bad:** "Get every update first on the Harbour app" under forty unrelated stories.
    **Good:** the line removed.

    The count is made over the whole batch before any article is audited (``mtaudit check``
    does it when this rule is selected); a single article audited alone gets no finding.
    """
    keys = settings.option(BOILERPLATE_OPTION, frozenset())
    if not keys:
        return
    for start, end in doc.lines:
        line = doc.text[start:end].strip()
        if line and line_key(line) in keys:
            left = start + len(doc.text[start:end]) - len(doc.text[start:end].lstrip())
            yield Hit(
                left,
                left + len(line),
                "A line repeated word for word under many different articles of this batch: "
                "the site's boilerplate, not part of the article.",
                "Delete the line.",
            )
