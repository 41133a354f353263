"""Lines that a batch repeats across articles: a site's boilerplate, found by counting.

A short line printed verbatim under many different articles ("Get the latest news on our app",
a feed's disclaimer) is the site's furniture, whatever its words. Several MT systems translating
one article produce identical lines too, so copies are counted by article, not by document:
documents that share most of their names and figures are taken to be one article.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from audit.lazy import lazy_compile

MAX_WORDS = 12
MIN_ARTICLES = 4
# Two documents whose names and figures overlap this much are versions of one article.
_SAME_ARTICLE = 0.3
_NAME_OR_FIGURE = lazy_compile(r"(?<=[\w,;] )(?:[A-Z][\w’'-]+|\d[\d.,]*)")  # not a sentence's first
# Datelines ("NEW DELHI:"), wire credits ("(Reuters)") and labels ending in a colon repeat
# across a newsroom's articles by design; they are the story's, not the page's.
_DATELINE = lazy_compile(r"^[^a-z]*:?$")
_CREDIT = lazy_compile(r"^\((?:\S+\s?){1,4}\)$")


def line_key(line: str) -> str:
    """The key under which a line is counted: its words, case folded, hashed."""
    folded = " ".join(line.split()).casefold()
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _countable(line: str) -> bool:
    words = line.split()
    if not words or len(words) > MAX_WORDS:
        return False
    return not (_DATELINE.match(line) or _CREDIT.match(line) or line.endswith(":"))


_SKETCH = 32  # names and figures kept per document: memory stays flat on a large batch
_HASH = 8  # bytes of each name's or figure's hash


def _fingerprint(text: str) -> bytes:
    """The article's names and figures, as the smallest of their hashes (a bottom-k sketch).

    Two sketches overlap about as much as the full sets do, so versions of one article are still
    told apart from different articles. The hashes are kept packed, 8 bytes each, so that a
    document costs at most 256 bytes however large the batch: a set of Python integers would cost
    ten times that, and grow the memory of a run with its number of articles.
    """
    digests = {
        hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=_HASH).digest()
        for token in _NAME_OR_FIGURE.findall(text)
    }
    return b"".join(sorted(digests)[:_SKETCH])


def _similar(a: bytes, b: bytes) -> bool:
    if not a or not b:
        return False
    first = {a[at : at + _HASH] for at in range(0, len(a), _HASH)}
    second = {b[at : at + _HASH] for at in range(0, len(b), _HASH)}
    return len(first & second) / len(first | second) >= _SAME_ARTICLE


# What the count needs of one document: the keys of its countable lines and its fingerprint.
Summary = tuple[frozenset[str], bytes]


def summarise(text: str) -> Summary:
    """One document's share of the count; computed wherever the document is read (a worker)."""
    lines = [line.strip() for line in text.splitlines()]
    keys = frozenset(line_key(line) for line in lines if _countable(line))
    # The story's own lines tell articles apart; the short ones may be the furniture itself.
    return keys, _fingerprint("\n".join(ln for ln in lines if len(ln.split()) > MAX_WORDS))


def boilerplate_lines(texts: Iterable[str], min_articles: int = MIN_ARTICLES) -> frozenset[str]:
    """Keys (see :func:`line_key`) of the short lines found in at least ``min_articles`` articles.

    ``texts`` are the documents of one batch. A pure function: the same texts give the same keys
    in any order.
    """
    return boilerplate_from((summarise(text) for text in texts), min_articles)


def boilerplate_from(
    summaries: Iterable[Summary], min_articles: int = MIN_ARTICLES
) -> frozenset[str]:
    """:func:`boilerplate_lines` from the documents' summaries, in input order."""
    holders: dict[str, list[int]] = defaultdict(list)
    fingerprints: list[bytes] = []
    for index, (keys, fingerprint) in enumerate(summaries):
        fingerprints.append(fingerprint)
        for key in keys:
            holders[key].append(index)
    found = set()
    for key, documents in holders.items():
        if len(documents) < min_articles:
            continue
        articles: list[bytes] = []
        for index in documents:
            fingerprint = fingerprints[index]
            if not any(_similar(fingerprint, seen) for seen in articles):
                articles.append(fingerprint)
                if len(articles) >= min_articles:
                    found.add(key)
                    break
    return frozenset(found)
