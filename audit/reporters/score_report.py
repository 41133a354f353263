"""Reports of ``mtaudit score``: text for a person, JSON and TSV for a pipeline."""

from __future__ import annotations

import json

from audit import __version__
from audit.scoring import ScoreRun, SegmentScore, SystemResult, least_agreeing


def render_json(run: ScoreRun, segments: bool = False, worst: int = 10) -> str:
    """One object; with a single system its scores sit at the top level under ``bleu``,
    ``chrf``, ``ter``; with several, under ``systems`` (best first), each with its bootstrap test.
    """
    body: dict[str, object] = {
        "tool": "mtaudit",
        "version": __version__,
        "mode": "document" if run.document_mode else "lines",
        "references": run.references,
        "segments_scored": run.segment_count,
    }
    if len(run.systems) == 1:
        body.update(_system(run.systems[0], segments))
    else:
        body["baseline"] = run.baseline
        body["ranked_by"] = run.metrics[0]
        body["bootstrap"] = {
            "samples": run.bootstrap_samples,
            "signatures": run.bootstrap_signatures,
        }
        body["systems"] = [
            {"rank": rank, **_system(result, segments)}
            for rank, result in enumerate(run.systems, 1)
        ]
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _system(result: SystemResult, segments: bool) -> dict[str, object]:
    out: dict[str, object] = {"hypothesis": result.path}
    out.update({name: score.to_dict() for name, score in result.scores.items()})
    if result.bootstrap:
        out["bootstrap"] = {name: c.to_dict() for name, c in result.bootstrap.items()}
    if segments:
        out["segments"] = [s.to_dict() for s in result.segments]
    if result.alignment is not None:
        out["alignment"] = [
            {
                **bead.to_dict(),
                "hypothesis_text": segment.hypothesis,
                "reference_text": segment.references[0],
            }
            for bead, segment in zip(result.alignment, result.segments, strict=True)
        ]
    return out


def render_tsv(run: ScoreRun, segments: bool = False, worst: int = 10) -> str:
    """Corpus scores one a row; with segments, every segment one a row instead."""
    if segments:
        rows = [("system", "segment", "chrf", "bleu", "hypothesis", "reference")]
        for result in run.systems:
            rows.extend(
                (
                    result.path,
                    str(s.index + 1),
                    f"{s.chrf:.2f}",
                    f"{s.bleu:.2f}",
                    _cell(s.hypothesis),
                    _cell(s.references[0]),
                )
                for s in result.segments
            )
        return "".join("\t".join(row) + "\n" for row in rows)
    rows = [("rank", "system", "metric", "score", "ci", "p_value", "signature")]
    for rank, result in enumerate(run.systems, 1):
        for name, score in result.scores.items():
            test = result.bootstrap.get(name)
            rows.append(
                (
                    str(rank),
                    result.path,
                    name,
                    f"{score.score:.2f}",
                    f"{test.ci:.2f}" if test else "",
                    f"{test.p_value:.4f}" if test and test.p_value is not None else "",
                    score.signature,
                )
            )
    return "".join("\t".join(row) + "\n" for row in rows)


def _cell(text: str) -> str:
    return " ".join(text.split("\t"))


def render_text(run: ScoreRun, segments: bool = False, worst: int = 10) -> str:
    """Scores with signatures; several systems as a ranked table; the least agreeing segments."""
    refs = ", ".join(run.references)
    unit = "aligned sentence pairs" if run.document_mode else "segments"
    out = [f"references: {refs} ({run.segment_count} {unit})"]
    if len(run.systems) == 1:
        result = run.systems[0]
        out.append(f"hypothesis: {result.path}")
        out.append("")
        width = max(len(s.name) for s in result.scores.values())
        for score in result.scores.values():
            out.append(f"{score.name:<{width}}  {score.score:6.2f}  {score.signature}")
    else:
        out.extend(_ranking(run))
    for result in run.systems:
        if segments and worst > 0:
            out.append("")
            out.extend(_worst(result, worst, len(run.systems) > 1))
    if run.document_mode and run.systems[0].alignment is not None:
        merged = sum(len(b.hypothesis) + len(b.reference) > 2 for b in run.systems[0].alignment)
        unpaired = sum(not b.hypothesis or not b.reference for b in run.systems[0].alignment)
        out.append("")
        out.append(
            f"alignment: {len(run.systems[0].alignment)} pairs, {merged} merging two sentences, "
            f"{unpaired} without counterpart (see --format json)"
        )
    return "\n".join(out) + "\n"


def _ranking(run: ScoreRun) -> list[str]:
    names = [run.systems[0].scores[m].name for m in run.metrics]
    width = max(len(r.path) for r in run.systems)
    out = [
        f"baseline: {run.baseline}; paired bootstrap resampling, {run.bootstrap_samples} samples "
        f"(* p < 0.05 against the baseline)",
        "",
        f"{'rank':<5} {'system':<{width}}  " + "  ".join(f"{n:<23}" for n in names).rstrip(),
    ]
    for rank, result in enumerate(run.systems, 1):
        cells = []
        for metric in run.metrics:
            test = result.bootstrap[metric]
            mark = "baseline" if test.p_value is None else f"p={test.p_value:.4f}"
            mark += "*" if test.p_value is not None and test.p_value < 0.05 else ""
            cells.append(f"{test.score:6.2f} ±{test.ci:5.2f} {mark:<9}")
        out.append(f"{rank:<5} {result.path:<{width}}  " + "  ".join(cells).rstrip())
    out.append("")
    out.extend(f"{metric}: {signature}" for metric, signature in run.bootstrap_signatures.items())
    return out


def _worst(result: SystemResult, count: int, named: bool) -> list[str]:
    chosen = least_agreeing(result.segments, count)
    title = f"The {len(chosen)} segments that agree least with the reference"
    out = [title + (f" ({result.path})" if named else "") + ":"]
    out.extend(_segment(s) for s in chosen)
    return out


def _segment(segment: SegmentScore) -> str:
    return (
        f"  segment {segment.index + 1:<5} chrF {segment.chrf:6.2f}  BLEU {segment.bleu:6.2f}\n"
        f"    hyp: {segment.hypothesis}\n"
        f"    ref: {segment.references[0]}"
    )


RENDERERS = {"text": render_text, "json": render_json, "tsv": render_tsv}
