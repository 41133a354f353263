"""A self-contained HTML report: the ranking, filters, and every article with its findings marked.

The page needs the whole batch (worst articles first, filters over all of them), so this format
keeps every document's text and findings until the audit ends; use it for a batch an editor will
read, and CSV or JSON for archives. The page loads nothing from the network. It is rendered by
Jinja2 with autoescaping on, so that whatever an article contains — ``<script>``, ``<img
onerror=…>``, ``javascript:`` links — shows as text and never runs; the page's own script reads
the articles only through ``textContent`` and ``data-`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from audit import __version__
from audit.engine import DocumentResult, SourceResult, Tally
from audit.findings import Finding, Severity
from audit.reporters import Reporter
from audit.reporters._common import relative_path
from audit.summary import PENALTY_WEIGHTS, DocumentRow, Summary, group_of

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class _Piece:
    """A run of an article's text and the findings that cover it (none: plain text)."""

    text: str
    findings: list[int] = field(default_factory=list)
    severity: str = ""
    rules: str = ""
    title: str = ""


@dataclass
class _Article:
    row: DocumentRow
    group: str
    findings: list[Finding]
    pieces: list[_Piece]


class HtmlReporter(Reporter):
    """Keeps each document's text and findings; renders the page when the audit ends."""

    needs_text = True

    def start(self) -> None:
        self._articles: list[_Article] = []
        self._summary = Summary(self.options.group_by)

    def add(self, result: SourceResult) -> None:
        self._summary.add(result)
        for document in result.documents:
            row = DocumentRow.of(document, self.options.group_by)
            group = group_of(document, self.options.group_by) or document.system or ""
            self._articles.append(_Article(row, group, list(document.findings), _pieces(document)))

    def finish(self, tally: Tally) -> None:
        from jinja2 import Environment, FileSystemLoader  # only this format needs Jinja2

        environment = Environment(
            loader=FileSystemLoader(_TEMPLATES), autoescape=True, keep_trailing_newline=True
        )
        articles = sorted(self._articles, key=lambda a: a.row.rank_key())
        page = environment.get_template("report.html.j2").render(
            version=__version__,
            tally=tally,
            counts=tally.counts(),
            weights=PENALTY_WEIGHTS,
            group_by=self.options.group_by,
            articles=articles,
            rules=self._summary.rule_totals(),
            groups=sorted({a.group for a in articles if a.group}),
            severities=[s.value for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)],
            errors=tally.errors,
            relative_path=relative_path,
        )
        self.stream.write(page)


def _pieces(document: DocumentResult) -> list[_Piece]:
    """The text cut at every finding's start and end; empty spans become a visible marker."""
    text = document.text or ""
    findings = document.findings
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    pieces: list[_Piece] = []
    for left, right in zip(cuts, [*cuts[1:], None], strict=True):
        empty = [i for i, f in enumerate(findings) if f.start == f.end == left]
        if empty:
            pieces.append(_marked("⁁", empty, findings))
        if right is None:
            break
        covering = [i for i, f in enumerate(findings) if f.start <= left and right <= f.end]
        chunk = text[left:right]
        pieces.append(_marked(chunk, covering, findings) if covering else _Piece(chunk))
    return pieces


def _marked(text: str, indices: list[int], findings: list[Finding]) -> _Piece:
    chosen = [findings[i] for i in indices]
    worst = max(chosen, key=lambda f: f.severity_rank)
    titles = [_title(f) for f in chosen]
    return _Piece(
        text=text,
        findings=indices,
        severity=worst.severity,
        rules=" ".join(sorted({f.rule for f in chosen})),
        title="\n".join(titles),
    )


def _title(finding: Finding) -> str:
    title = f"{finding.rule} {finding.name} ({finding.severity}): {finding.message}"
    return title + (f"\nSuggestion: {finding.suggestion}" if finding.suggestion else "")
