"""The project's own corpora, audited by the installed command line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

CORPORA = ROOT / "corpora"


def _gold() -> list[dict[str, object]]:
    return [
        json.loads(line)
        for line in (CORPORA / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def _flagged_lines(stdout: str) -> set[tuple[str, int]]:
    flagged = set()
    for line in stdout.splitlines():
        finding = json.loads(line)
        path = Path(finding["path"]).relative_to("corpora").as_posix()
        flagged.update((path, n) for n in range(finding["line"], finding["end_line"] + 1))
    return flagged


def test_every_gold_error_line_is_flagged_and_no_clean_line_is(mtaudit) -> None:
    result = mtaudit("check", "-f", "jsonl", "corpora/mt-news", "corpora/mt-families")
    assert result.returncode == 1
    flagged = _flagged_lines(result.stdout)
    audited = [g for g in _gold() if str(g["file"]).startswith(("mt-news/", "mt-families/"))]
    missed = [
        f"{g['file']}:{g['line']}"
        for g in audited
        if not g["clean"] and (g["file"], g["line"]) not in flagged
    ]
    false_alarms = [
        f"{g['file']}:{g['line']}"
        for g in audited
        if g["clean"] and (g["file"], g["line"]) in flagged
    ]
    assert missed == []
    assert false_alarms == []


def test_clean_articles_give_no_finding_at_all(mtaudit) -> None:
    result = mtaudit("check", "-f", "jsonl", "--fail-on", "info", "corpora/clean-news")
    assert result.stdout == ""
    assert result.returncode == 0


def test_gold_texts_match_the_corpus_files() -> None:
    for g in _gold():
        lines = (CORPORA / str(g["file"])).read_text(encoding="utf-8").split("\n")
        if lines != [""]:
            assert lines[int(g["line"]) - 1] == g["text"], f"{g['file']}:{g['line']}"
