"""Shared fixtures: the installed command line, run as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def mtaudit_command() -> list[str]:
    """The installed ``mtaudit`` command (or ``python -m audit`` where it is not installed)."""
    installed = shutil.which("mtaudit", path=str(Path(sys.executable).parent))
    return [installed] if installed else [sys.executable, "-m", "audit"]


@pytest.fixture
def mtaudit() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed ``mtaudit`` command; returns the completed process (text mode)."""

    def run(
        *args: str, stdin: str | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1"}
        return subprocess.run(
            [*mtaudit_command(), *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or ROOT,
            env=env,
            timeout=120,
            check=False,
        )

    return run
