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


def test_each_input_gets_its_own_timings_even_audited_in_threads(tmp_path: Path) -> None:
    # A Dask worker audits several inputs at once in threads: no rule's time may land in
    # another input's timings, and the wrapped rules are made once, not for every input.
    from concurrent.futures import ThreadPoolExecutor

    from audit.config import Settings
    from audit.engine import _timed, audit_source
    from audit.readers import Source

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 50, encoding="utf-8")
    numbers, boundaries = select_rules(["MT1"]), select_rules(["MT2"])
    assert _timed(numbers) is _timed(list(numbers))
    settings = Settings(profile=True)
    jobs = [numbers if index % 2 else boundaries for index in range(40)]
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda rules: audit_source(Source(str(article)), settings, rules), jobs)
        )
    for rules, result in zip(jobs, results, strict=True):
        timed = {code for code in result.timings if code.startswith("MT")}
        assert timed == {r.code for r in rules}
        assert result.timings["reading"] >= 0
