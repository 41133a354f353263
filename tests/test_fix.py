"""mtaudit fix: safe repairs by offsets, a diff by default, atomic writes, nothing else touched."""

from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import mtaudit_command

from audit import Settings
from audit.fixes import FixError, fix_file, read_file_text, write_fixed
from audit.rules import select_rules

ARTICLE = (
    "Rs 5 crore paid to flood victims\n"
    "\n"
    "The minister said.He added that 1,00,000 people , were affected.\n"
    "\n"
    "Leave a Reply\n"
    "\n"
    "Boats reached the the villages by noon.\n"
)
FIXED = (
    "Rs 50 million paid to flood victims\n"
    "\n"
    "The minister said. He added that 100,000 people, were affected.\n"
    "\n"
    "Boats reached the villages by noon.\n"
)


def _write(path: Path, text: str, newline: str = "\n", bom: bool = False) -> bytes:
    data = text.replace("\n", newline).encode("utf-8")
    if bom:
        data = codecs.BOM_UTF8 + data
    path.write_bytes(data)
    return data


def test_dry_run_prints_a_diff_and_changes_nothing(mtaudit, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    before = _write(article, ARTICLE)
    result = mtaudit("fix", str(article), "--isolated")
    assert result.returncode == 1, result.stderr
    assert article.read_bytes() == before
    assert "-Rs 5 crore paid to flood victims" in result.stdout
    assert "+Rs 50 million paid to flood victims" in result.stdout
    assert "-Leave a Reply" in result.stdout
    assert "Would fix" in result.stderr


def test_write_applies_the_safe_fixes_and_check_then_finds_none_of_them(
    mtaudit, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    _write(article, ARTICLE)
    before = {
        (f["rule"], f["excerpt"]) for f in _findings(mtaudit, article) if f.get("fix") == "safe"
    }
    assert {rule for rule, _ in before} >= {"MT101", "MT102", "MT203", "MT205", "MT301", "MT403"}
    result = mtaudit("fix", "--write", str(article), "--isolated")
    assert result.returncode == 0, result.stderr
    assert article.read_text(encoding="utf-8") == FIXED
    after = {(f["rule"], f["excerpt"]) for f in _findings(mtaudit, article)}
    assert not before & after
    again = mtaudit("fix", str(article), "--isolated")
    assert again.returncode == 0 and again.stdout == ""


def _findings(mtaudit, path: Path) -> list[dict[str, object]]:
    import json

    result = mtaudit("check", str(path), "-f", "jsonl", "--isolated", "--fail-on", "never")
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\n", True), ("\r\n", True)])
def test_text_outside_the_fixes_is_unchanged_byte_for_byte(
    tmp_path: Path, newline: str, bom: bool
) -> None:
    article = tmp_path / "a.txt"
    _write(article, ARTICLE, newline, bom)
    result = fix_file(str(article), select_rules(), Settings())
    _, original = read_file_text(str(article))
    write_fixed(result, original)
    expected = FIXED.replace("\n", newline).encode("utf-8")
    assert article.read_bytes() == (codecs.BOM_UTF8 + expected if bom else expected)


def test_unsafe_fixes_only_when_asked(mtaudit, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    _write(article, "Pension products go on sale.\n\nHe told that the vote was close.\n")
    safe = mtaudit("fix", "--write", str(article), "--isolated", "--fail-on", "never")
    assert safe.returncode == 0
    assert "unsafe fix" in safe.stderr
    assert article.read_text(encoding="utf-8").startswith("Pension products go on sale.\n")
    mtaudit("fix", "--write", "--unsafe-fixes", str(article), "--isolated")
    assert article.read_text(encoding="utf-8") == (
        "Pension products go on sale\n\nHe said that the vote was close.\n"
    )


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    _write(article, ARTICLE)
    _, original = read_file_text(str(article))
    result = fix_file(str(article), select_rules(), Settings())
    article.write_text(ARTICLE + "An editor added this line.\n", encoding="utf-8")
    with pytest.raises(FixError, match="changed on disk"):
        write_fixed(result, original)
    assert article.read_text(encoding="utf-8").endswith("An editor added this line.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_write_keeps_the_file_mode(mtaudit, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    _write(article, ARTICLE)
    article.chmod(0o640)
    mtaudit("fix", "--write", str(article), "--isolated")
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert article.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_diff_is_accepted_by_git_apply(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", ARTICLE, "\r\n")
    (tmp_path / "b.txt").write_bytes(ARTICLE.rstrip("\n").encode("utf-8"))  # no final newline
    _apply_fix_diff(tmp_path, "a.txt", "b.txt")
    assert (tmp_path / "a.txt").read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")
    assert (tmp_path / "b.txt").read_bytes() == FIXED.rstrip("\n").encode("utf-8")


def test_record_files_are_audited_but_never_rewritten(mtaudit, tmp_path: Path) -> None:
    records = tmp_path / "mt.jsonl"
    records.write_text('{"id": "1", "target": "Rs 5 crore was paid ."}\n', encoding="utf-8")
    before = records.read_bytes()
    result = mtaudit("fix", "--write", str(records), "--isolated", "--fail-on", "warning")
    assert records.read_bytes() == before
    assert result.returncode == 1


def test_unreadable_files_are_reported_and_the_rest_fixed(mtaudit, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 , here\n")
    good = tmp_path / "good.txt"
    _write(good, ARTICLE)
    result = mtaudit("fix", "--write", str(tmp_path), "--isolated")
    assert result.returncode == 2
    assert "bad.txt: invalid UTF-8" in result.stderr
    assert good.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "good.txt"]


def test_stdin_cannot_be_fixed_in_place(mtaudit) -> None:
    result = mtaudit("fix", "-", stdin="Rs 5 crore.\n")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    _write(target, ARTICLE)
    link = tmp_path / "link.txt"
    os.symlink(target, link)
    result = fix_file(str(link), select_rules(), Settings())
    _, original = read_file_text(str(link))
    write_fixed(result, original)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


MARKDOWN = """---
title: Rs 5 crore for the the flood fund
tags: [relief]
---

# Rs 5 crore paid to flood victims

The state paid Rs 5 crore to the the families, the minister said.

Run `count --total "Rs 5 crore"` or `grep "the the"` to check the ledger.

```
ledger: Rs 5 crore
note: the the
```

Leave a Reply

Boats reached the the villages by noon.
"""
MARKDOWN_FIXED = """---
title: Rs 5 crore for the the flood fund
tags: [relief]
---

# Rs 50 million paid to flood victims

The state paid Rs 50 million to the families, the minister said.

Run `count --total "Rs 5 crore"` or `grep "the the"` to check the ledger.

```
ledger: Rs 5 crore
note: the the
```

Boats reached the villages by noon.
"""

PAGE = """<!DOCTYPE html>
<html>
<head><title>Relief fund | The Ledger</title>
<script>var note = "Rs 5 crore for the the fund";</script>
</head>
<body>
<nav><a href="/" title="Rs 5 crore">Leave a Reply</a> the the menu</nav>
<article>
<h1>Rs 5 crore paid to flood victims</h1>
<p title="Rs 5 crore for the the families">Boats reached the the villages by noon.</p>
<p>Tents &amp; the the blankets reached Barmer&#8217;s camps, and Food&amp;the the water too.</p>
<p>The state paid Rs 5&nbsp;crore.</p>
<h3>Leave a Reply</h3>
</article>
</body>
</html>
"""
PAGE_FIXED = """<!DOCTYPE html>
<html>
<head><title>Relief fund | The Ledger</title>
<script>var note = "Rs 5 crore for the the fund";</script>
</head>
<body>
<nav><a href="/" title="Rs 5 crore">Leave a Reply</a> the the menu</nav>
<article>
<h1>Rs 50 million paid to flood victims</h1>
<p title="Rs 5 crore for the the families">Boats reached the villages by noon.</p>
<p>Tents &amp; the blankets reached Barmer&#8217;s camps, and Food&amp;the water too.</p>
<p>The state paid Rs 50 million.</p>
<h3></h3>
</article>
</body>
</html>
"""


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [("story.md", MARKDOWN, MARKDOWN_FIXED), ("story.html", PAGE, PAGE_FIXED)],
)
def test_markup_files_get_prose_fixes_only(tmp_path: Path, name: str, before: str, after: str):
    article = tmp_path / name
    _write(article, before)
    result = fix_file(str(article), select_rules(), Settings())
    assert {f.rule for f in result.applied} >= {"MT101", "MT403"}
    # Everything outside the fixed prose is the file's, byte for byte: front matter, code,
    # markup, attributes, scripts, navigation, and the character references next to a fix.
    assert result.fixed == after


@pytest.mark.parametrize(
    "kept",
    [
        "title: Rs 5 crore for the the flood fund\n",
        '`count --total "Rs 5 crore"` or `grep "the the"`',
        "```\nledger: Rs 5 crore\nnote: the the\n```\n",
    ],
)
def test_markdown_code_and_front_matter_are_never_fixed(tmp_path: Path, kept: str) -> None:
    article = tmp_path / "story.md"
    _write(article, MARKDOWN)
    assert kept in fix_file(str(article), select_rules(), Settings()).fixed


@pytest.mark.parametrize(
    "kept",
    [
        '<script>var note = "Rs 5 crore for the the fund";</script>',
        '<nav><a href="/" title="Rs 5 crore">Leave a Reply</a> the the menu</nav>',
        '<p title="Rs 5 crore for the the families">',
        "Tents &amp; the blankets reached Barmer&#8217;s camps",
        "Food&amp;the water",
    ],
)
def test_html_scripts_navigation_attributes_and_references_are_never_fixed(
    tmp_path: Path, kept: str
) -> None:
    article = tmp_path / "story.html"
    _write(article, PAGE)
    assert kept in fix_file(str(article), select_rules(), Settings()).fixed


def test_a_fix_over_a_whole_character_reference_replaces_it_whole(tmp_path: Path) -> None:
    article = tmp_path / "story.html"
    _write(article, "<article><h1>Relief</h1>\n<p>The state paid Rs 5&nbsp;crore.</p></article>\n")
    result = fix_file(str(article), select_rules(), Settings())
    assert result.fixed.endswith("<p>The state paid Rs 50 million.</p></article>\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_diff_of_markup_files_is_accepted_by_git_apply(tmp_path: Path) -> None:
    _write(tmp_path / "story.md", MARKDOWN)
    _write(tmp_path / "story.html", PAGE)
    _apply_fix_diff(tmp_path, "story.md", "story.html")
    assert (tmp_path / "story.md").read_text(encoding="utf-8") == MARKDOWN_FIXED
    assert (tmp_path / "story.html").read_text(encoding="utf-8") == PAGE_FIXED


def test_a_fix_that_would_cross_markup_is_left_to_an_editor(tmp_path: Path) -> None:
    page = "<article><h1>Relief</h1>\n<p>Boats reached the <em>the</em> villages.</p></article>\n"
    article = tmp_path / "story.html"
    _write(article, page)
    result = fix_file(str(article), select_rules(), Settings())
    assert any(f.rule == "MT403" for f in result.remaining)
    assert result.fixed == page


def _apply_fix_diff(folder: Path, *names: str) -> None:
    """Run ``mtaudit fix`` on ``names`` in ``folder`` and apply its diff with ``git apply``."""
    # Bytes, not text: the diff carries the files' own line breaks (CRLF included).
    diff = subprocess.run(
        [*mtaudit_command(), "fix", *names, "--isolated"],
        cwd=folder,
        capture_output=True,
        check=False,
    ).stdout
    assert diff.count(b"+++ b/") == len(names)
    (folder / "fixes.diff").write_bytes(diff)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    applied = subprocess.run(
        ["git", "apply", "fixes.diff"], cwd=folder, capture_output=True, text=True
    )
    assert applied.returncode == 0, applied.stderr
