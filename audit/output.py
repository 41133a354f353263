"""Where a report goes: stdout, or a file written atomically so a failed run leaves no half file."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The report could not be written; ``str()`` names the file and the reason."""


@contextlib.contextmanager
def open_output(output: Path | None) -> Iterator[TextIO]:
    """A text stream for the report: stdout, or a temporary file renamed over ``output`` at the end.

    The file appears only when the block completes; on any exception the temporary file is
    removed and ``output`` is left as it was.
    """
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = output.parent if str(output.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"{output}: cannot write ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            yield stream
        os.replace(temporary, output)
    except OSError as error:
        _remove(temporary)
        raise OutputError(f"{output}: cannot write ({error.strerror or error})") from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
