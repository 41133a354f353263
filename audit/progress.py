"""A one-line progress report on stderr for long audits: files done, files a second, findings.

It appears only once a run has lasted a moment (a short CI check never shows it), only when
stderr is a terminal (a log or a pipe gets nothing) and never in the report itself. When the report
goes to the same terminal, the line is wiped before each write and drawn again after, so the two
never mix.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

# Seconds before the line first appears; MTAUDIT_PROGRESS_DELAY changes it (0: at once).
_DELAY = 1.0
_INTERVAL = 0.1  # seconds between redraws
_ERASE = "\r\x1b[K"


class ProgressLine:
    """Counts results as they stream past and keeps a status line on ``stream`` up to date."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        delay: float | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.delay = _default_delay() if delay is None else delay
        self.files = 0
        self.findings = 0
        self.started = time.monotonic()
        self._drawn_at: float | None = None
        self._shown = False

    def add(self, files: int, findings: int) -> None:
        """Count ``files`` more inputs done and ``findings`` more findings; redraw if it is time."""
        self.files += files
        self.findings += findings
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay:
            return
        if self._drawn_at is None or now - self._drawn_at >= _INTERVAL or not self._shown:
            self._draw(now)

    def wipe(self) -> None:
        """Clear the line, before something else is written to the same terminal."""
        if self._shown:
            self.stream.write(_ERASE)
            self.stream.flush()
            self._shown = False

    def close(self) -> None:
        """Remove the line for good at the end of the run."""
        self.wipe()

    def status(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        minutes, seconds = divmod(int(elapsed), 60)
        return (
            f"mtaudit: {self.files:,} files  {self.files / elapsed:,.1f} files/s  "
            f"{self.findings:,} findings  {minutes}:{seconds:02}"
        )

    def _draw(self, now: float) -> None:
        self.stream.write(_ERASE + self.status(now))
        self.stream.flush()
        self._drawn_at = now
        self._shown = True


def _default_delay() -> float:
    try:
        return float(os.environ.get("MTAUDIT_PROGRESS_DELAY", _DELAY))
    except ValueError:
        return _DELAY


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def same_terminal(first: TextIO, second: TextIO) -> bool:
    """Whether two streams write to the same terminal (then writes to one must wipe the other)."""
    try:
        return first.isatty() and second.isatty()
    except (AttributeError, ValueError):
        return False
