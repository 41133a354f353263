"""Run the selected rules over documents, serially or in worker processes, in a fixed order."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from audit.config import Settings
from audit.document import Document
from audit.findings import Finding, Hit, Severity
from audit.readers import InputError, Source, discover, read_source
from audit.rules import Rule, select_rules

_EXCERPT_LIMIT = 160
_CONTEXT = 40


@dataclass
class Report:
    """The result of an audit: findings in input order, and the inputs that could not be read."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    documents: int = 0
    files: int = 0
    # One entry per document that carries a reference: chrF, BLEU and TER against it.
    scores: list[dict[str, object]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        counted = Counter(f.severity for f in self.findings)
        return {
            s.value: counted.get(s.value, 0)
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        }

    def failed(self, fail_on: str) -> bool:
        """Whether any finding is at or above the ``fail_on`` severity (never with ``never``)."""
        if fail_on == "never":
            return False
        threshold = Severity.parse(fail_on).rank
        return any(f.severity_rank >= threshold for f in self.findings)

    def exit_code(self, fail_on: str) -> int:
        """2 when an input could not be read, else 1 when findings reach ``fail_on``, else 0."""
        if self.errors:
            return 2
        return 1 if self.failed(fail_on) else 0


def check_document(document: Document, rules: Sequence[Rule], settings: Settings) -> list[Finding]:
    """Every finding the rules make on one document, ordered by position, then rule code."""
    findings = {}
    for current in rules:
        if not current.applies_to(document):
            continue
        for hit in current.check(document, settings):
            finding = _finding(document, current, hit)
            findings[(finding.start, finding.end, finding.rule)] = finding
    return [findings[key] for key in sorted(findings)]


def _finding(document: Document, current: Rule, hit: Hit) -> Finding:
    if not 0 <= hit.start <= hit.end <= len(document.text):
        raise ValueError(f"{current.code} reported span {hit.start}:{hit.end} outside the text")
    line, column = document.position(hit.start)
    end_line, end_column = document.position(hit.end)
    severity = hit.severity or current.severity
    return Finding(
        path=document.path or document.id,
        doc_id=document.id,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=hit.start,
        end=hit.end,
        rule=current.code,
        name=current.name,
        category=current.category.value,
        severity=severity.value,
        message=hit.message,
        excerpt=_shorten(document.text[hit.start : hit.end]),
        suggestion=hit.suggestion,
        before=_context_before(document, hit.start),
        after=_context_after(document, hit.end),
    )


def _context_before(document: Document, offset: int) -> str:
    # Look back no further than the context needs, so that many findings on one long line cost
    # time in proportion to their number, not to the line's length.
    text = document.text
    lower = max(0, offset - _CONTEXT)
    newline = text.rfind("\n", lower, offset)
    if newline != -1:
        return text[newline + 1 : offset]
    cut = lower > 0 and text[lower - 1] != "\n"
    return ("…" if cut else "") + text[lower:offset]


def _context_after(document: Document, offset: int) -> str:
    text = document.text
    upper = min(len(text), offset + _CONTEXT)
    newline = text.find("\n", offset, upper)
    if newline != -1:
        return text[offset:newline]
    cut = upper < len(text) and text[upper] != "\n"
    return text[offset:upper] + ("…" if cut else "")


def _shorten(text: str) -> str:
    flat = " ".join(text.split()) if "\n" in text else text
    if len(flat) <= _EXCERPT_LIMIT:
        return flat
    half = (_EXCERPT_LIMIT - 3) // 2
    return f"{flat[:half]} … {flat[-half:]}"


def audit_documents(
    documents: Iterable[Document], settings: Settings | None = None
) -> list[Finding]:
    """Findings for documents already in memory, in document order."""
    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)
    return [f for document in documents for f in check_document(document, rules, settings)]


def audit_paths(paths: Sequence[str], settings: Settings | None = None) -> Report:
    """Audit files, folders and ``-`` (stdin); unreadable inputs are reported, never fatal.

    With ``settings.jobs`` above 1 (0: one per CPU) files are audited in worker processes; the
    report is the same, byte for byte, whatever the number of workers.
    """
    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)  # fails early on an unknown selector
    sources, errors = discover(paths)
    jobs = settings.jobs or os.cpu_count() or 1
    stdin = [s for s in sources if s.is_stdin]
    files = [s for s in sources if not s.is_stdin]
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            chunk = max(1, len(files) // (jobs * 8))
            results = dict(
                zip(
                    files,
                    pool.map(_audit_source, files, [settings] * len(files), chunksize=chunk),
                    strict=True,
                )
            )
    else:
        results = {s: _audit_source(s, settings, rules) for s in files}
    results.update({s: _audit_source(s, settings, rules) for s in stdin})
    report = Report(errors=list(errors))
    for source in sources:
        findings, documents, error, scores = results[source]
        report.findings.extend(findings)
        report.scores.extend(scores)
        report.documents += documents
        report.files += error is None
        if error is not None:
            report.errors.append(error)
    return report


def _audit_source(
    source: Source, settings: Settings, rules: Sequence[Rule] | None = None
) -> tuple[list[Finding], int, InputError | None, list[dict[str, object]]]:
    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    try:
        documents = read_source(source, settings.option("fields", None))
    except InputError as error:
        return [], 0, error, []
    findings = []
    for document in documents:
        document.lang = settings.lang
        findings.extend(check_document(document, rules, settings))
    return findings, len(documents), None, _reference_scores(documents)


def _reference_scores(documents: Sequence[Document]) -> list[dict[str, object]]:
    if all(d.reference is None for d in documents):
        return []
    from audit.scoring import document_scores  # sacrebleu is loaded only when it is needed

    return [document_scores(d) for d in documents if d.reference is not None]
