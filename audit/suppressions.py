"""Inline suppression comments: an editor silences a rule where a finding is a known exception.

In a format with comments that are not article text (HTML), ``<!-- mtaudit: ignore MT101 -->``
silences the rules it names on the next block, and ``<!-- mtaudit: disable MT101,MT302 -->`` …
``<!-- mtaudit: enable -->`` on every block between the two; with no codes, every rule. Codes may
be prefixes (``MT3``). The reader resolves each comment into the spans of audited text it covers
(:class:`Suppression` on ``Document.suppressions``), so that applying it is the same for every
format: a finding is dropped when it starts inside a span of a suppression that names its rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Codes are letters then digits, separated by commas or spaces: each separator run can only
# end where a code begins, so the pattern stays linear.
_DIRECTIVE = re.compile(
    r"\s*mtaudit:\s*(?P<kind>ignore|disable|enable)(?P<codes>(?:[\s,]+[A-Za-z]+\d*)*)[\s,]*"
)


@dataclass(frozen=True)
class Directive:
    """A suppression comment as written: ``ignore``, ``disable`` or ``enable``, and its codes."""

    kind: str
    codes: tuple[str, ...]


def parse_directive(comment: str) -> Directive | None:
    """The directive a comment's text carries, or None when it is an ordinary comment."""
    match = _DIRECTIVE.fullmatch(comment)
    if match is None:
        return None
    codes = tuple(code.upper() for code in re.split(r"[\s,]+", match["codes"].strip()) if code)
    return Directive(match["kind"], codes)


@dataclass(frozen=True)
class Suppression:
    """One suppression comment, resolved: the spans of audited text it silences.

    ``codes`` empty means every rule. ``line`` and ``column`` are where the comment is in the
    file, so that a comment that silenced nothing can be reported.
    """

    codes: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    line: int
    column: int
    comment: str

    def silences(self, rule: str, offset: int) -> bool:
        """Whether a finding of ``rule`` starting at ``offset`` is silenced by this comment."""
        if self.codes and not any(rule.startswith(code) for code in self.codes):
            return False
        return any(start <= offset < end for start, end in self.spans)


def is_suppressed(suppressions: tuple[Suppression, ...], rule: str, offset: int) -> bool:
    """Whether any of the document's suppressions silences a finding of ``rule`` at ``offset``."""
    return any(s.silences(rule, offset) for s in suppressions)
