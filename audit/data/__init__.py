"""Lexicons the rules read: plain TSV/TXT files a newsroom can extend without writing Python."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

# The lexicons are plain files beside this module (installed unzipped, as wheels are); read
# directly, without importlib.resources, which costs more to import than all of them to read.
_FOLDER = Path(__file__).parent


def read_lines(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of a packaged data file, in file order.

    An absolute path names a newsroom's own file in the same format instead.
    """
    return _read_lines(name)


@cache
def _read_lines(name: str) -> tuple[str, ...]:
    path = Path(name) if os.path.isabs(name) else _FOLDER / name
    text = path.read_text(encoding="utf-8")
    rows = (line.rstrip("\n") for line in text.splitlines())
    return tuple(row for row in rows if row.strip() and not row.lstrip().startswith("#"))


def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """A packaged TSV file as tuples of stripped cells, comments and blank lines dropped."""
    return tuple(tuple(cell.strip() for cell in row.split("\t")) for row in read_lines(name))


def read_words(name: str) -> frozenset[str]:
    """A packaged word list (one entry a line) as a set."""
    return frozenset(line.strip() for line in read_lines(name))
