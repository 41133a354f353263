"""--diff REF: findings on lines changed since REF only, in a temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app
from audit.filters.changed_lines import parse_unified_diff

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

OLD = "Relief arrives\n\nAbout 1 lakh people left.\n\nThe river fell.\n"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Desk", "-c", "user.email=desk@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _check(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(app, ["check", "-f", "jsonl", "--fail-on", "warning", *args])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, rows, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "relief.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "news" / "old.txt").write_text("Archive: 3 lakh in 2010.\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "archive")
    return tmp_path


def test_only_findings_on_added_or_modified_lines_are_reported(repo: Path) -> None:
    (repo / "news" / "relief.txt").write_text(
        "Relief arrives\n\nAbout 1 lakh people left.\n\nThe river fell by 2 lakh litres.\n"
    )
    code, rows, _ = _check("news", "--diff", "HEAD")
    assert code == 1
    assert [(r["path"], r["line"], r["excerpt"]) for r in rows] == [
        ("news/relief.txt", 5, "2 lakh")
    ]


def test_unchanged_files_report_nothing(repo: Path) -> None:
    assert _check("news", "--diff", "HEAD")[:2] == (0, [])


def test_committed_changes_since_a_ref_count(repo: Path) -> None:
    (repo / "news" / "new.txt").write_text("Headline\n\nAbout 4 lakh came.\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "new article")
    code, rows, _ = _check("news", "--diff", "HEAD~1")
    assert code == 1
    assert [(r["path"], r["line"]) for r in rows] == [("news/new.txt", 3)]


def test_a_deleted_file_named_is_an_error_only_without_diff(repo: Path) -> None:
    (repo / "news" / "old.txt").unlink()
    assert _check("news/old.txt", "--diff", "HEAD")[0] == 0
    code, _, stderr = _check("news/old.txt")
    assert code == 2 and "news/old.txt: no such file or folder" in stderr


def test_no_path_is_nothing_to_audit(repo: Path) -> None:
    code, rows, stderr = _check("--diff", "HEAD")
    assert (code, rows) == (0, [])
    assert "nothing to audit" in stderr


def test_outside_a_git_repository_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (outside / "a.txt").write_text("About 1 lakh.\n", encoding="utf-8")
    code, _, stderr = _check("a.txt", "--diff", "main")
    assert code == 2
    assert stderr.strip() == "mtaudit: --diff needs a git repository: not inside a git repository"


def test_an_unknown_ref_is_a_usage_error(repo: Path) -> None:
    code, _, stderr = _check("news", "--diff", "no-such-ref")
    assert code == 2 and stderr.startswith("mtaudit: --diff no-such-ref:")
    assert len(stderr.splitlines()) == 1


def test_hunks_of_a_zero_context_diff() -> None:
    diff = (
        "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n"
        "@@ -3 +3 @@\n-x\n+y\n@@ -10,0 +11,2 @@\n+p\n+q\n@@ -20,2 +21,0 @@\n-r\n-s\n"
        "diff --git a/gone.md b/gone.md\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n"
    )
    changed = parse_unified_diff(diff, "/repo")
    assert changed == {"/repo/a.md": frozenset({3, 11, 12})}
