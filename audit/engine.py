"""Run the selected rules over documents in a fixed order; ``audit.backends`` decides where."""

from __future__ import annotations

import functools
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from audit.config import Settings
from audit.document import Document
from audit.errors import printable
from audit.filters import filter_findings
from audit.findings import Applicability, Finding, Hit, Severity, finding_in_file
from audit.readers import Discovery, InputError, Source, discover, read_source
from audit.rules import Rule, select_rules
from audit.rules._registry import CheckFunction

if TYPE_CHECKING:
    from audit.boilerplate import Summary


class InternalError(Exception):
    """A bug in mtaudit met while auditing one input: a rule or a reader raised.

    It is reported, and the audit goes on with the other rules and inputs; ``details`` keeps the
    traceback (as text, so that it crosses from a worker process) for ``--debug``.
    """

    def __init__(self, where: str, path: str, problem: str, details: str = "") -> None:
        super().__init__(f"internal error in {where} on {printable(path)}: {printable(problem)}")
        self.where = where
        self.path = path
        self.problem = problem
        self.details = details

    def __reduce__(self) -> tuple[type[InternalError], tuple[str, str, str, str]]:
        return (type(self), (self.where, self.path, self.problem, self.details))

    @classmethod
    def caught(cls, where: str, path: str, error: BaseException) -> InternalError:
        """The internal error for an exception just caught (call inside the ``except``)."""
        return cls(where, path, f"{type(error).__name__}: {error}", traceback.format_exc())


def exit_status(
    failures: Sequence[object], errors: Sequence[object], failed: Callable[[], bool]
) -> int:
    """The exit status of an audit: 3 internal error, 2 unreadable input, 1 findings, 0 clean."""
    if failures:
        return 3
    if errors:
        return 2
    return 1 if failed() else 0


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
    # The audited text and its reference, kept only when a report asks for them
    # (``Settings.keep_text``: the HTML report, per-group reference scores), so that other
    # formats do not carry every article's text from the workers.
    text: str | None = field(default=None, repr=False)
    reference: str | None = field(default=None, repr=False)


@dataclass
class SourceResult:
    """One input (a file, or stdin) after the audit: its documents, or why it could not be read."""

    path: str
    documents: list[DocumentResult] = field(default_factory=list)
    error: InputError | None = None
    # Rules or readers that failed on this input (bugs); the other rules' findings are kept.
    failures: list[InternalError] = field(default_factory=list)
    # Seconds spent per rule code (and in segmentation), when the audit is profiled.
    timings: dict[str, float] | None = None

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
        self.failures: list[InternalError] = []

    def add(self, result: SourceResult) -> None:
        self.failures.extend(result.failures)
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
        """3 on an internal error, else 2 when an input could not be read, else 1 when findings
        reach ``fail_on``, else 0."""
        return exit_status(self.failures, self.errors, lambda: self.failed(fail_on))


@dataclass
class Report:
    """The result of an audit held in memory: findings in input order, and unreadable inputs.

    For the API and small batches; the command line streams :class:`SourceResult` instead.
    """

    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    failures: list[InternalError] = field(default_factory=list)
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
        """3 on an internal error, else 2 when an input could not be read, else 1 when findings
        reach ``fail_on``, else 0."""
        return exit_status(self.failures, self.errors, lambda: self.failed(fail_on))


def check_document(
    document: Document,
    rules: Sequence[Rule],
    settings: Settings,
    failures: list[InternalError] | None = None,
) -> list[Finding]:
    """Every finding the rules make on one document, ordered by position, then rule code.

    With a ``failures`` list, a rule that raises (a bug) is recorded there and the other rules
    still run; without one, the exception propagates.
    """
    findings = {}
    off = settings.rules_off_by_locale
    for current in rules:
        if not current.applies_to(document) or current.code in off:
            continue
        try:
            found = [_finding(document, current, hit) for hit in current.check(document, settings)]
        except Exception as error:
            if failures is None:
                raise
            failures.append(InternalError.caught(current.code, document.id, error))
            continue
        for finding in found:
            findings[(finding.start, finding.end, finding.rule)] = finding
    return [findings[key] for key in sorted(findings)]


def _finding(document: Document, current: Rule, hit: Hit) -> Finding:
    if not 0 <= hit.start <= hit.end <= len(document.text):
        raise ValueError(f"{current.code} reported span {hit.start}:{hit.end} outside the text")
    # Offsets, positions, excerpt and context are the file's (see Document's position map).
    start, end = document.file_span(hit.start, hit.end)
    fix = None
    if hit.suggestion is not None and current.fix is not None:
        # A finding may narrow its rule's applicability (safe → unsafe), never widen it.
        unsafe = Applicability.UNSAFE in (hit.fix, current.fix)
        fix = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return finding_in_file(
        document,
        current,
        start,
        end,
        hit.message,
        severity=hit.severity,
        suggestion=hit.suggestion,
        fix=fix,
    )


def audit_documents(
    documents: Iterable[Document], settings: Settings | None = None
) -> list[Finding]:
    """Findings for documents already in memory, in document order."""
    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)
    return [
        f
        for document in documents
        for f in filter_findings(document, check_document(document, rules, settings), settings)
    ]


def audit_paths(paths: Sequence[str], settings: Settings | None = None) -> Report:
    """Audit files, folders and ``-`` (stdin) into one in-memory :class:`Report`.

    Unreadable inputs are reported in ``Report.errors``, never fatal. For archives, iterate
    :func:`audit_stream` instead: it holds one input's findings at a time.
    """
    report = Report()
    for result in audit_stream(paths, settings):
        report.failures.extend(result.failures)
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
    from audit import backends

    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)  # fails early on an unknown selector
    sources, errors = discover(paths, Discovery.from_settings(settings))
    for error in errors:
        yield SourceResult(path=error.path, error=error)
    yield from backends.run(sources, settings, rules)


