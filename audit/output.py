"""Where a report goes: stdout, or a file written atomically so a failed run leaves no half file.

A regular file (or a path that does not exist yet) is written to a temporary file beside it and
renamed over it at the end, so a reader of the file sees the old report or the new one, never
half of one. A symbolic link is written through: the file it points to is replaced, the link
stays. A special file (``/dev/null``, ``/dev/stdout``, a FIFO) is written directly, since it
cannot be replaced. The new file keeps the mode of the file it replaces, or gets the mode the
umask gives a new file. The temporary file is removed on every way out: an error, Ctrl-C, and
SIGTERM or SIGHUP (after which the process ends as the signal would have ended it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from audit.errors import MtauditError, printable

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputError(MtauditError):
    """The report could not be written; ``str()`` names the file and the reason."""


class _Terminated(BaseException):
    """Raised in the main thread by a termination signal, so that clean-up code runs."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def open_output(output: Path | None) -> Iterator[TextIO]:
    """A text stream for the report: stdout, a special file, or a file replaced atomically.

    For a regular file, the file appears (or changes) only when the block completes; on any
    exception, or a termination signal, the temporary file is removed and ``output`` is left as
    it was.
    """
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(os.path.realpath(output))  # through symbolic links, to the file they name
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise _error(output, error) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"{printable(str(output))}: cannot write (it is a folder)")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with _direct(output) as stream:
            yield stream
        return
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _error(output, error) from None
    try:
        with _removing_on_signal():
            with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace") as stream:
                os.fchmod(stream.fileno(), mode)
                yield stream
            os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise _error(output, error) from None
    except _Terminated as terminated:
        _remove(temporary)
        _die_of(terminated.number)
    except BaseException:
        _remove(temporary)
        raise


@contextlib.contextmanager
def _direct(output: Path) -> Iterator[TextIO]:
    try:
        stream = open(output, "w", encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        raise _error(output, error) from None
    try:
        with stream:
            yield stream
    except OSError as error:
        raise _error(output, error) from None


@contextlib.contextmanager
def _removing_on_signal() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception while the block runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(number: int, frame: object) -> None:
        raise _Terminated(number)

    previous = {number: signal.signal(number, terminate) for number in _SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _die_of(number: int) -> None:
    """End the process as the signal ``number`` would have, now that clean-up is done."""
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)
    raise SystemExit(128 + number)  # pragma: no cover - reached only if the signal is blocked


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _error(output: Path, error: OSError) -> OutputError:
    return OutputError(f"{printable(str(output))}: cannot write ({error.strerror or error})")


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
