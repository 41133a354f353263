"""Inline suppression: ``<!-- mtaudit: ignore MT101 -->`` and ``disable`` … ``enable`` ranges.

Markup formats carry comments a reader never audits, so an editor can silence a rule where the
text is right as it stands (a quoted lakh in an Indian English interview, say):

- ``<!-- mtaudit: ignore MT101 -->`` silences MT101 in the next block (paragraph, heading, list
  item, table cell) after the comment;
- ``<!-- mtaudit: disable MT101,MT302 -->`` … ``<!-- mtaudit: enable -->`` silences them from the
  one comment to the other (to the end of the file without ``enable``);
- no codes means every rule. Codes are selectors as for ``--select``: ``MT1``, a rule's name.

A reader finds the comments and the blocks (both as file spans) and calls
:func:`suppressions_from_comments`; the Document carries the result, and :func:`apply_suppressions`
drops the findings they cover. Plain text has no comment syntax: there, per-file ignores apply.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from audit.findings import Finding

Span = tuple[int, int]

_DIRECTIVE = re.compile(
    r"<!--\s*mtaudit:\s*(?P<verb>ignore|disable|enable)\b(?P<codes>[^>]*?)\s*-->", re.IGNORECASE
)


@dataclass(frozen=True)
class Suppression:
    """One suppression comment and the file span it covers.

    ``codes`` are rule selectors (empty: every rule); ``comment`` is the comment's own file
    span, where an unused suppression is reported.
    """

    verb: str
    codes: tuple[str, ...]
    comment: Span
    covers: Span

    def silences(self, finding: Finding) -> bool:
        if not self.covers[0] <= finding.start < self.covers[1]:
            return False
        return not self.codes or any(_selects(code, finding) for code in self.codes)


def _selects(selector: str, finding: Finding) -> bool:
    wanted = selector.strip()
    if re.fullmatch(r"[Mm][Tt]\d*", wanted):
        return finding.rule.startswith(wanted.upper())
    return wanted.upper() == "ALL" or wanted.lower() == finding.name


def find_directives(comment_text: str, offset: int = 0) -> list[tuple[Span, str, tuple[str, ...]]]:
    """Every mtaudit directive in a piece of markup: (file span, verb, codes).

    ``offset`` is the file offset of ``comment_text``. Comments that are not directives are
    ignored.
    """
    found = []
    for match in _DIRECTIVE.finditer(comment_text):
        codes = tuple(c for c in re.split(r"[\s,]+", match["codes"].strip()) if c)
        span = (offset + match.start(), offset + match.end())
        found.append((span, match["verb"].lower(), codes))
    return found


def suppressions_from_comments(
    directives: Sequence[tuple[Span, str, tuple[str, ...]]],
    blocks: Sequence[Span],
    file_length: int,
) -> tuple[Suppression, ...]:
    """The suppressions that ``directives`` (from :func:`find_directives`, any order) make.

    ``blocks`` are the file spans of the audited blocks, in file order: ``ignore`` covers the
    first block that starts after the comment. An ``enable`` closes every open ``disable``.
    """
    result: list[Suppression] = []
    open_ranges: list[tuple[Span, tuple[str, ...]]] = []
    # A search, not a scan, for the block after each comment: a page with a comment before
    # every paragraph stays linear-logarithmic.
    starts = [block[0] for block in blocks]
    for span, verb, codes in sorted(directives):
        if verb == "ignore":
            index = bisect.bisect_left(starts, span[1])
            covers = blocks[index] if index < len(blocks) else (span[1], span[1])
            result.append(Suppression("ignore", codes, span, covers))
        elif verb == "disable":
            open_ranges.append((span, codes))
        else:
            for opened, opened_codes in open_ranges:
                result.append(Suppression("disable", opened_codes, opened, (opened[1], span[0])))
            open_ranges.clear()
    for opened, opened_codes in open_ranges:
        result.append(Suppression("disable", opened_codes, opened, (opened[1], file_length)))
    return tuple(sorted(result, key=lambda s: s.comment))


def apply_suppressions(
    findings: Sequence[Finding], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no suppression covers, and the suppressions that silenced nothing."""
    if not suppressions:
        return list(findings), []
    used: set[int] = set()
    kept = []
    for finding in findings:
        silencing = [i for i, s in enumerate(suppressions) if s.silences(finding)]
        used.update(silencing)
        if not silencing:
            kept.append(finding)
    return kept, [s for i, s in enumerate(suppressions) if i not in used]