# Runs a function on each batch of sources, wherever a backend runs work, yielding the results
# in the order of the batches: the built-in ``map`` in this process, a pool's or a cluster's map.
BatchMap = Callable[
    [Callable[[list[Source]], list["Summary"]], list[list[Source]]], Iterable[list["Summary"]]
]


def with_batch_boilerplate(
    sources: Sequence[Source],
    settings: Settings,
    rules: Sequence[Rule],
    map_batches: BatchMap = map,
    size: int = 64,
) -> Settings:
    """Settings carrying the batch's boilerplate lines, when the rule that reads them is selected.

    A pre-pass over the input files (stdin cannot be read twice and is left out): the one rule
    that needs to see across documents gets what it needs as an option, and stays a pure
    function of one Document. Each batch of ``size`` files is read and summarised by
    ``map_batches`` (in the workers of a pool or a cluster); only the count is made here.
    """
    from audit.boilerplate import boilerplate_from
    from audit.rules.furniture import BOILERPLATE_OPTION, repeated_boilerplate_line

    if repeated_boilerplate_line not in rules:
        return settings
    files = [source for source in sources if not source.is_stdin]
    groups = [files[at : at + size] for at in range(0, len(files), max(1, size))]
    summarised = map_batches(functools.partial(summarise_sources, settings=settings), groups)
    options = {
        **settings.rule_options,
        BOILERPLATE_OPTION: boilerplate_from(summary for batch in summarised for summary in batch),
    }
    return replace(settings, rule_options=options)


def summarise_sources(sources: list[Source], settings: Settings) -> list[Summary]:
    """The boilerplate summaries of the documents of ``sources``, in order (the pre-pass's task).

    A file that cannot be read adds nothing; it is reported when the file itself is audited.
    """
    from audit.boilerplate import summarise

    summaries = []
    for source in sources:
        try:
            documents = read_source(source, settings.option("fields", None))
        except InputError:
            continue
        summaries.extend(summarise(document.text) for document in documents)
    return summaries


def audit_source(source: Source, settings: Settings, rules: Sequence[Rule]) -> SourceResult:
    """Audit one input with ``rules``: what every backend runs, in this process or a worker.

    With ``settings.profile`` the result carries the time spent in each rule, in segmenting the
    documents (``segmentation``) and in everything else (``reading``: reading, decoding, findings).
    """
    if not settings.profile:
        return _audit_source(source, settings, rules)
    timings: Counter[str] = Counter()
    token = _TIMINGS.set(timings)
    try:
        began = time.perf_counter()
        result = _audit_source(source, settings, _timed(rules))
        timings["reading"] += time.perf_counter() - began - sum(timings.values())
    finally:
        _TIMINGS.reset(token)
    result.timings = dict(timings)
    return result


# The timings of the input being audited in this thread (a Dask worker runs several at once).
_TIMINGS: ContextVar[Counter[str]] = ContextVar("mtaudit_timings")


def _timed(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    """The rules, each adding the time its check takes to the current input's timings."""
    # Keyed on the check functions too: a rule compares equal to its copy with another check.
    return _timed_once(tuple((current, current.check) for current in rules))


@functools.lru_cache(maxsize=8)
def _timed_once(rules: tuple[tuple[Rule, CheckFunction], ...]) -> tuple[Rule, ...]:
    # Made once, not for every input: wrapping 45 rules costs about 0.5 ms, which the
    # "reading" row used to show as if reading took it.
    return tuple(
        replace(current, check=_stopwatch(current, segment=index == 0))
        for index, (current, _) in enumerate(rules)
    )


def _stopwatch(current: Rule, *, segment: bool) -> CheckFunction:
    @functools.wraps(current.check)
    def check(document: Document, settings: Settings) -> list[Hit]:
        timings = _TIMINGS.get()
        if segment:  # paragraphs are shared by all rules: time them on their own, first
            began = time.perf_counter()
            document.paragraphs  # noqa: B018 - computed and cached (sentences only where asked)
            timings["segmentation"] += time.perf_counter() - began
        began = time.perf_counter()
        hits = list(current.check(document, settings))
        timings[current.code] += time.perf_counter() - began
        return hits

    return check


def _audit_source(
    source: Source, settings: Settings, rules: Sequence[Rule] | None = None
) -> SourceResult:
    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    try:
        documents = read_source(source, settings.option("fields", None), settings.max_file_size)
    except InputError as error:
        return SourceResult(path=source.path, error=error)
    except Exception as error:  # a bug in a reader: this input is lost, not the batch
        return SourceResult(
            path=source.path, failures=[InternalError.caught("reading", source.path, error)]
        )
    results = []
    failures: list[InternalError] = []
    for document in documents:
        document.lang = settings.lang
        findings = check_document(document, rules, settings, failures)
        try:
            scores = _reference_scores(document)
        except Exception as error:
            failures.append(InternalError.caught("scoring", document.id, error))
            scores = None
        results.append(
            DocumentResult(
                path=document.path or document.id,
                doc_id=document.id,
                findings=filter_findings(document, findings, settings),
                words=len(document.text.split()),
                system=document.system,
                meta=dict(document.meta),
                scores=scores,
                text=document.text if settings.keep_text else None,
                reference=document.reference if settings.keep_text else None,
            )
        )
    return SourceResult(path=source.path, documents=results, failures=failures)


def _reference_scores(document: Document) -> dict[str, object] | None:
    if document.reference is None:
        return None
    from audit.scoring import document_scores  # sacrebleu is loaded only when it is needed

    return document_scores(document)
