"""How the rules fare on an annotated corpus: false alarms on clean lines, catches per category.

The gold file has one JSON object per line of the audited documents, in the form of the WMT MQM
ratings: ``{"file", "line", "clean", "errors": [{"rater", "category", "severity", "span"}]}``.
A gold line counts as caught when any finding covers it (from its ``line`` to its ``end_line``).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from audit.config import Settings
from audit.engine import InternalError, audit_paths
from audit.errors import MtauditError, printable
from audit.findings import Finding
from audit.readers import InputError, read_file

# Categories that say a line was looked at, not that it has an error.
_NOT_ERRORS = frozenset({"no-error", "Non-translation", "Found", "Source issue"})


class GoldError(MtauditError):
    """A gold file that cannot be used; the message names the file, the line and the reason."""


@dataclass(frozen=True)
class GoldLine:
    file: str
    line: int
    clean: bool
    # category → the raters who marked it on this line
    raters: dict[str, frozenset[str]]


@dataclass
class CategoryScore:
    lines: int = 0
    caught: int = 0
    agreed_lines: int = 0
    agreed_caught: int = 0


@dataclass
class Evaluation:
    """The figures ``mtaudit eval`` prints."""

    documents: int = 0
    lines: int = 0
    clean_lines: int = 0
    false_alarms: int = 0
    flagged_lines: int = 0
    several_raters: bool = False
    categories: dict[str, CategoryScore] = field(default_factory=dict)
    rules_on_clean: Counter[str] = field(default_factory=Counter)
    findings_per_rule: Counter[str] = field(default_factory=Counter)
    lines_per_rule: Counter[str] = field(default_factory=Counter)
    # gold category → rule → lines of that category the rule flagged: which rules carry a catch
    rules_per_category: dict[str, Counter[str]] = field(default_factory=dict)
    false_alarm_examples: list[dict[str, object]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    failures: list[InternalError] = field(default_factory=list)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean_lines if self.clean_lines else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "lines": self.lines,
            "clean_lines": self.clean_lines,
            "false_alarms": self.false_alarms,
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "flagged_lines": self.flagged_lines,
            "categories": {
                name: {
                    "lines": s.lines,
                    "caught": s.caught,
                    "catch_rate": round(s.caught / s.lines, 4) if s.lines else None,
                    "agreed_lines": s.agreed_lines,
                    "agreed_caught": s.agreed_caught,
                    "agreed_catch_rate": (
                        round(s.agreed_caught / s.agreed_lines, 4) if s.agreed_lines else None
                    ),
                }
                for name, s in sorted(self.categories.items())
            },
            "rules_on_clean_lines": dict(sorted(self.rules_on_clean.items())),
            "findings_per_rule": dict(sorted(self.findings_per_rule.items())),
            "lines_per_rule": dict(sorted(self.lines_per_rule.items())),
            "rules_per_category": {
                name: dict(sorted(rules.items()))
                for name, rules in sorted(self.rules_per_category.items())
            },
            "false_alarm_examples": self.false_alarm_examples,
            "unreadable": self.unreadable,
        }


def read_gold(path: Path) -> list[GoldLine]:
    """The gold lines of an annotated corpus; a malformed record is a GoldError naming its line.

    Records are separated by line feeds only: a record may hold U+2028 or other characters that
    ``str.splitlines`` would take for line breaks.
    """
    try:
        raw = read_file(str(path)).decode("utf-8-sig")
    except InputError as error:
        raise GoldError(str(error)) from None
    except UnicodeDecodeError as error:
        raise GoldError(f"{printable(str(path))}: invalid UTF-8 at byte {error.start}") from None
    gold = []
    for number, text in enumerate(raw.split("\n"), 1):
        if not text.strip():
            continue
        where = f"{printable(str(path))}:{number}"
        try:
            record = json.loads(text)
        except RecursionError:
            raise GoldError(f"{where}: not a gold record (JSON nested too deeply)") from None
        except ValueError as error:
            reason = error.msg if isinstance(error, json.JSONDecodeError) else "a number too long"
            raise GoldError(f"{where}: not a gold record (invalid JSON: {reason})") from None
        gold.append(_gold_line(record, where))
    return gold


def _gold_line(record: object, where: str) -> GoldLine:
    if not isinstance(record, dict):
        raise GoldError(f"{where}: not a gold record (a JSON object is expected)")
    file, line, errors = record.get("file"), record.get("line"), record.get("errors") or []
    if not isinstance(file, str) or not file:
        raise GoldError(f"{where}: not a gold record ('file' must be a path)")
    if isinstance(line, float) and line.is_integer():
        line = int(line)
    if not isinstance(line, int) or isinstance(line, bool) or line < 1:
        raise GoldError(f"{where}: not a gold record ('line' must be a whole number from 1)")
    if not isinstance(errors, list) or not all(
        isinstance(e, dict) and isinstance(e.get("category"), str) for e in errors
    ):
        raise GoldError(
            f"{where}: not a gold record ('errors' must be a list of objects with a 'category')"
        )
    raters: dict[str, set[str]] = defaultdict(set)
    for error in errors:
        if error["category"] not in _NOT_ERRORS:
            raters[error["category"]].add(str(error.get("rater", "")))
    return GoldLine(
        file=file,
        line=line,
        clean=bool(record.get("clean", not raters)),
        raters={k: frozenset(v) for k, v in raters.items()},
    )


def evaluate(docs: Path, gold: list[GoldLine], settings: Settings) -> Evaluation:
    """Audit the files the gold names (relative to ``docs``) and score the findings against it."""
    files = sorted({g.file for g in gold})
    paths = [str(docs / f) for f in files]
    report = audit_paths(paths, settings) if paths else None
    result = Evaluation(documents=len(files))
    if report is None:
        return result
    result.unreadable = [str(e) for e in report.errors]
    result.failures = report.failures
    by_line: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        rel = Path(finding.path).relative_to(docs).as_posix()
        result.findings_per_rule[finding.rule] += 1
        for line in range(finding.line, finding.end_line + 1):
            by_line[(rel, line)].append(finding)
    result.several_raters = len({r for g in gold for rs in g.raters.values() for r in rs}) > 1
    for g in gold:
        result.lines += 1
        findings = by_line.get((g.file, g.line), [])
        caught = bool(findings)
        result.flagged_lines += caught
        for code in sorted({f.rule for f in findings}):
            result.lines_per_rule[code] += 1
        if g.clean:
            result.clean_lines += 1
            if caught:
                result.false_alarms += 1
                result.rules_on_clean.update({f.rule for f in findings})
                first = findings[0]
                result.false_alarm_examples.append(
                    {"file": g.file, "line": g.line, "rule": first.rule, "excerpt": first.excerpt}
                )
        for category, raters in g.raters.items():
            score = result.categories.setdefault(category, CategoryScore())
            score.lines += 1
            score.caught += caught
            carried = result.rules_per_category.setdefault(category, Counter())
            carried.update({f.rule for f in findings})
            if len(raters) >= 2:
                score.agreed_lines += 1
                score.agreed_caught += caught
    return result


def render_text(result: Evaluation) -> str:
    """The evaluation as a person reads it; the last lines carry the headline figures."""
    out = [
        f"{result.documents} documents, {result.lines} gold lines, {result.flagged_lines} flagged."
    ]
    out.append("")
    header = f"{'gold category':<40} {'lines':>6} {'caught':>7} {'rate':>6}"
    if result.several_raters:
        header += f"   {'2+ raters':>9} {'caught':>7} {'rate':>6}"
    out.append(header)
    for name, s in sorted(result.categories.items(), key=lambda kv: (-kv[1].lines, kv[0])):
        row = f"{name:<40} {s.lines:>6} {s.caught:>7} {_pct(s.caught, s.lines):>6}"
        if result.several_raters:
            row += f"   {s.agreed_lines:>9} {s.agreed_caught:>7} {_pct(s.agreed_caught, s.agreed_lines):>6}"
        out.append(row)
    out.append("")
    if result.findings_per_rule:
        out.append(f"{'rule':<8} {'findings':>8} {'lines':>6} {'on clean lines':>15}")
        for code, count in sorted(result.findings_per_rule.items()):
            out.append(
                f"{code:<8} {count:>8} {result.lines_per_rule.get(code, 0):>6}"
                f" {result.rules_on_clean.get(code, 0):>15}"
            )
        out.append("")
    out.append("rules on clean lines: " + (_counts(result.rules_on_clean) or "none"))
    for example in result.false_alarm_examples:
        out.append(
            f"  {example['file']}:{example['line']}  {example['rule']}  {example['excerpt']}"
        )
    if result.unreadable:
        out.append(f"unreadable: {len(result.unreadable)} file(s)")
    out.append(
        f"false alarms on clean lines: {result.false_alarms} of {result.clean_lines} "
        f"({_pct(result.false_alarms, result.clean_lines)})"
    )
    return "\n".join(out) + "\n"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _counts(counter: Counter[str], lines: Counter[str] | None = None) -> str:
    items = sorted(counter.items())
    if lines is None:
        return ", ".join(f"{k} {v}" for k, v in items)
    return ", ".join(f"{k} {v} ({lines.get(k, 0)})" for k, v in items)
