"""Every command and configuration example in the README works from a fresh checkout.

Shell blocks (``sh``) run line by line and ``$`` lines of ``console`` blocks run as written, in a
copy of the checkout's data folders beside ``../shared``; a command passes when it exits 0 or 1
(1 is "findings", the point of many examples) and prints no traceback. TOML blocks are pasted
into the file they name and must load and audit. A block is marked by an HTML comment on the
line before it:

- ``<!-- test: skip (why) -->``: not a runnable command (a synopsis, an installation);
- ``<!-- test: needs-shared -->``: reads ``../shared``, skipped when it is absent;
- ``<!-- test: needs-formats sarif github -->``: skipped until those report formats exist;
- ``<!-- test: config mtaudit.toml -->``: the file a TOML block goes in (default: a block that
  starts with ``[tool.mtaudit]`` goes in both ``pyproject.toml`` and ``mtaudit.toml``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from audit.reporters import REPORTERS

_BLOCK = re.compile(
    r"(?:<!-- test: (?P<marker>[^>]*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)
_COPIED = ("benchmarks", "corpora", "examples", "tests/fixtures")


def _blocks(*languages: str) -> list[object]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(readme):
        if match["lang"] not in languages:
            continue
        line = readme.count("\n", 0, match.start("body"))
        marker = match["marker"] or ""
        found.append(pytest.param(match["body"], marker, id=f"README.md:{line}"))
    return found


def _skip_for(marker: str) -> None:
    if marker.startswith("skip"):
        pytest.skip(marker)
    if marker.startswith("needs-shared") and not SHARED.is_dir():
        pytest.skip("needs ../shared")
    if marker.startswith("needs-formats"):
        missing = [f for f in marker.split()[1:] if f not in REPORTERS]
        if missing:
            pytest.skip(f"report formats not available yet: {', '.join(missing)}")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the checkout's data, with ``../shared`` beside it when it exists."""
    folder = tmp_path / "mtaudit"
    for name in _COPIED:
        shutil.copytree(ROOT / name, folder / name)
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    return folder


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_folder = str(Path(sys.executable).parent)
    env = {**os.environ, "NO_COLOR": "1", "PATH": bin_folder + os.pathsep + os.environ["PATH"]}
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )


def _commands(body: str, console: bool) -> list[str]:
    # A line ending in a backslash goes on on the next line, as the shell reads it.
    body = body.replace("\\\n", "")
    if console:
        return [line[2:] for line in body.splitlines() if line.startswith("$ ")]
    return [
        line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]


# ../shared/human-news holds one article saved as Latin-1: mtaudit reports it as unreadable
# (exit 2) and audits the rest, which is what the README's commands over that folder show.
_UNREADABLE_SHARED = re.compile(r"mtaudit: \.\./shared/\S+: invalid UTF-8 at byte \d+ .*")


def _ran(done: subprocess.CompletedProcess[str], marker: str) -> bool:
    if done.returncode in (0, 1):
        return True
    lines = done.stderr.splitlines()
    return (
        marker == "needs-shared"
        and done.returncode == 2
        and bool(lines)
        and all(_UNREADABLE_SHARED.fullmatch(line) for line in lines)
    )


@pytest.mark.parametrize(("body", "marker"), _blocks("sh", "console"))
def test_readme_command_runs_from_a_fresh_checkout(body: str, marker: str, checkout: Path) -> None:
    _skip_for(marker)
    console = any(line.startswith("$ ") for line in body.splitlines())
    for command in _commands(body, console):
        done = _run(command, checkout)
        assert _ran(done, marker), f"{command}\n{done.stderr}"
        assert "Traceback" not in done.stderr, f"{command}\n{done.stderr}"


@pytest.mark.parametrize(("body", "marker"), _blocks("toml"))
def test_readme_configuration_works_pasted_into_the_file_it_names(
    body: str, marker: str, checkout: Path
) -> None:
    _skip_for(marker)
    if marker.startswith("config "):
        files = [marker.split()[1]]
    elif body.lstrip().startswith("[tool.mtaudit]"):
        files = ["pyproject.toml", "mtaudit.toml"]
    else:
        files = ["mtaudit.toml"]
    for name in files:
        (checkout / name).write_text(body, encoding="utf-8")
        shown = _run("mtaudit config", checkout)
        assert shown.returncode == 0, f"{name}: {shown.stderr}"
        assert f"# configuration file: {checkout / name}" in shown.stdout
        audited = _run("mtaudit check corpora/mt-news --fail-on never", checkout)
        assert audited.returncode == 0, f"{name}: {audited.stderr}"
        (checkout / name).unlink()


def _check_options() -> set[str]:
    import typer.main

    from audit.cli import app

    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}


@pytest.mark.parametrize(("body", "marker"), _blocks("yaml"))
def test_readme_ci_recipes_are_yaml_and_use_only_real_options(body: str, marker: str) -> None:
    yaml = pytest.importorskip("yaml")
    document = yaml.safe_load(body)
    assert document, "empty YAML block"
    options = _check_options()
    commands = re.findall(r"mtaudit check[^\n]*", body)
    for command in commands:
        for word in re.findall(r"(?<=\s)--?[a-z][\w-]*", command):
            assert word in options, f"{word} is not an option of mtaudit check: {command}"
        formats = re.findall(r"(?:-f|--format) (\w+)", command)
        missing = [f for f in formats if f not in REPORTERS]
        if missing:
            pytest.skip(f"report formats not available yet: {', '.join(missing)}")


def test_pre_commit_hook_runs_mtaudit_check_on_articles() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["mtaudit"]
    hook = hooks[0]
    assert hook["entry"] == "mtaudit check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("news/a.md") and files.search("b.markdown") and files.search("c.txt")
    assert not files.search("setup.py")


def test_every_block_that_reads_the_shared_data_is_marked() -> None:
    # Unmarked, such a block fails wherever the checkout has no ../shared beside it.
    unmarked = [
        param.id
        for param in _blocks("sh", "console")
        if "../shared" in param.values[0]
        and not param.values[1].startswith(("needs-shared", "skip"))
    ]
    assert unmarked == []
