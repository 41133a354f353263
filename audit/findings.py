"""Findings, severities and the MQM-aligned categories they are filed under."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.document import Document
    from audit.rules._registry import Rule


class Severity(str, Enum):
    """How much a finding matters; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

# The longest excerpt (or quoted text in a message) shown whole; longer ones keep both ends.
EXCERPT_LIMIT = 160


def shorten(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """``text`` itself when at most ``limit`` characters, else its two ends around " … ".

    Nothing else changes: an excerpt short enough is exactly the text of its span, white space
    and line breaks included.
    """
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} … {text[-half:]}"


class Category(str, Enum):
    """MQM-aligned error categories, so reports line up with human evaluations."""

    UNTRANSLATED = "accuracy/untranslated"
    ADDITION = "accuracy/addition"
    OMISSION = "accuracy/omission"
    NUMBER_MISMATCH = "accuracy/number-mismatch"
    PUNCTUATION = "fluency/punctuation"
    GRAMMAR = "fluency/grammar"
    CHARACTER_ENCODING = "fluency/character-encoding"
    REPETITION = "fluency/repetition"
    NUMBER_FORMAT = "locale/number-format"
    CURRENCY_FORMAT = "locale/currency-format"
    DATE_FORMAT = "locale/date-format"
    CALQUE = "style/calque"
    LOW_AGREEMENT = "reference/low-agreement"
    # Findings about mtaudit's own markup in the article (a suppression comment that is unused).
    OTHER = "other"


class Applicability(str, Enum):
    """Whether a rule's suggestion may be applied without a person reading it (as ruff's fixes).

    ``safe``: the repair has one right answer and keeps the meaning (a regrouped figure, a
    deleted line of page furniture); ``mtaudit fix`` applies it. ``unsafe``: a likely repair that
    needs judgement (a calque, a headline's full stop); applied only with ``--unsafe-fixes``.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Hit:
    """What a rule reports: a character span of the document and what is wrong there.

    The engine turns hits into :class:`Finding` objects, deriving line, column and excerpt
    from the offsets in one place.
    """

    start: int
    end: int
    message: str
    # The exact text that replaces ``text[start:end]`` ("" deletes it), or None: no rewrite.
    suggestion: str | None = None
    severity: Severity | None = None  # None: the rule's default severity
    # How safe applying the suggestion is; None: the rule's declared fix applicability.
    fix: Applicability | None = None


@dataclass(frozen=True)
class Finding:
    """One problem found in one document, as the output contract describes it."""

    path: str
    doc_id: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    rule: str
    name: str
    category: str
    severity: str
    message: str
    excerpt: str
    suggestion: str | None = None
    # "safe" or "unsafe" when the suggestion may be applied by ``mtaudit fix``, else None.
    fix: str | None = None
    # Text on the same line around the span, for reports a person reads; not part of the contract.
    before: str = field(default="", repr=False, compare=False)
    after: str = field(default="", repr=False, compare=False)

    @property
    def severity_rank(self) -> int:
        return Severity(self.severity).rank

    def to_dict(self) -> dict[str, object]:
        """The finding as the output contract defines it (JSON, JSONL)."""
        return {name: getattr(self, name) for name in (*CONTRACT_FIELDS, *EXTRA_FIELDS)}


CONTRACT_FIELDS = (
    "path",
    "doc_id",
    "line",
    "column",
    "end_line",
    "end_column",
    "start",
    "end",
    "rule",
    "name",
    "category",
    "severity",
    "message",
    "excerpt",
    "suggestion",
)

# Written after the contract's fields in JSON and JSONL.
EXTRA_FIELDS = ("fix",)


# How much of the line around a span a report shows before and after it.
_CONTEXT = 40


def finding_in_file(
    document: Document,
    rule: Rule,
    start: int,
    end: int,
    message: str,
    *,
    severity: Severity | None = None,
    suggestion: str | None = None,
    fix: Applicability | None = None,
) -> Finding:
    """The finding of ``rule`` at ``start:end``, offsets into the document's *file* text.

    Line, column, excerpt and context are derived here, in one place, for rule findings and for
    the findings the filters add (an unused suppression comment) alike.
    """
    text = document.text if document.original is None else document.original
    line, column = document.file_position(start)
    end_line, end_column = document.file_position(end)
    return Finding(
        path=document.path or document.id,
        doc_id=document.id,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        rule=rule.code,
        name=rule.name,
        category=rule.category.value,
        severity=(severity or rule.severity).value,
        message=message,
        excerpt=shorten(text[start:end]),
        suggestion=suggestion,
        fix=fix.value if fix else None,
        before=_context_before(text, start),
        after=_context_after(text, end),
    )


def _context_before(text: str, offset: int) -> str:
    # Look back no further than the context needs, so that many findings on one long line cost
    # time in proportion to their number, not to the line's length.
    lower = max(0, offset - _CONTEXT)
    newline = text.rfind("\n", lower, offset)
    if newline != -1:
        return text[newline + 1 : offset]
    cut = lower > 0 and text[lower - 1] != "\n"
    return ("…" if cut else "") + text[lower:offset]


def _context_after(text: str, offset: int) -> str:
    upper = min(len(text), offset + _CONTEXT)
    newline = text.find("\n", offset, upper)
    if newline != -1:
        return text[offset:newline]
    cut = upper < len(text) and text[upper] != "\n"
    return text[offset:upper] + ("…" if cut else "")
