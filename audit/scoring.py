"""Reference metrics through sacrebleu: corpus scores with their signatures, segment scores,
paired bootstrap resampling between systems, and sentence-aligned scoring of whole articles.

Nothing here re-implements a metric: every number comes from sacrebleu's own classes, and every
corpus score carries sacrebleu's signature so that it can be reproduced.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric
from sacrebleu.significance import PairedTest

from audit.alignment import Bead, align_sentences, sentences
from audit.document import Document
from audit.readers import InputError, decode, read_file

METRICS = ("bleu", "chrf", "ter")
# TER is an error rate: lower is better.
_LOWER_IS_BETTER = frozenset({"ter"})
BOOTSTRAP_SAMPLES = 1000


@dataclass(frozen=True)
class MetricOptions:
    """The sacrebleu options ``mtaudit score`` exposes; they show in every signature."""

    tokenize: str | None = None  # BLEU tokenizer; None: sacrebleu's default (13a)
    lowercase: bool = False
    chrf_word_order: int = 0  # 2 gives chrF++

    def __post_init__(self) -> None:
        known = list(BLEU.TOKENIZERS)
        if self.tokenize is not None and self.tokenize not in known:
            raise ValueError(
                f"--tokenize: unknown BLEU tokenizer {self.tokenize!r} "
                f"(expected one of: {', '.join(known)})"
            )


def make_metric(name: str, options: MetricOptions = MetricOptions()) -> Metric:
    """A fresh sacrebleu metric object for ``bleu``, ``chrf`` or ``ter``."""
    if name == "bleu":
        return BLEU(tokenize=options.tokenize, lowercase=options.lowercase)
    if name == "chrf":
        return CHRF(word_order=options.chrf_word_order, lowercase=options.lowercase)
    if name == "ter":
        return TER()  # sacrebleu's TER is case-insensitive by default
    raise ValueError(f"unknown metric {name!r} (expected one of: {', '.join(METRICS)})")


def parse_metrics(value: str) -> tuple[str, ...]:
    """``"bleu,chrf"`` → ``("bleu", "chrf")``; unknown or no names are a ValueError."""
    names = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    unknown = [n for n in names if n not in METRICS]
    if unknown or not names:
        raise ValueError(
            f"unknown metric {', '.join(map(repr, unknown)) or '(none)'} "
            f"(expected: {', '.join(METRICS)})"
        )
    return names


@dataclass(frozen=True)
class CorpusScore:
    """One corpus-level score and the sacrebleu signature that reproduces it."""

    name: str  # sacrebleu's name: BLEU, chrF2, chrF2++, TER
    score: float
    signature: str
    detail: str  # sacrebleu's own one-line rendering of the score

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "score": self.score,  # full precision: the very number sacrebleu computes
            "signature": self.signature,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class SegmentScore:
    """Scores of one hypothesis segment against its references."""

    index: int  # 0-based position (line number - 1 in line-aligned mode)
    hypothesis: str
    references: tuple[str, ...]
    chrf: float
    bleu: float  # sentence BLEU with effective order

    def to_dict(self) -> dict[str, object]:
        return {
            "segment": self.index + 1,
            "chrf": round(self.chrf, 2),
            "bleu": round(self.bleu, 2),
            "hypothesis": self.hypothesis,
            "references": list(self.references),
        }


@dataclass(frozen=True)
class Comparison:
    """Paired bootstrap resampling of one metric for a system against the baseline."""

    score: float
    mean: float
    ci: float  # half-width of the 95% confidence interval
    p_value: float | None  # None for the baseline itself

    def to_dict(self) -> dict[str, object]:
        return {
            "mean": round(self.mean, 4),
            "ci": round(self.ci, 4),
            "p_value": None if self.p_value is None else round(self.p_value, 4),
        }


@dataclass
class SystemResult:
    """Everything ``mtaudit score`` reports about one hypothesis file."""

    path: str
    scores: dict[str, CorpusScore]
    segments: list[SegmentScore] = field(default_factory=list)
    alignment: list[Bead] | None = None
    bootstrap: dict[str, Comparison] = field(default_factory=dict)


def read_lines(path: str) -> list[str]:
    """The lines of a line-aligned file, as sacrebleu reads them (trailing white space dropped).

    An empty line is an empty segment; a final line break does not start another segment.
    Raises :class:`InputError` for an unreadable file or invalid UTF-8 (naming the byte offset).
    """
    content = read_text(path)
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def read_text(path: str) -> str:
    """A whole file as text; raises :class:`InputError` with a one-line reason."""
    return decode(path, read_file(path))


def check_line_counts(hypotheses: dict[str, list[str]], references: dict[str, list[str]]) -> None:
    """Raise :class:`InputError` when any file has another number of lines than the first one."""
    files = {**hypotheses, **references}
    first, expected = next(iter(files.items()))
    for path, lines in files.items():
        if len(lines) != len(expected):
            raise InputError(
                path,
                f"{len(lines)} lines, but {first} has {len(expected)} lines "
                "(line-aligned files must have one segment a line on every side)",
            )


def corpus_scores(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    metrics: Sequence[str] = METRICS,
    options: MetricOptions = MetricOptions(),
) -> dict[str, CorpusScore]:
    """Corpus scores for one system; ``references`` is a list of reference streams."""
    results = {}
    for name in metrics:
        metric = make_metric(name, options)
        score = metric.corpus_score(list(hypotheses), [list(r) for r in references])
        signature = metric.get_signature().format()
        results[name] = CorpusScore(score.name, score.score, signature, str(score))
    return results


def segment_scores(
    hypotheses: Sequence[str], references: Sequence[Sequence[str]]
) -> list[SegmentScore]:
    """chrF and sentence BLEU (effective order) of every segment against its references."""
    chrf = CHRF()
    bleu = BLEU(effective_order=True)
    results = []
    for index, hypothesis in enumerate(hypotheses):
        refs = [stream[index] for stream in references]
        results.append(
            SegmentScore(
                index=index,
                hypothesis=hypothesis,
                references=tuple(refs),
                chrf=chrf.sentence_score(hypothesis, refs).score,
                bleu=bleu.sentence_score(hypothesis, refs).score,
            )
        )
    return results


def least_agreeing(segments: Sequence[SegmentScore], count: int) -> list[SegmentScore]:
    """The ``count`` segments with the lowest chrF (ties: earlier segment first).

    An empty hypothesis against empty references agrees perfectly, whatever chrF says of it.
    """
    scored = [s for s in segments if s.hypothesis or any(s.references)]
    return sorted(scored, key=lambda s: (s.chrf, s.index))[:count]


def paired_bootstrap(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[Sequence[str]],
    metrics: Sequence[str] = METRICS,
    options: MetricOptions = MetricOptions(),
    samples: int = BOOTSTRAP_SAMPLES,
) -> tuple[dict[str, dict[str, Comparison]], dict[str, str]]:
    """sacrebleu's paired bootstrap resampling of every system against the first (the baseline).

    Returns the comparisons per system path and metric, and the signature of each metric's test
    (with sacrebleu's fixed seed, so the figures are the same on every run).
    """
    objects = {name: make_metric(name, options) for name in metrics}
    test = PairedTest(
        [(path, list(hyps)) for path, hyps in systems],
        objects,
        [list(r) for r in references],
        test_type="bs",
        n_samples=samples,
    )
    signatures, results = test()
    names = results.pop("System")
    by_metric = dict(zip(metrics, results.values(), strict=True))
    comparisons: dict[str, dict[str, Comparison]] = {str(n): {} for n in names}
    for metric, column in by_metric.items():
        for system, result in zip(names, column, strict=True):
            comparisons[str(system)][metric] = Comparison(
                score=float(result.score),
                mean=float(result.mean),
                ci=float(result.ci),
                p_value=None if result.p_value is None else float(result.p_value),
            )
    named = dict(zip(metrics, (s.format() for s in signatures.values()), strict=True))
    return comparisons, named


def rank(results: Sequence[SystemResult], metric: str) -> list[SystemResult]:
    """Systems best first by ``metric`` (ties keep the order given)."""
    sign = 1 if metric in _LOWER_IS_BETTER else -1
    return sorted(results, key=lambda r: sign * r.scores[metric].score)


def align_documents(hypothesis: str, reference: str) -> tuple[list[str], list[str], list[Bead]]:
    """Sentence-align two articles; returns the aligned segment pairs and the alignment.

    A sentence without counterpart is paired with an empty segment, so that dropped or added
    sentences count against the score as they should.
    """
    hyp_sentences = sentences(hypothesis)
    ref_sentences = sentences(reference)
    beads = align_sentences(hyp_sentences, ref_sentences)
    hyps = [" ".join(hyp_sentences[i] for i in bead.hypothesis) for bead in beads]
    refs = [" ".join(ref_sentences[j] for j in bead.reference) for bead in beads]
    return hyps, refs, beads


@cache
def _sentence_chrf() -> CHRF:
    return CHRF()


def sentence_chrf(hypothesis: str, reference: str) -> float:
    """chrF of one segment against one reference."""
    return _sentence_chrf().sentence_score(hypothesis, [reference]).score


def document_scores(document: Document) -> dict[str, object]:
    """chrF, BLEU (effective order) and TER of one document against its reference.

    Sentence-level scores (a record of a JSONL/TSV file is usually one segment); the line breaks
    of an article are read as spaces.
    """
    hypothesis = " ".join(document.text.split())
    reference = " ".join((document.reference or "").split())
    return {
        "path": document.path or document.id,
        "doc_id": document.id,
        "line": document.record_line or 1,
        "chrf": _rounded(_sentence_chrf().sentence_score(hypothesis, [reference]).score),
        "bleu": _rounded(_sentence_bleu().sentence_score(hypothesis, [reference]).score),
        "ter": _rounded(_sentence_ter().sentence_score(hypothesis, [reference]).score),
    }


@cache
def _sentence_bleu() -> BLEU:
    return BLEU(effective_order=True)


@cache
def _sentence_ter() -> TER:
    return TER()


def _rounded(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


@dataclass
class ScoreRun:
    """The result of ``mtaudit score``: every system's scores, best first when there are several."""

    references: list[str]
    metrics: tuple[str, ...]
    systems: list[SystemResult]
    document_mode: bool = False
    segment_count: int = 0
    bootstrap_signatures: dict[str, str] = field(default_factory=dict)
    bootstrap_samples: int = 0
    baseline: str = ""  # the first hypothesis file, which the others are compared with


def score_files(
    hypotheses: Sequence[str],
    references: Sequence[str],
    metrics: Sequence[str] = METRICS,
    options: MetricOptions = MetricOptions(),
    *,
    with_segments: bool = False,
    document_mode: bool = False,
    bootstrap_samples: int = BOOTSTRAP_SAMPLES,
) -> ScoreRun:
    """Score hypothesis files against reference files; raises :class:`InputError` on bad input.

    Line-aligned by default. In document mode each file is a whole article: one hypothesis
    and one reference, sentence-aligned before scoring. With several hypotheses the first is
    the baseline of sacrebleu's paired bootstrap resampling, and the systems are ranked by the
    first metric.
    """
    metrics = tuple(metrics)
    if document_mode:
        if len(hypotheses) != 1 or len(references) != 1:
            raise InputError(
                hypotheses[1] if len(hypotheses) > 1 else references[1],
                "document mode scores one hypothesis against one reference",
            )
        hyps, refs, beads = align_documents(read_text(hypotheses[0]), read_text(references[0]))
        if not hyps:
            raise InputError(hypotheses[0], "nothing to score: both articles are empty")
        result = SystemResult(
            hypotheses[0],
            corpus_scores(hyps, [refs], metrics, options),
            segment_scores(hyps, [refs]),
            alignment=beads,
        )
        return ScoreRun(
            list(references), metrics, [result], True, len(hyps), baseline=hypotheses[0]
        )
    hyp_lines = {path: read_lines(path) for path in hypotheses}
    ref_lines = {path: read_lines(path) for path in references}
    check_line_counts(hyp_lines, ref_lines)
    streams = list(ref_lines.values())
    if not streams[0]:
        raise InputError(hypotheses[0], "nothing to score: the files have no lines")
    results = [
        SystemResult(
            path,
            corpus_scores(lines, streams, metrics, options),
            segment_scores(lines, streams) if with_segments else [],
        )
        for path, lines in hyp_lines.items()
    ]
    run = ScoreRun(
        list(references), metrics, results, False, len(streams[0]), baseline=hypotheses[0]
    )
    if len(results) > 1:
        comparisons, signatures = paired_bootstrap(
            list(hyp_lines.items()), streams, metrics, options, bootstrap_samples
        )
        for result in results:
            result.bootstrap = comparisons[result.path]
        run.bootstrap_signatures = signatures
        run.bootstrap_samples = bootstrap_samples
        run.systems = rank(results, metrics[0])
    return run
