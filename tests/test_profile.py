"""mtaudit check --profile: a table of time per rule on stderr; the report is unchanged."""

from __future__ import annotations

from pathlib import Path

from audit.rules import select_rules

ARTICLE = "Talks ended. and the envoys left.\n\nAbout 1 lakh people attended.\n"


def test_profile_lists_every_rule_run_on_stderr_only(mtaudit, tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"a{index}.txt").write_text(ARTICLE, encoding="utf-8")
    plain = mtaudit("check", "-f", "jsonl", "--select", "MT1,MT2", str(tmp_path))
    for jobs in ("1", "2"):
        profiled = mtaudit(
            "check", "-f", "jsonl", "--select", "MT1,MT2", "--profile", "-j", jobs, str(tmp_path)
        )
        assert profiled.stdout == plain.stdout
        rows = profiled.stderr.splitlines()
        codes = {row.split()[0] for row in rows[1:] if row.startswith("MT")}
        assert codes == {r.code for r in select_rules(["MT1", "MT2"])}
        assert any("(segmentation)" in row for row in rows)
        assert rows[-1].split()[0] == "total"
    assert "segmentation" not in plain.stderr
