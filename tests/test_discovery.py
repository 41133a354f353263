"""Which files a CI run audits: .gitignore, duplicates, stdin under a name."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app
from audit.readers import Discovery, discover

LAKH = "Crowds gather\n\nAbout 1 lakh people came.\n"


def _paths(*args: str, stdin: str | None = None) -> list[str]:
    result = CliRunner().invoke(app, ["check", "-f", "jsonl", *args], input=stdin)
    assert result.exit_code in (0, 1), result.output
    return [json.loads(line)["path"] for line in result.stdout.splitlines()]


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(LAKH, encoding="utf-8")
    (tmp_path / "news" / "build").mkdir()
    (tmp_path / "news" / "build" / "copy.txt").write_text(LAKH, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignored_files_are_skipped_in_folders_unless_told_otherwise(desk: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=desk, check=True)
    (desk / ".gitignore").write_text("build/\n", encoding="utf-8")
    assert _paths("news") == ["news/a.txt"]
    assert _paths("--no-respect-gitignore", "news") == ["news/a.txt", "news/build/copy.txt"]
    # A file named on the command line is audited: it was asked for.
    assert _paths("news/build/copy.txt") == ["news/build/copy.txt"]


def test_outside_git_every_file_is_audited(desk: Path) -> None:
    assert _paths("news") == ["news/a.txt", "news/build/copy.txt"]


def test_the_same_file_given_twice_is_audited_once(desk: Path) -> None:
    assert _paths("news/a.txt", "./news/a.txt", "news") == ["news/a.txt", "news/build/copy.txt"]
    sources, errors = discover(["news", "news/a.txt"], Discovery())
    assert [s.path for s in sources] == ["news/a.txt", "news/build/copy.txt"] and not errors


def test_stdin_filename_reads_stdin_in_that_format_under_that_name(desk: Path) -> None:
    markdown = "# Title\n\n`1 lakh` in code, and 2 lakh in prose.\n"
    result = CliRunner().invoke(
        app, ["check", "-f", "jsonl", "--stdin-filename", "news/b.md"], input=markdown
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["path"], r["line"], r["column"], r["excerpt"]) for r in rows] == [
        ("news/b.md", 3, 23, "2 lakh")
    ]
    assert _paths("--stdin-filename", "x.txt", "-", stdin=LAKH) == ["x.txt"]


def test_no_path_at_all_is_nothing_to_audit(desk: Path) -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0
    assert result.stderr == "mtaudit: nothing to audit (no path given)\n"
