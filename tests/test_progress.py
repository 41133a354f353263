"""The progress line: on a terminal's stderr after a moment, never in the report, never piped."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from audit.progress import ProgressLine

ARTICLE = "Talks ended. and the envoys left.\n\nAbout 1 lakh people attended.\n"


def test_the_line_counts_files_and_findings_and_is_wiped_at_the_end() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream, enabled=True, delay=0)
    line.add(1, 3)
    line.add(1, 2)
    shown = stream.getvalue()
    assert "mtaudit: 1 files" in shown and "3 findings" in shown and "files/s" in shown
    line.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_nothing_is_drawn_before_the_delay_or_when_disabled() -> None:
    stream = io.StringIO()
    ProgressLine(stream, enabled=True, delay=60).add(5, 5)
    ProgressLine(stream, enabled=False, delay=0).add(5, 5)
    assert stream.getvalue() == ""


def _folder(tmp_path: Path) -> Path:
    for index in range(6):
        (tmp_path / f"a{index}.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _run_with_terminal_stderr(*args: str) -> tuple[str, str]:
    """Run mtaudit with stderr on a pseudo-terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    env = {**os.environ, "MTAUDIT_PROGRESS_DELAY": "0", "NO_COLOR": "1", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "audit", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(follower)
    stderr = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal is closed once the process ends
            break
        if not chunk:
            break
        stderr += chunk
    stdout = process.stdout.read() if process.stdout else b""
    process.wait(timeout=120)
    os.close(leader)
    return stdout.decode("utf-8"), stderr.decode("utf-8", "replace")


def test_a_terminal_gets_the_line_and_the_report_stays_clean(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    stdout, stderr = _run_with_terminal_stderr("check", "-f", "jsonl", str(folder))
    assert "files/s" in stderr and "findings" in stderr
    assert "files/s" not in stdout and "\r" not in stdout and "\x1b" not in stdout
    quiet_stdout, quiet_stderr = _run_with_terminal_stderr(
        "check", "-f", "jsonl", "--quiet", str(folder)
    )
    assert quiet_stdout == stdout
    assert "files/s" not in quiet_stderr


def test_piped_stderr_gets_no_line(mtaudit, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MTAUDIT_PROGRESS_DELAY", "0")
    result = mtaudit("check", str(_folder(tmp_path)))
    assert "files/s" not in result.stderr and "\r" not in result.stderr
    forced = mtaudit("check", "--progress", "-f", "jsonl", str(tmp_path))
    assert "files/s" in forced.stderr
    assert "files/s" not in forced.stdout
