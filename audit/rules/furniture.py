"""Page furniture (comment forms, related links, widget titles) translated as if it were the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from audit.config import Settings
from audit.data import read_table, read_words
from audit.document import Document
from audit.findings import Category, Hit, Severity
from audit.rules._registry import rule

_SEPARATORS = ":-–—|>»…"
_LINE_TRAILER = " \t:*-–—.…"


_Lexicon = tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]


@cache
def furniture_lexicon(extra: tuple[str, ...] = ()) -> _Lexicon:
    """The shipped furniture phrases and those of ``extra`` files (the ``furniture-lexicons``
    option: a newsroom's own, in the same format); a malformed line is a ValueError naming it."""
    lines: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    starts: list[tuple[str, str]] = []
    for name in ("furniture.tsv", *extra):
        for row in read_table(name):
            if len(row) != 3:
                raise ValueError(f"{name}: malformed line {row[0]!r} (phrase, match, kind)")
            _add_phrase(name, row, lines, prefixes, starts)
    longest_first = lambda rows: tuple(sorted(rows, key=lambda row: -len(row[0])))  # noqa: E731
    return lines, longest_first(prefixes), longest_first(starts)


def _add_phrase(
    name: str,
    row: tuple[str, ...],
    lines: dict[str, str],
    prefixes: list[tuple[str, str]],
    starts: list[tuple[str, str]],
) -> None:
    phrase, match, kind = row
    key = _fold(phrase)
    if match == "line":
        lines[key.rstrip(_LINE_TRAILER) or key] = kind
    elif match == "prefix":
        prefixes.append((key, kind))
    elif match == "start":
        starts.append((key, kind))
    else:
        raise ValueError(f"{name}: unknown match kind {match!r} for {phrase!r}")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _furniture_kind(line: str, extra: tuple[str, ...] = ()) -> str | None:
    lines, prefixes, starts = furniture_lexicon(extra)
    folded = _fold(line)
    kind = lines.get(folded.rstrip(_LINE_TRAILER))
    if kind:
        return kind
    for phrase, kind in starts:
        if folded.startswith(phrase):
            return kind
    for phrase, kind in prefixes:
        if folded.startswith(phrase):
            rest = folded[len(phrase) :].lstrip()
            if not rest or rest[0] in _SEPARATORS:
                return kind
    return None


_MARKUP = re.compile(r"^(?:#{1,6}\s+|[*_>]+\s*)")


@rule("MT301", "leaked-page-furniture", Category.ADDITION, Severity.ERROR)
def leaked_page_furniture(doc: Document, settings: Settings) -> Iterator[Hit]:
    """A line of web-page furniture translated along with the article.

    **What it catches.** Comment forms ("Leave a Reply", "Your email address will not be
    published. Required fields are marked *"), related links ("Also read- …", "Read more: …"),
    widget titles ("News Reels", "Trending", "Advertisement"), share and follow prompts, cookie
    notices. The phrases live in ``audit/data/furniture.tsv``; a newsroom adds its own in a file
    of the same format named in the rule option ``furniture-lexicons``.

    **Why it matters.** The scraper took the whole page, and the furniture was published as if it
    were part of the story.

    **Bad:** a paragraph that reads "Also read- Russia withdraws from Kherson".
    **Good:** the paragraph removed.

    Only whole lines and line starts are matched, never words inside a sentence: "she did not
    leave a reply" is prose.
    """
    extra = tuple(settings.option("furniture-lexicons", ()))
    for start, end in doc.lines:
        line = doc.text[start:end]
        stripped = _MARKUP.sub("", line.strip())
        if not stripped:
            continue
        kind = _furniture_kind(stripped, extra)
        if kind is None:
            continue
        left = start + len(line) - len(line.lstrip())
        right = start + len(line.rstrip())
        yield Hit(
            left,
            right,
            f"Leaked page furniture ({kind}), not part of the article.",
            "Delete the line.",
        )


_SITE_WORDS = read_words("site_words.txt")
_SITE_SUFFIX = re.compile(r"(?P<sep>\s+[-–—|]\s*|\s*[-–—|](?=[A-Z]))(?P<site>[^-–—|]+?)\.?$")
_DOMAIN = re.compile(r"[\w-]+\.(?:com|cn|net|org|in|co\.uk|co|info|news)$", re.IGNORECASE)
_MAX_SITE_WORDS = 5


@rule("MT302", "site-name-in-headline", Category.ADDITION, Severity.WARNING)
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
    """
    if doc.headline is None:
        return
    start, end = doc.headline
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
        match.start("sep") + (len(match["sep"]) - len(match["sep"].lstrip())),
        end,
        f"The headline ends with the site name “{site}” from the page title.",
        headline,
    )
