"""Apply rules' fixes by offsets: back to front, one rewrite a span, re-auditing until stable.

A finding whose rule declares a fix carries its suggestion: the exact text that replaces the
finding's span ("" deletes it). :func:`fix_file` applies the safe ones (and the unsafe ones when
asked) to a file's own text, keeping everything outside the fixed spans byte for byte — line
breaks (CRLF stays CRLF), a byte-order mark, and in Markdown or HTML every character of markup,
since an edit is made only where the audited text is a run of the file's text. After each
pass the text is audited again, as ruff does, until no fix is left or ``MAX_PASSES`` is reached.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.findings import Applicability, Finding
from audit.readers import READERS, decode, read_file, text
from audit.rules import Rule

MAX_PASSES = 4


class FixError(Exception):
    """A file that could not be fixed or written; ``str()`` names the file and the reason."""


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of a file's text with ``text``; ``finding`` is why."""

    start: int
    end: int
    text: str
    finding: Finding


@dataclass
class FixResult:
    """What fixing one file did: its text before and after, the fixes applied, what remains."""

    path: str
    original: str
    fixed: str
    applied: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    # The file holds records (JSONL, TSV, XLIFF): reported, never rewritten.
    read_only: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``mtaudit fix`` may apply the finding's suggestion."""
    if finding.suggestion is None or finding.fix is None:
        return False
    return finding.fix == Applicability.SAFE.value or unsafe


def choose_edits(findings: Sequence[Finding], unsafe: bool = False) -> list[Finding]:
    """The findings to fix in one pass: by position, and of overlapping ones the first only.

    The others are left for the next pass, when the text has been audited again.
    """
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        if not applicable(finding, unsafe):
            continue
        if chosen and _overlaps(chosen[-1], finding):
            continue
        chosen.append(finding)
    return chosen


def _overlaps(first: Finding, second: Finding) -> bool:
    if second.start < first.end:
        return True
    # Two insertions at one point, or an insertion at the edge of a replacement: one per pass.
    return second.start == first.end and (first.start == first.end or second.start == second.end)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with every edit applied, from the end backwards so offsets stay valid.

    A deletion that leaves its line blank removes the line, and with it one blank line that
    separated it from the text around it, so that deleting a line of furniture leaves no gap.
    """
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
        if edit.text == "" and edit.start != edit.end:
            text = _drop_emptied_line(text, edit.start)
    return text


def _drop_emptied_line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end + 1
    if text[start:end].strip():
        return text
    text = text[:start] + text[end:]
    # The line sat between two paragraphs (or at an edge): one of the blank lines goes with it.
    next_end = text.find("\n", start)
    next_line = text[start : len(text) if next_end == -1 else next_end + 1]
    previous_blank = start == 0 or not text[text.rfind("\n", 0, start - 1) + 1 : start].strip()
    if next_line and not next_line.strip() and previous_blank:
        text = text[:start] + text[start + len(next_line) :]
    elif start == len(text) and start > 0 and previous_blank:
        # The last line went: drop the blank line before it, keeping the final line break.
        before = text.rfind("\n", 0, start - 1) + 1
        if before < start and not text[before:start].strip():
            text = text[:before]
    return text


def fix_file(
    path: str,
    rules: Sequence[Rule],
    settings: Settings,
    unsafe: bool = False,
) -> FixResult:
    """Fix one file's text in memory (nothing is written); raises :class:`InputError`."""
    raw, _ = read_file_text(path)
    reader = READERS.get(Path(path).suffix.lower(), text.read)
    result = FixResult(path=path, original=raw, fixed=raw)
    for passes in range(MAX_PASSES + 1):
        documents = reader(path, _normalise(raw), settings.option("fields", None))
        findings = []
        edits: list[Edit] = []
        for document in documents:
            document.lang = settings.lang
            found = check_document(document, rules, settings)
            findings.extend(found)
            if document.record_line is not None:
                result.read_only = True
                continue
            edits.extend(_file_edits(document, raw, choose_edits(found, unsafe)))
        result.remaining = findings
        if not edits or passes == MAX_PASSES:
            break
        raw = apply_edits(raw, edits)
        result.applied.extend(edit.finding for edit in edits)
    result.fixed = raw
    return result


