"""Where the audited text came from in the file: offsets of the audited text → offsets of the file.

Readers of marked-up formats (HTML, XLIFF, TMX) audit text that is not the file as it is: tags
are dropped, character references decoded, white space collapsed, blocks joined by blank lines.
While it builds the audited text, such a reader records for every run of audited characters the
stretch of the file it stands for (:class:`TextBuilder`). The resulting :class:`Origin` answers,
for any offset of the audited text, the offset, line and column in the file, so that a finding
lands on the character a person edits, and a finding on a decoded ``’`` covers the whole
``&#8217;`` in the file.

A run is either *copied* (the audited characters are the file's, one for one: each maps to its
own file offset) or *replaced* (a character reference, a collapsed run of white space, a
separator the reader inserted: all of its characters stand for the whole file stretch, possibly
empty).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def line_starts(file_text: str) -> tuple[int, ...]:
    """Offsets at which the file's lines start (lines end at ``\\n``)."""
    starts = [0]
    index = file_text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = file_text.find("\n", index + 1)
    return tuple(starts)


class Origin:
    """Offsets of an audited text mapped back to the file it was read from.

    ``runs`` are ``(audited_start, file_start, file_end, copied)`` in audited order; a run ends
    where the next begins (the last at ``length``). ``lines`` are the file's line starts (shared
    by every document of one file).
    """

    __slots__ = ("_copied", "_ends", "_file_starts", "_starts", "anchor", "length", "lines")

    def __init__(
        self,
        runs: Sequence[tuple[int, int, int, bool]],
        length: int,
        lines: tuple[int, ...],
        anchor: int = 0,
    ) -> None:
        self._starts = [run[0] for run in runs]
        self._file_starts = [run[1] for run in runs]
        self._ends = [run[2] for run in runs]
        self._copied = [run[3] for run in runs]
        self.length = length
        self.lines = lines
        # Where an empty text is in the file (an empty <target>, a page with no prose).
        self.anchor = anchor

    def to_file(self, offset: int, *, end: bool = False) -> int:
        """The file offset of an audited offset.

        A start offset maps to where its character begins in the file; an ``end`` offset
        (exclusive) to where the character before it ends, so that ``[start, end)`` mapped is
        the whole file stretch the audited characters came from.
        """
        if not self._starts:
            return self.anchor
        if end and offset > 0:
            index = bisect.bisect_right(self._starts, offset - 1) - 1
            if self._copied[index]:
                return self._file_starts[index] + (offset - self._starts[index])
            return self._ends[index]
        if offset >= self.length:
            return self._ends[-1]
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        if self._copied[index]:
            return self._file_starts[index] + (offset - self._starts[index])
        return self._file_starts[index]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The file stretch ``[start, end)`` of the audited text came from."""
        file_start = self.to_file(start)
        return file_start, max(file_start, self.to_file(end, end=end > start))

    def position(self, offset: int, *, end: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the file of an audited offset (see :meth:`to_file`)."""
        file_offset = self.to_file(offset, end=end)
        index = bisect.bisect_right(self.lines, file_offset) - 1
        return index + 1, file_offset - self.lines[index] + 1


class TextBuilder:
    """Builds an audited text and its :class:`Origin` side by side."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int, bool]] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def copy(self, text: str, file_start: int) -> None:
        """Text that is in the file as it is, starting at ``file_start``."""
        if text:
            self._add(text, file_start, file_start + len(text), True)

    def replace(self, text: str, file_start: int, file_end: int) -> None:
        """Text that stands for the file stretch ``[file_start, file_end)`` as a whole."""
        if text:
            self._add(text, file_start, file_end, False)

    def insert(self, text: str, file_offset: int) -> None:
        """Text with no counterpart in the file (a separator), placed at ``file_offset``."""
        self.replace(text, file_offset, file_offset)

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def _add(self, text: str, file_start: int, file_end: int, copied: bool) -> None:
        last = self._runs[-1] if self._runs else None
        if copied and last is not None and last[3] and last[2] == file_start:
            # Extend the previous copied run: fewer runs, same mapping.
            self._runs[-1] = (last[0], last[1], file_end, True)
        else:
            self._runs.append((self._length, file_start, file_end, copied))
        self._parts.append(text)
        self._length += len(text)

    def build(self, lines: tuple[int, ...], anchor: int = 0) -> tuple[str, Origin]:
        """The audited text and its origin in a file whose line starts are ``lines``; an empty
        text points at ``anchor``."""
        return "".join(self._parts), Origin(self._runs, self._length, lines, anchor)
