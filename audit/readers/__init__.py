"""Readers: turn paths (files, folders, ``-`` for stdin) into Documents, one module per format."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.document import Document
from audit.readers import html, jsonl, text, tmx, tsv, xliff
from audit.readers.jsonl import RecordError

# A reader takes the path, the decoded text and the record field names (used by record formats,
# ignored by the others) and returns the documents in the file.
Reader = Callable[[str, str, "Mapping[str, str] | None"], list[Document]]

# Extension → reader. Folders are searched for these; a file named on the command line is read
# with its extension's reader, or as plain text when the extension is unknown.
READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".jsonl": jsonl.read,
    ".tsv": tsv.read,
    ".html": html.read,
    ".htm": html.read,
    ".xlf": xliff.read,
    ".xliff": xliff.read,
    ".tmx": tmx.read,
}

STDIN = "-"


class InputError(Exception):
    """An input that could not be read; ``str()`` is the one-line message for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """One input to read: a file path, or stdin."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def discover(paths: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """Expand folders (recursively, sorted, hidden entries skipped) into the files to read."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            sources.append(Source(STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found = [Source(str(p)) for p in _walk(path)]
            if not found:
                kinds = ", ".join(sorted(READERS))
                errors.append(
                    InputError(raw, f"no files to audit in this folder (looked for {kinds})")
                )
            sources.extend(found)
        elif path.is_file():
            sources.append(Source(raw))
        elif path.exists():
            errors.append(InputError(raw, "not a regular file or folder"))
        else:
            errors.append(InputError(raw, "no such file or folder"))
    return sources, errors


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name


def read_source(source: Source, fields: Mapping[str, str] | None = None) -> list[Document]:
    """The documents in one input; raises :class:`InputError` with a one-line reason.

    ``fields`` renames the JSONL record fields (see :mod:`audit.readers.jsonl`).
    """
    if source.is_stdin:
        data = sys.stdin.buffer.read()
        return text.read("<stdin>", decode("<stdin>", data), fields)
    try:
        data = Path(source.path).read_bytes()
    except OSError as error:
        raise InputError(source.path, f"cannot read ({error.strerror or error})") from None
    reader = READERS.get(Path(source.path).suffix.lower(), text.read)
    try:
        return reader(source.path, decode(source.path, data), fields)
    except RecordError as error:
        raise InputError(source.path, str(error)) from None


def decode(path: str, data: bytes) -> str:
    """UTF-8 text with line breaks normalised to ``\\n``; binary or invalid UTF-8 is an InputError."""
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            path, f"invalid UTF-8 at byte {error.start} ({data[error.start : error.start + 1]!r})"
        ) from None
    return decoded.replace("\r\n", "\n").replace("\r", "\n")
