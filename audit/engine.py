"""Run the selected rules over documents, serially or in worker processes, in a fixed order."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from audit.config import Settings
from audit.document import Document
from audit.findings import Finding, Hit, Severity
from audit.readers import InputError, Source, discover, read_source
from audit.rules import Rule, select_rules
from audit.suppressions import is_suppressed

_EXCERPT_LIMIT = 160
_CONTEXT = 40


@dataclass
class DocumentResult:
    """One audited document: where it came from, its size in words, and its findings.

    ``meta`` carries the record's fields that a report may group by (``system``, ``feed``, …).
    """

    path: str
    doc_id: str
    findings: list[Finding]
    words: int = 0
    system: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    # chrF, BLEU and TER against the document's reference, when it carries one.
    scores: dict[str, object] | None = None


@dataclass
class SourceResult:
    """One input (a file, or stdin) after the audit: its documents, or why it could not be read."""

    path: str
    documents: list[DocumentResult] = field(default_factory=list)
    error: InputError | None = None

    @property
    def findings(self) -> Iterator[Finding]:
        for document in self.documents:
            yield from document.findings


class Tally:
    """Running totals of an audit, kept as results stream past: constant memory in findings.

    Reporters use it for their summaries and the command line for its exit code.
    """

    def __init__(self) -> None:
        self.files = 0
        self.documents = 0
        self.findings = 0
        self.severities: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.documents_with_findings = 0
        self.files_with_findings = 0
        self.errors: list[InputError] = []

    def add(self, result: SourceResult) -> None:
        if result.error is not None:
            self.errors.append(result.error)
            return
        self.files += 1
        self.files_with_findings += any(d.findings for d in result.documents)
        for document in result.documents:
            self.documents += 1
            self.documents_with_findings += bool(document.findings)
            for finding in document.findings:
                self.findings += 1
                self.severities[finding.severity] += 1
                self.rules[finding.rule] += 1

    def counts(self) -> dict[str, int]:
        """Number of findings per severity, every severity present."""
        return {
            s.value: self.severities.get(s.value, 0)
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        }

    def failed(self, fail_on: str) -> bool:
        """Whether any finding is at or above the ``fail_on`` severity (never with ``never``)."""
        if fail_on == "never":
            return False
        threshold = Severity.parse(fail_on).rank
        return any(
            count and Severity(name).rank >= threshold for name, count in self.severities.items()
        )

    def exit_code(self, fail_on: str) -> int:
        """2 when an input could not be read, else 1 when findings reach ``fail_on``, else 0."""
        if self.errors:
            return 2
        return 1 if self.failed(fail_on) else 0


@dataclass
class Report:
    """The result of an audit held in memory: findings in input order, and unreadable inputs.

    For the API and small batches; the command line streams :class:`SourceResult` instead.
    """

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
            if is_suppressed(document.suppressions, current.code, hit.start):
                continue
            finding = _finding(document, current, hit)
            findings[(finding.start, finding.end, finding.rule)] = finding
    return [findings[key] for key in sorted(findings)]


def _finding(document: Document, current: Rule, hit: Hit) -> Finding:
    if not 0 <= hit.start <= hit.end <= len(document.text):
        raise ValueError(f"{current.code} reported span {hit.start}:{hit.end} outside the text")
    line, column = document.position(hit.start)
    end_line, end_column = document.position(hit.end, end=hit.end > hit.start)
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
    """Audit files, folders and ``-`` (stdin) into one in-memory :class:`Report`.

    Unreadable inputs are reported in ``Report.errors``, never fatal. For archives, iterate
    :func:`audit_stream` instead: it holds one input's findings at a time.
    """
    report = Report()
    for result in audit_stream(paths, settings):
        if result.error is not None:
            report.errors.append(result.error)
            continue
        report.files += 1
        for document in result.documents:
            report.documents += 1
            report.findings.extend(document.findings)
            if document.scores is not None:
                report.scores.append(document.scores)
    return report


def audit_stream(paths: Sequence[str], settings: Settings | None = None) -> Iterator[SourceResult]:
    """One :class:`SourceResult` per input, in input order, as each is audited.

    Inputs that cannot be found come first (discovery), then every input in order, unreadable
    ones carrying their :class:`InputError`. With ``settings.jobs`` above 1 (0: one per CPU) files
    are audited in worker processes; what is yielded is the same whatever the number of workers.
    """
    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)  # fails early on an unknown selector
    sources, errors = discover(paths)
    for error in errors:
        yield SourceResult(path=error.path, error=error)
    jobs = settings.jobs or os.cpu_count() or 1
    files = [s for s in sources if not s.is_stdin]
    if jobs > 1 and len(files) > 1:
        yield from _audit_in_pool(sources, files, settings, rules, jobs)
    else:
        for source in sources:
            yield _audit_source(source, settings, rules)


def _audit_in_pool(
    sources: Sequence[Source],
    files: Sequence[Source],
    settings: Settings,
    rules: Sequence[Rule],
    jobs: int,
) -> Iterator[SourceResult]:
    with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        chunk = max(1, len(files) // (jobs * 8))
        results = pool.map(_audit_source, files, [settings] * len(files), chunksize=chunk)
        for source in sources:
            # stdin is read here, in the parent, at its place in the input order.
            yield _audit_source(source, settings, rules) if source.is_stdin else next(results)


def _audit_source(
    source: Source, settings: Settings, rules: Sequence[Rule] | None = None
) -> SourceResult:
    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    try:
        documents = read_source(source, settings.option("fields", None))
    except InputError as error:
        return SourceResult(path=source.path, error=error)
    results = []
    for document in documents:
        document.lang = settings.lang
        results.append(
            DocumentResult(
                path=document.path or document.id,
                doc_id=document.id,
                findings=check_document(document, rules, settings),
                words=len(document.text.split()),
                system=document.system,
                meta=dict(document.meta),
                scores=_reference_scores(document),
            )
        )
    return SourceResult(path=source.path, documents=results)


def _reference_scores(document: Document) -> dict[str, object] | None:
    if document.reference is None:
        return None
    from audit.scoring import document_scores  # sacrebleu is loaded only when it is needed

    return document_scores(document)
