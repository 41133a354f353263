"""`mtaudit score`: sacrebleu's own numbers and signatures, segments, several systems, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest

from audit.scoring import least_agreeing, read_lines, segment_scores

FIXTURES = Path(__file__).parent / "fixtures" / "scoring"
REF, REF2 = str(FIXTURES / "ref.txt"), str(FIXTURES / "ref2.txt")
SYS_A, SYS_B = str(FIXTURES / "sysA.txt"), str(FIXTURES / "sysB.txt")


def _lines(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip() for line in handle]  # as the sacrebleu command line reads them


@pytest.mark.parametrize("refs", [[REF], [REF, REF2]])
def test_corpus_scores_and_signatures_are_sacrebleus_own(mtaudit, refs: list[str]) -> None:
    args = [a for r in refs for a in ("--ref", r)]
    result = mtaudit("score", SYS_A, *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    hyps, streams = _lines(SYS_A), [_lines(r) for r in refs]
    for key, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        expected = metric.corpus_score(hyps, streams)
        assert report[key]["score"] == expected.score
        assert report[key]["signature"] == metric.get_signature().format()


def test_options_reach_sacrebleu_and_show_in_the_signature(mtaudit) -> None:
    result = mtaudit(
        "score", SYS_A, "--ref", REF, "--metrics", "bleu,chrf", "--lowercase",
        "--tokenize", "intl", "--chrf-word-order", "2", "--format", "json",
    )  # fmt: skip
    report = json.loads(result.stdout)
    bleu = BLEU(lowercase=True, tokenize="intl")
    chrf = CHRF(word_order=2, lowercase=True)
    hyps, refs = _lines(SYS_A), [_lines(REF)]
    assert report["bleu"]["score"] == bleu.corpus_score(hyps, refs).score
    assert report["chrf"]["score"] == chrf.corpus_score(hyps, refs).score
    assert "tok:intl" in report["bleu"]["signature"] and "case:lc" in report["bleu"]["signature"]
    assert "nw:2" in report["chrf"]["signature"]
    assert "ter" not in report


def test_text_report_prints_each_score_with_its_signature(mtaudit) -> None:
    out = mtaudit("score", SYS_A, "--ref", REF).stdout
    hyps, refs = _lines(SYS_A), [_lines(REF)]
    for name, metric in (("BLEU", BLEU()), ("chrF2", CHRF()), ("TER", TER())):
        metric.corpus_score(hyps, refs)
        line = next(line for line in out.splitlines() if line.startswith(name + " "))
        assert line.endswith(metric.get_signature().format())


def test_tsv_report_has_one_row_per_metric(mtaudit) -> None:
    rows = [
        line.split("\t")
        for line in mtaudit("score", SYS_A, "-r", REF, "-f", "tsv").stdout.splitlines()
    ]
    assert rows[0] == ["rank", "system", "metric", "score", "ci", "p_value", "signature"]
    assert [r[2] for r in rows[1:]] == ["bleu", "chrf", "ter"]
    assert float(rows[1][3]) == pytest.approx(
        BLEU().corpus_score(_lines(SYS_A), [_lines(REF)]).score, abs=0.01
    )


def test_empty_lines_are_scored_as_empty_segments() -> None:
    lines = read_lines(REF)
    assert len(lines) == 6 and lines[2] == ""


def test_segments_score_chrf_and_sentence_bleu_with_effective_order() -> None:
    hyps, refs = _lines(SYS_A), [_lines(REF)]
    segments = segment_scores(hyps, refs)
    for segment, hyp, ref in zip(segments, hyps, refs[0], strict=True):
        assert segment.chrf == pytest.approx(CHRF().sentence_score(hyp, [ref]).score)
        bleu = BLEU(effective_order=True).sentence_score(hyp, [ref]).score
        assert segment.bleu == pytest.approx(bleu)


def test_least_agreeing_segments_come_first_and_skip_empty_pairs() -> None:
    segments = segment_scores(_lines(SYS_A), [_lines(REF)])
    worst = least_agreeing(segments, 2)
    assert [s.index for s in worst] == [5, 4]  # the rescue sentence, then the lakh sentence
    assert all(s.hypothesis for s in worst)


def test_segments_in_json_and_tsv_are_complete_and_text_shows_the_worst(mtaudit) -> None:
    report = json.loads(mtaudit("score", SYS_A, "-r", REF, "--segments", "-f", "json").stdout)
    assert [s["segment"] for s in report["segments"]] == [1, 2, 3, 4, 5, 6]
    tsv = mtaudit("score", SYS_A, "-r", REF, "--segments", "-f", "tsv").stdout.splitlines()
    assert len(tsv) == 7 and tsv[0].startswith("system\tsegment\tchrf\tbleu")
    text = mtaudit("score", SYS_A, "-r", REF, "--segments", "--worst", "1").stdout
    assert "The 1 segments that agree least" in text or "The 1 segment" in text
    assert "Rescue teams reached the village" in text


def test_several_systems_are_ranked_with_sacrebleus_paired_bootstrap(mtaudit) -> None:
    result = mtaudit("score", SYS_B, SYS_A, "-r", REF, "-f", "json", "--metrics", "bleu,chrf")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["baseline"] == SYS_B
    assert [s["hypothesis"] for s in report["systems"]] == [SYS_A, SYS_B]  # A is better
    test = PairedTest(
        [(SYS_B, _lines(SYS_B)), (SYS_A, _lines(SYS_A))],
        {"bleu": BLEU(), "chrf": CHRF()},
        [_lines(REF)],
        test_type="bs",
        n_samples=1000,
    )
    _, results = test()
    challenger = report["systems"][0]["bootstrap"]
    assert challenger["bleu"]["p_value"] == pytest.approx(results["BLEU"][1].p_value, abs=1e-4)
    assert challenger["chrf"]["p_value"] == pytest.approx(results["chrF2"][1].p_value, abs=1e-4)
    assert report["systems"][1]["bootstrap"]["bleu"]["p_value"] is None  # the baseline


def test_several_systems_give_the_same_report_on_every_run(mtaudit) -> None:
    first = mtaudit("score", SYS_A, SYS_B, "-r", REF, "-f", "json", "--metrics", "chrf").stdout
    assert (
        first == mtaudit("score", SYS_A, SYS_B, "-r", REF, "-f", "json", "--metrics", "chrf").stdout
    )


def test_different_line_counts_exit_2_with_both_counts(mtaudit) -> None:
    result = mtaudit("score", str(FIXTURES / "short.txt"), "-r", REF)
    assert result.returncode == 2
    assert "6 lines" in result.stderr and "2 lines" in result.stderr
    assert result.stderr.startswith("mtaudit: ") and "Traceback" not in result.stderr


def test_invalid_utf8_exits_2_naming_the_file_and_byte(mtaudit) -> None:
    result = mtaudit("score", str(FIXTURES / "bad-utf8.txt"), "-r", REF)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"mtaudit: {FIXTURES / 'bad-utf8.txt'}: invalid UTF-8 at byte 9 (b'\\xff')"
    )


def test_unknown_metric_and_missing_file_exit_2(mtaudit) -> None:
    assert mtaudit("score", SYS_A, "-r", REF, "--metrics", "meteor").returncode == 2
    result = mtaudit("score", SYS_A, "-r", "no-such-file.txt")
    assert result.returncode == 2 and "no-such-file.txt" in result.stderr
