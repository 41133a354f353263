"""The ranked summary of a batch audit: which documents, and which groups, carry most artifacts.

Each document gets an **artifact penalty**, MQM-style: every finding weighs by its severity
(:data:`PENALTY_WEIGHTS`: error 5, warning 1, info 0.1, the weights MQM gives major and minor
errors and minor punctuation slips), and the sum is normalised per 1,000 words so that long and
short articles compare. The penalty counts what the rules find, not what a reader would: it says
where the machine-translation artifacts are, not how good a translation is.

The summary keeps one small row per document (never its findings), totals per rule and per
group, and — where records carry a reference and the report is grouped — sacrebleu's sufficient
statistics per group, so that corpus chrF and BLEU per group cost no text held in memory.
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.engine import DocumentResult, SourceResult

PENALTY_WEIGHTS: dict[str, float] = {"error": 5.0, "warning": 1.0, "info": 0.1}
"""Weight of one finding in the artifact penalty, by severity."""

NO_GROUP = "(none)"
"""The group of a document that lacks the ``--group-by`` field."""


def group_of(document: DocumentResult, group_by: str | None) -> str | None:
    """The value ``document`` is grouped under: a record field, its system, or its folder."""
    if group_by is None:
        return None
    if group_by == "folder":
        return posixpath.dirname(document.path.replace("\\", "/")) or "."
    if group_by == "system":
        return document.system or NO_GROUP
    return document.meta.get(group_by) or NO_GROUP


def penalty(errors: int, warnings: int, infos: int) -> float:
    """The artifact penalty of these finding counts, rounded to hundredths."""
    weights = PENALTY_WEIGHTS
    total = errors * weights["error"] + warnings * weights["warning"] + infos * weights["info"]
    return round(total, 2)


def per_thousand_words(value: float, words: int) -> float | None:
    """``value`` per 1,000 words; None for a document without words (an empty article)."""
    return round(value * 1000 / words, 2) if words else None


@dataclass
class _Counts:
    documents: int = 0
    words: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    rules: Counter[str] = field(default_factory=Counter)

    def add(self, row: DocumentRow, rules: Counter[str]) -> None:
        self.documents += 1
        self.words += row.words
        self.errors += row.errors
        self.warnings += row.warnings
        self.infos += row.infos
        self.rules.update(rules)

    @property
    def penalty(self) -> float:
        return penalty(self.errors, self.warnings, self.infos)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "words": self.words,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "penalty": self.penalty,
            "penalty_per_1000_words": per_thousand_words(self.penalty, self.words),
        }


@dataclass(frozen=True)
class DocumentRow:
    """One document in the ranking: where it is, its size, its findings by severity."""

    path: str
    doc_id: str
    group: str | None
    system: str | None
    words: int
    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, document: DocumentResult, group_by: str | None) -> DocumentRow:
        severities = Counter(f.severity for f in document.findings)
        return cls(
            path=document.path,
            doc_id=document.doc_id,
            group=group_of(document, group_by),
            system=document.system,
            words=document.words,
            errors=severities["error"],
            warnings=severities["warning"],
            infos=severities["info"],
        )

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.infos

    @property
    def penalty(self) -> float:
        return penalty(self.errors, self.warnings, self.infos)

    @property
    def penalty_per_1000_words(self) -> float | None:
        return per_thousand_words(self.penalty, self.words)

    def rank_key(self) -> tuple[float, float, str, str]:
        # Worst first; a document without words but with findings (an empty article) ranks top.
        density = self.penalty_per_1000_words
        density = math.inf if density is None and self.penalty else density or 0.0
        return (-density, -self.penalty, self.path, self.doc_id)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "doc_id": self.doc_id}
        if self.system is not None:
            out["system"] = self.system
        if self.group is not None:
            out["group"] = self.group
        out.update(
            words=self.words,
            errors=self.errors,
            warnings=self.warnings,
            infos=self.infos,
            penalty=self.penalty,
            penalty_per_1000_words=self.penalty_per_1000_words,
        )
        return out


class _ReferenceStatistics:
    """sacrebleu's corpus statistics for chrF and BLEU, summed document by document."""

    def __init__(self) -> None:
        from sacrebleu.metrics import BLEU, CHRF  # loaded only when references are present

        self.metrics = {"chrf": CHRF(), "bleu": BLEU()}
        self.stats: dict[str, dict[str, list[Any]]] = {}

    def add(self, group: str, hypothesis: str, reference: str) -> None:
        hypothesis = " ".join(hypothesis.split())
        reference = " ".join(reference.split())
        for name, metric in self.metrics.items():
            # The same statistics corpus_score sums: one entry per segment (here, per document).
            stats = metric._extract_corpus_statistics([hypothesis], [[reference]])
            self.stats.setdefault(group, {}).setdefault(name, []).extend(stats)

    def scores(self, group: str) -> dict[str, float] | None:
        if group not in self.stats:
            return None
        out = {}
        for name, metric in self.metrics.items():
            score = metric._aggregate_and_compute(self.stats[group][name]).score
            out[name] = round(score, 2)
        return out

    def signatures(self) -> dict[str, str]:
        return {name: str(metric.get_signature()) for name, metric in self.metrics.items()}


