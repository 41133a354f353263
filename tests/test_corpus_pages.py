"""The corpus of MT-style web pages and vendor files: gold lines point into the files as written."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

CORPORA = ROOT / "corpora"


def test_every_gold_error_line_of_the_pages_is_flagged_and_no_clean_line_is(mtaudit) -> None:
    result = mtaudit("check", "-f", "jsonl", "corpora/mt-pages")
    assert result.returncode == 1, result.stderr
    flagged = set()
    for line in result.stdout.splitlines():
        finding = json.loads(line)
        path = Path(finding["path"]).relative_to("corpora").as_posix()
        flagged.update((path, n) for n in range(finding["line"], finding["end_line"] + 1))
    gold = [
        json.loads(line)
        for line in (CORPORA / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    pages = [g for g in gold if str(g["file"]).startswith("mt-pages/")]
    assert {Path(g["file"]).suffix for g in pages} == {".html", ".xlf"}
    missed = [g["line"] for g in pages if not g["clean"] and (g["file"], g["line"]) not in flagged]
    false_alarms = [g["line"] for g in pages if g["clean"] and (g["file"], g["line"]) in flagged]
    assert missed == []
    assert false_alarms == []