def _file_edits(document: Document, raw: str, findings: Sequence[Finding]) -> list[Edit]:
    """The findings' fixes as edits of the file's own text.

    A finding's offsets are the file's (with line breaks as ``\\n``). A fix whose span is not
    one stretch of audited prose (it crosses markup, or lies in code or front matter) is left
    out. Of a fix, only the part that changes is written: the characters the suggestion keeps at
    either end stay as the file spells them (a ``&amp;`` next to a repeated word stays
    ``&amp;``), and a replacement that would read as markup in a marked-up file (``<``, ``&``)
    is left to an editor.
    """
    to_raw = _RawOffsets(raw)
    file_text = document.text if document.original is None else document.original
    edits = []
    for finding in findings:
        span = document.text_span(finding.start, finding.end)
        if span is None:
            continue
        start, end, replacement = _changed_part(document, finding, span)
        if document.original is not None and ("<" in replacement or "&" in replacement):
            continue
        raw_start, raw_end = to_raw(start), to_raw(end)
        if _normalise(raw[raw_start:raw_end]) != file_text[start:end]:
            continue
        edits.append(Edit(raw_start, raw_end, replacement.replace("\n", to_raw.newline), finding))
    return edits


def _changed_part(
    document: Document, finding: Finding, span: tuple[int, int]
) -> tuple[int, int, str]:
    """The file span a fix changes and its new text: the finding's span less the characters
    the suggestion keeps at its start and end."""
    text_start, text_end = span
    audited = document.text[text_start:text_end]
    suggestion = finding.suggestion or ""
    if not suggestion:
        return finding.start, finding.end, ""
    kept = 0
    limit = min(len(audited), len(suggestion))
    while kept < limit and audited[kept] == suggestion[kept]:
        kept += 1
    tail = 0
    while tail < limit - kept and audited[len(audited) - 1 - tail] == suggestion[-1 - tail]:
        tail += 1
    changed_start, changed_end = text_start + kept, text_end - tail
    replacement = suggestion[kept : len(suggestion) - tail]
    start = finding.start if kept == 0 else document.file_offset(changed_start, end=True)
    if changed_end > changed_start:
        start = document.file_offset(changed_start)
        end = document.file_offset(changed_end, end=True)
    else:
        end = start
    return start, max(start, min(end, finding.end)), replacement


class _RawOffsets:
    """Offsets of the line-break-normalised text (what readers see) → offsets of the file's text."""

    def __init__(self, raw: str) -> None:
        # Positions, in normalised text, of the line breaks that were CRLF (one character lost).
        self._crlf: list[int] = []
        lost = 0
        index = raw.find("\r\n")
        while index != -1:
            self._crlf.append(index - lost)
            lost += 1
            index = raw.find("\r\n", index + 2)
        self.newline = "\r\n" if self._crlf and len(self._crlf) * 2 >= raw.count("\n") else "\n"

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._crlf, offset)


def _normalise(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def read_file_text(path: str) -> tuple[str, bytes]:
    """The file's text with its line breaks as they are (BOM removed), and its bytes."""
    data = read_file(path)  # a regular file, of bounded size
    decode(path, data)  # the same checks as auditing: binary, invalid UTF-8
    return data.decode("utf-8-sig"), data


def write_fixed(result: FixResult, original: bytes) -> None:
    """Write the fixed text in place of the file, atomically, keeping its mode and its BOM.

    Refused when the file changed on disk since it was read: the fix was computed on old text.
    """
    target = Path(os.path.realpath(result.path))
    try:
        if target.read_bytes() != original:
            raise FixError(f"{result.path}: changed on disk since it was read; not written")
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError as error:
        raise FixError(f"{result.path}: cannot read ({error.strerror or error})") from None
    data = result.fixed.encode("utf-8")
    if original.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise FixError(f"{result.path}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise FixError(f"{result.path}: cannot write ({error.strerror or error})") from None
        raise


def unified_diff(result: FixResult) -> str:
    """The change as a unified diff that ``git apply`` (and ``patch -p1``) accepts."""
    name = Path(result.path).as_posix()
    lines = difflib.unified_diff(
        result.original.splitlines(keepends=True),
        result.fixed.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the file's last line, which has no line break
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
