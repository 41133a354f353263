"""Baseline: the findings an archive already has, so that CI reports only new ones.

``mtaudit check --write-baseline FILE`` records every finding; ``--baseline FILE`` then drops
the findings recorded there. A finding is known by its file, its rule and the text around it
(the offending text and up to 40 characters either side on its line), never by its line
number: paragraphs inserted above it or edits elsewhere in the article leave it known, and a
finding that is fixed simply no longer occurs. When the same text occurs several times, the
baseline counts it, so that one more occurrence is one new finding.

The file is JSON, one finding a line-group, sorted, so that it diffs well in git.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from functools import cache

from audit._json import dumps
from audit.findings import Finding

VERSION = 1

Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the reason."""


def finding_key(finding: Finding) -> Key:
    """What identifies a finding across edits: its path, rule and the text around it."""
    from audit.filters import normalised_path

    before = finding.before.lstrip("…")
    after = finding.after.rstrip("…")
    context = " ".join(f"{before}[{finding.excerpt}]{after}".split())
    return normalised_path(finding.path), finding.rule, context


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file's text for these findings."""
    counted = Counter(finding_key(f) for f in findings)
    entries = [
        {"path": path, "rule": rule, "context": context, "count": count}
        for (path, rule, context), count in sorted(counted.items())
    ]
    document = {"version": VERSION, "findings": entries}
    return dumps(document, indent=2) + "\n"


def load_baseline(path: str) -> dict[Key, int]:
    """The known findings of a baseline file, counted; BaselineError when it is unusable."""
    try:
        stamp = os.stat(path)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline ({error.strerror})") from None
    # Read once per process (every file of an audit consults it), again if the file changes.
    return _load(path, stamp.st_mtime_ns, stamp.st_size)


@cache
def _load(path: str, mtime: int, size: int) -> dict[Key, int]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {error})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(
            f'{path}: not a baseline file (expected a JSON object with "version": {VERSION}; '
            "write one with --write-baseline)"
        )
    known: dict[Key, int] = {}
    for number, entry in enumerate(data.get("findings", []), 1):
        try:
            key = (str(entry["path"]), str(entry["rule"]), str(entry["context"]))
            known[key] = known.get(key, 0) + int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise BaselineError(
                f'{path}: baseline entry {number} needs "path", "rule" and "context"'
            ) from None
    return known


def without_known_findings(findings: list[Finding], baseline: str | None) -> list[Finding]:
    """The findings the baseline file does not record (all of them without a baseline)."""
    if baseline is None or not findings:
        return findings
    remaining = dict(load_baseline(baseline))
    kept = []
    for finding in findings:
        key = finding_key(finding)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    return kept
