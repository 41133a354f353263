"""Filters: what happens to a document's findings between the rules and the reports.

Each filter is a small function from findings to findings, applied in this order by
:func:`filter_findings`: inline suppression comments, unused suppressions reported (with
``--report-unused-suppressions``), per-file ignores, severity overrides, changed lines only
(``--diff``), and known findings dropped (``--baseline``). Rules stay pure functions of the
Document; everything that depends on where and how the audit runs is here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace

from audit.config import Settings
from audit.document import Document
from audit.filters.changed_lines import only_changed_lines
from audit.filters.suppressions import Suppression, apply_suppressions
from audit.findings import Finding, finding_in_file
from audit.globs import any_glob_matches, relative_path

__all__ = ["filter_findings"]


def filter_findings(
    document: Document, findings: Sequence[Finding], settings: Settings
) -> list[Finding]:
    """The findings of one document that are to be reported, in position order."""
    kept, unused = apply_suppressions(findings, document.suppressions)
    if settings.report_unused_suppressions and unused:
        unused = _about_rules_that_ran(unused, settings)
    if unused and settings.report_unused_suppressions:
        kept = sorted(
            [*kept, *(_unused_finding(document, s) for s in unused)],
            key=lambda f: (f.start, f.end, f.rule),
        )
    kept = ignore_per_file(kept, settings)
    kept = override_severity(kept, settings)
    kept = only_changed_lines(kept, settings.changed_lines)
    if settings.baseline is None:
        return kept
    from audit.filters.baseline import without_known_findings  # with --baseline only

    return without_known_findings(kept, settings.baseline)


def ignore_per_file(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Findings not silenced by ``per-file-ignores`` (glob → rule selectors)."""
    if not findings or not settings.per_file_ignores:
        return findings
    relative = relative_path(findings[0].path, settings.root)
    selectors = [
        selector
        for glob, codes in settings.per_file_ignores.items()
        if any_glob_matches([glob], relative)
        for selector in codes
    ]
    if not selectors:
        return findings
    from audit.rules import find_rule

    def ignored(finding: Finding) -> bool:
        rule = find_rule(finding.rule)
        return rule is not None and any(rule.matches(s) for s in selectors)

    return [f for f in findings if not ignored(f)]


def override_severity(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Findings with the severity ``[tool.mtaudit.severity]`` gives their rule."""
    if not settings.severity:
        return findings
    return [
        replace(f, severity=settings.severity[f.rule]) if f.rule in settings.severity else f
        for f in findings
    ]


def _about_rules_that_ran(suppressions: list[Suppression], settings: Settings) -> list[Suppression]:
    """The suppressions naming a rule that ran (or none): a comment about a rule left out by
    ``--select`` or the locale could not have silenced anything, and is not stale."""
    from audit.rules import select_rules

    ran = [
        r
        for r in select_rules(settings.select, settings.ignore)
        if r.code not in settings.rules_off_by_locale
    ]
    return [
        s for s in suppressions if not s.codes or any(r.matches(c) for r in ran for c in s.codes)
    ]


def _unused_finding(document: Document, suppression: Suppression) -> Finding:
    from audit.rules import find_rule

    rule = find_rule("MT009")
    assert rule is not None
    start, end = suppression.comment
    what = ", ".join(suppression.codes) or "any rule"
    return finding_in_file(
        document,
        rule,
        start,
        end,
        f"This suppression comment ({suppression.verb} {what}) silenced no finding.",
        suggestion="Remove the comment.",
    )


def normalised_path(path: str) -> str:
    """A finding's path as baselines and diffs compare it: relative to the working folder."""
    return relative_path(path, os.getcwd())
