"""Changed lines only: with ``--diff REF``, findings on lines added or modified since REF.

For a large archive where a pull request touches one article: ``git diff -U0 REF`` gives the
changed lines of each file (its hunks' ``+start,count``), and a finding is kept when one of its
lines is among them. Files that did not change have no finding reported (and are not read).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from audit.findings import Finding
from audit.lazy import lazy_compile

_FILE = lazy_compile(r"^\+\+\+ (?:b/(?P<path>.*)|/dev/null)$")
_HUNK = lazy_compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


class DiffError(Exception):
    """``--diff`` cannot be used here; the message says why in one line."""


def changed_lines_since(ref: str, cwd: str | None = None) -> dict[str, frozenset[int]]:
    """Absolute path → the line numbers added or modified since ``ref`` (working tree included)."""
    top = _git(["rev-parse", "--show-toplevel"], cwd, "--diff needs a git repository")
    diff = _git(
        ["-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", ref, "--"],
        cwd,
        f"--diff {ref}",
    )
    return parse_unified_diff(diff, top.strip())


def parse_unified_diff(diff: str, top: str) -> dict[str, frozenset[int]]:
    """The added or modified lines of each file of a ``-U0`` unified diff (paths under ``top``)."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.split("\n"):
        file_header = _FILE.match(line)
        if file_header:
            path = file_header["path"]
            current = None if path is None else changed.setdefault(_absolute(top, path), set())
            continue
        hunk = _HUNK.match(line)
        if hunk and current is not None:
            start = int(hunk["start"])
            count = 1 if hunk["count"] is None else int(hunk["count"])
            current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def _absolute(top: str, path: str) -> str:
    return os.path.realpath(Path(top) / path)


def only_changed_lines(
    findings: list[Finding], changed: dict[str, frozenset[int]] | None
) -> list[Finding]:
    """The findings on changed lines (all of them when ``changed`` is None)."""
    if changed is None or not findings:
        return findings
    lines = changed.get(os.path.realpath(findings[0].path), frozenset())
    return [f for f in findings if any(n in lines for n in range(f.line, f.end_line + 1))]


def _git(args: list[str], cwd: str | None, what: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except OSError as error:
        raise DiffError(f"{what}: cannot run git ({error.strerror})") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        if "not a git repository" in reason.lower():
            reason = "not inside a git repository"
        raise DiffError(f"{what}: {reason}")
    return done.stdout
