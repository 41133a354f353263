"""A report interrupted by SIGTERM leaves the old file intact (or the new one whole), nothing else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLE = (
    "Talks ended. and the envoys left , the ministry said.\n\n"
    "About 1 lakh people attended the rally in 2023 , officials said.\n\n"
    "He said. are doing so to preserve their force, but that remains to be seen.”\n"
)


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_during_the_report_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    for index in range(400):
        (news / f"{index:04}.txt").write_text(ARTICLE * 3, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("the old report\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "audit", "check", "news", "-o", "report.txt"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".report.txt.*.tmp")) and process.poll() is None:
        assert time.monotonic() < deadline, "the report was never started"
        time.sleep(0.05)
    time.sleep(0.5)  # well into the audit: the temporary file is being written
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    written = report.read_text(encoding="utf-8")
    if process.returncode == -signal.SIGTERM:
        assert written == "the old report\n"
    else:  # the audit finished before the signal came: the new report is whole
        assert process.returncode == 1, stderr
        assert written.rstrip("\n").endswith("in 400 of 400 files.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news", "report.txt"]
    assert b"Traceback" not in stderr