class Summary:
    """The ranked summary, built as results stream past (one small row per document)."""

    def __init__(self, group_by: str | None = None) -> None:
        self.group_by = group_by
        self.rows: list[DocumentRow] = []
        self.rules: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.rule_severities: dict[str, Counter[str]] = {}
        self.groups: dict[str, _Counts] = {}
        self._references: _ReferenceStatistics | None = None

    def add(self, result: SourceResult) -> None:
        for document in result.documents:
            row = DocumentRow.of(document, self.group_by)
            self.rows.append(row)
            rules = Counter(f.rule for f in document.findings)
            self.rules.update(rules)
            for finding in document.findings:
                self.names[finding.rule] = finding.name
                self.rule_severities.setdefault(finding.rule, Counter())[finding.severity] += 1
            if row.group is not None:
                self.groups.setdefault(row.group, _Counts()).add(row, rules)
                if document.reference is not None and document.text is not None:
                    if self._references is None:
                        self._references = _ReferenceStatistics()
                    self._references.add(row.group, document.text, document.reference)

    def ranked(self) -> list[DocumentRow]:
        """Every document, worst first (penalty per 1,000 words, then penalty, then path)."""
        return sorted(self.rows, key=DocumentRow.rank_key)

    def rule_totals(self) -> list[dict[str, Any]]:
        """Findings per rule, most frequent first."""
        return [
            {
                "rule": code,
                "name": self.names[code],
                "findings": count,
                **{s: self.rule_severities[code][s] for s in ("error", "warning", "info")},
            }
            for code, count in sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))
        ]

    def group_totals(self) -> list[dict[str, Any]]:
        """Totals per group, worst (penalty per 1,000 words) first; chrF and BLEU with references."""
        out = []
        for name, counts in self.groups.items():
            row: dict[str, Any] = {"group": name, **counts.to_dict()}
            scores = self._references.scores(name) if self._references else None
            if scores is not None:
                row.update(scores)
            row["rules"] = dict(sorted(counts.rules.items(), key=lambda i: (-i[1], i[0])))
            out.append(row)
        density = "penalty_per_1000_words"
        return sorted(out, key=lambda r: (-(r[density] or 0.0), -r["penalty"], r["group"]))

    def to_dict(self) -> dict[str, Any]:
        """The summary as ``--format json`` carries it."""
        out: dict[str, Any] = {
            "penalty_weights": dict(PENALTY_WEIGHTS),
            "documents": [row.to_dict() for row in self.ranked()],
            "rules": self.rule_totals(),
        }
        if self.group_by is not None:
            out["group_by"] = self.group_by
            out["groups"] = self.group_totals()
            if self._references is not None:
                out["reference_signatures"] = self._references.signatures()
        return out


def render_text(summary: Summary, limit: int = 20) -> str:
    """The summary for a person: the worst documents, totals per rule, totals per group."""
    weights = ", ".join(f"{name} {weight:g}" for name, weight in PENALTY_WEIGHTS.items())
    ranked = summary.ranked()
    out = [
        f"Worst documents (artifact penalty: {weights}; per 1,000 words)",
        f"  {'per 1k':>8} {'penalty':>8} {'words':>7} {'err':>4} {'warn':>4} {'info':>4}  document",
    ]
    for row in ranked[:limit]:
        density = row.penalty_per_1000_words
        name = row.path if row.doc_id == row.path else f"{row.path} [{row.doc_id}]"
        if row.system is not None:
            name += f" ({row.system})"
        out.append(
            f"  {'-' if density is None else f'{density:.2f}':>8} {row.penalty:>8.2f} "
            f"{row.words:>7} {row.errors:>4} {row.warnings:>4} {row.infos:>4}  {name}"
        )
    if len(ranked) > limit:
        out.append(f"  … {len(ranked) - limit} more (all of them in --format json or csv)")
    if summary.rules:
        out.append("")
        out.append("Findings per rule")
        out.extend(
            f"  {row['findings']:>6}  {row['rule']}  {row['name']}" for row in summary.rule_totals()
        )
    groups = summary.group_totals() if summary.group_by is not None else []
    if groups:
        scored = any("chrf" in row for row in groups)
        out.append("")
        out.append(f"By {summary.group_by}")
        head = f"  {'per 1k':>8} {'penalty':>8} {'docs':>6} {'words':>8} {'err':>5} {'warn':>5}"
        head += f" {'info':>5}" + (f" {'chrF':>6} {'BLEU':>6}" if scored else "") + f"  {'group'}"
        out.append(head)
        for row in groups:
            density = row["penalty_per_1000_words"]
            line = (
                f"  {'-' if density is None else f'{density:.2f}':>8} {row['penalty']:>8.2f} "
                f"{row['documents']:>6} {row['words']:>8} {row['errors']:>5} "
                f"{row['warnings']:>5} {row['infos']:>5}"
            )
            if scored:
                line += "".join(
                    f" {row[m]:>6.2f}" if m in row else f" {'-':>6}" for m in ("chrf", "bleu")
                )
            out.append(f"{line}  {row['group']}")
        if scored and summary._references is not None:
            for name, signature in summary._references.signatures().items():
                out.append(f"  {name}: {signature}")
    return "\n".join(out) + "\n"
