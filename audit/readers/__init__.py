"""Readers: turn paths (files, folders, ``-`` for stdin) into Documents, one module per format."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audit.document import Document
from audit.errors import MtauditError, printable
from audit.globs import any_glob_matches, relative_path
from audit.lazy import LazyTable
from audit.readers import text

if TYPE_CHECKING:
    from audit.config import Settings

# A reader takes the path, the decoded text and the record field names (used by record formats,
# ignored by the others) and returns the documents in the file.
Reader = Callable[[str, str, "Mapping[str, str] | None"], list[Document]]

# Extension → reader. Folders are searched for these; a file named on the command line is read
# with its extension's reader, or as plain text when the extension is unknown. A reader's module
# is imported when the first file of its kind is read.
READERS: Mapping[str, Reader] = LazyTable(
    {
        ".txt": "audit.readers.text:read",
        ".md": "audit.readers.markdown:read",
        ".markdown": "audit.readers.markdown:read",
        ".jsonl": "audit.readers.jsonl:read",
        ".tsv": "audit.readers.tsv:read",
        ".html": "audit.readers.html:read",
        ".htm": "audit.readers.html:read",
        ".xlf": "audit.readers.xliff:read",
        ".xliff": "audit.readers.xliff:read",
        ".tmx": "audit.readers.tmx:read",
    }
)

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
    """One input to read: a file path, or stdin (``path`` is then ``-``, or the name given with
    ``--stdin-filename``, whose format the text is read in and under which it is reported)."""

    path: str
    from_stdin: bool = False

    @property
    def is_stdin(self) -> bool:
        return self.from_stdin or self.path == STDIN


@dataclass(frozen=True)
class Discovery:
    """How paths become files to audit (the configuration's ``include``, ``exclude``,
    ``respect-gitignore``; ``--diff`` and ``--stdin-filename`` on the command line).

    Globs are relative to ``root``. ``only``, when set, holds the absolute paths worth reading
    (the files changed under ``--diff``): other files are skipped, and so is a named file that
    no longer exists.
    """

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    root: str = "."
    only: frozenset[str] | None = None
    stdin_filename: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Discovery:
        return cls(
            include=settings.include,
            exclude=settings.exclude,
            respect_gitignore=settings.respect_gitignore,
            root=settings.root,
            only=None if settings.changed_lines is None else frozenset(settings.changed_lines),
            stdin_filename=settings.stdin_filename,
        )


def discover(
    paths: Sequence[str], options: Discovery | None = None
) -> tuple[list[Source], list[InputError]]:
    """Expand folders (recursively, sorted, hidden entries skipped) into the files to read.

    Inside a git repository, files that ``.gitignore`` excludes are skipped in folders (a file
    named on the command line is read); ``exclude`` globs apply to both; the same file given
    twice is read once.
    """
    options = options or Discovery()
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        key = STDIN if source.is_stdin else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for raw in paths:
        if raw == STDIN:
            add(Source(options.stdin_filename or STDIN, from_stdin=True))
            continue
        path = Path(raw)
        if _excluded(options, raw):
            continue
        if path.is_dir():
            found = [Source(str(p)) for p in _walk(path, options)]
            if not found and options.only is None:
                kinds = ", ".join(sorted(READERS))
                errors.append(
                    InputError(raw, f"no files to audit in this folder (looked for {kinds})")
                )
            for source in found:
                add(source)
        elif path.is_file():
            if options.only is None or os.path.realpath(raw) in options.only:
                add(Source(raw))
        elif options.only is not None and not path.exists():
            continue  # deleted since the ref: nothing to audit
        elif path.exists():
            errors.append(InputError(raw, f"not a regular file or folder ({_kind(raw)})"))
        else:
            errors.append(InputError(raw, "no such file or folder"))
    return sources, errors


def _excluded(options: Discovery, path: str | Path) -> bool:
    return bool(options.exclude) and any_glob_matches(
        options.exclude, relative_path(path, options.root)
    )


def _walk(folder: Path, options: Discovery | None = None) -> Iterator[Path]:
    options = options or Discovery()
    tracked = _not_ignored(folder) if options.respect_gitignore else None
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _excluded(options, Path(root) / d)
        )
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or _excluded(options, path):
                continue
            if options.include:
                if not any_glob_matches(options.include, relative_path(path, options.root)):
                    continue
            elif path.suffix.lower() not in READERS:
                continue
            if tracked is not None and path.relative_to(folder).as_posix() not in tracked:
                continue
            if options.only is not None and os.path.realpath(path) not in options.only:
                continue
            yield path


def project_files(root: str) -> list[str]:
    """Every file under ``root`` (relative, ``/``-separated) that git does not ignore, or every
    file outside hidden folders when ``root`` is not in a git repository."""
    listed = _not_ignored(Path(root))
    if listed is not None:
        return sorted(listed)
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(relative_path(Path(folder) / name, root) for name in sorted(files))
    return found


def _not_ignored(folder: Path) -> frozenset[str] | None:
    """Files under ``folder`` that git does not ignore (relative to it), or None outside git."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return frozenset(name for name in done.stdout.decode("utf-8", "replace").split("\0") if name)


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
    from audit.readers.jsonl import RecordError  # what a record reader raises on a bad line

    if source.is_stdin:
        data = _read_bounded(sys.stdin.buffer, "<stdin>", max_size)
        if source.path == STDIN:
            return text.read("<stdin>", decode("<stdin>", data), fields)
        # --stdin-filename: read in that name's format, reported under it.
    else:
        data = read_bytes(source.path, max_size)
    reader = READERS.get(Path(source.path).suffix.lower(), text.read)
    try:
        return reader(source.path, decode(source.path, data), fields)
    except RecordError as error:
        raise InputError(source.path, str(error)) from None


def is_url(path: str) -> bool:
    """Whether ``path`` names a file through fsspec (``s3://…``, ``gs://…``, ``file://…``)."""
    return "://" in path


def read_bytes(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a local regular file, or of an fsspec URL (fsspec comes with the ``dask``
    extra), at most ``max_size`` of them (0: no limit)."""
    if not is_url(path):
        return read_file(path, max_size)
    try:
        import fsspec
    except ImportError:
        raise InputError(path, "reading URLs needs fsspec: pip install 'mtaudit[dask]'") from None
    try:
        with fsspec.open(path, "rb") as handle:
            return _read_bounded(handle, path, max_size)
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None


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
