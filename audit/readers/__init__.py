"""Readers: turn paths (files, folders, ``-`` for stdin) into Documents, one module per format."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.document import Document
from audit.errors import MtauditError, printable
from audit.readers import jsonl, text, tsv
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
}

STDIN = "-"

# The largest input read, in bytes: an article is a few kilobytes, a big JSONL batch some
# megabytes; past this, a file is more likely a mistake (a disk image, a log, /dev/zero behind a
# symlink) than text to audit, and reading it whole could exhaust memory.
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
_CHUNK = 1 << 20


class InputError(MtauditError):
    """An input that could not be read; ``str()`` is the one-line message for the user.

    The path is shown with control characters escaped, so that a file name cannot forge lines.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable(path)}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from both fields when it crosses from a worker process to the parent.
        return (type(self), (self.path, self.reason))


@dataclass(frozen=True)
class Source:
    """One input to read: a file path, or stdin."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def discover(paths: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """Expand folders (recursively, sorted, hidden entries skipped) into the files to read.

    A path given twice (or a file also found in a folder given) is read once, at its first place;
    so is stdin, which can be read only once. Whether each file is a regular file is checked when
    it is read (:func:`read_source`), the same way for named and discovered files.
    """
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        key = source.path if source.is_stdin else os.path.normpath(source.path)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for raw in paths:
        if raw == STDIN:
            add(Source(STDIN))
            continue
        path = Path(raw)
        if path.is_dir():
            found = [Source(str(p)) for p in _walk(path)]
            if not found:
                kinds = ", ".join(sorted(READERS))
                errors.append(
                    InputError(raw, f"no files to audit in this folder (looked for {kinds})")
                )
            for source in found:
                add(source)
        elif path.is_file():
            add(Source(raw))
        elif path.exists():
            errors.append(InputError(raw, f"not a regular file or folder ({_kind(raw)})"))
        else:
            errors.append(InputError(raw, "no such file or folder"))
    return sources, errors


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name


def read_source(
    source: Source,
    fields: Mapping[str, str] | None = None,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
) -> list[Document]:
    """The documents in one input; raises :class:`InputError` with a one-line reason.

    ``fields`` renames the JSONL record fields (see :mod:`audit.readers.jsonl`). Only regular
    files are read (a FIFO would block, a device never end), and no more than ``max_size`` bytes
    (0: no limit).
    """
    if source.is_stdin:
        data = _read_bounded(sys.stdin.buffer, "<stdin>", max_size)
        return text.read("<stdin>", decode("<stdin>", data), fields)
    data = read_file(source.path, max_size)
    reader = READERS.get(Path(source.path).suffix.lower(), text.read)
    try:
        return reader(source.path, decode(source.path, data), fields)
    except RecordError as error:
        raise InputError(source.path, str(error)) from None


def read_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a regular file, at most ``max_size`` of them (0: no limit).

    The file is opened without blocking and checked after opening, so that a FIFO, a device or a
    symlink to one is refused without waiting and without a race between check and read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(
                path, f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'special')})"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return _read_bounded(handle, path, max_size)
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    finally:
        os.close(descriptor)


def _read_bounded(handle: object, path: str, max_size: int) -> bytes:
    """Read to the end, or fail as soon as more than ``max_size`` bytes have come."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if max_size and total > max_size:
            raise InputError(
                path,
                f"larger than the {_size(max_size)} limit (raise it with --max-file-size or the "
                "max-file-size setting)",
            )
        chunks.append(chunk)


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _kind(path: str) -> str:
    try:
        return _KINDS.get(stat.S_IFMT(os.stat(path).st_mode), "special")
    except OSError:
        return "special"


def _size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} bytes"


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
