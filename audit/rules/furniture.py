"""Page furniture (comment forms, related links, widget titles) translated as if it were the article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from audit.config import Settings
from audit.data import read_table
from audit.document import Document
from audit.findings import Category, Hit, Severity
from audit.rules._registry import rule

_SEPARATORS = ":-–—|>»…"
_LINE_TRAILER = " \t:*-–—.…"


@cache
def _lexicon() -> tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    lines: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    starts: list[tuple[str, str]] = []
    for phrase, match, kind in read_table("furniture.tsv"):
        key = _fold(phrase)
        if match == "line":
            lines[key.rstrip(_LINE_TRAILER) or key] = kind
        elif match == "prefix":
            prefixes.append((key, kind))
        elif match == "start":
            starts.append((key, kind))
        else:
            raise ValueError(f"furniture.tsv: unknown match kind {match!r} for {phrase!r}")
    longest_first = lambda rows: tuple(sorted(rows, key=lambda row: -len(row[0])))  # noqa: E731
    return lines, longest_first(prefixes), longest_first(starts)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _furniture_kind(line: str) -> str | None:
    lines, prefixes, starts = _lexicon()
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
    notices. The phrases live in ``audit/data/furniture.tsv``; a newsroom adds its own there.

    **Why it matters.** The scraper took the whole page, and the furniture was published as if it
    were part of the story.

    **Bad:** a paragraph that reads "Also read- Russia withdraws from Kherson".
    **Good:** the paragraph removed.

    Only whole lines and line starts are matched, never words inside a sentence: "she did not
    leave a reply" is prose.
    """
    for start, end in doc.lines:
        line = doc.text[start:end]
        stripped = _MARKUP.sub("", line.strip())
        if not stripped:
            continue
        kind = _furniture_kind(stripped)
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
