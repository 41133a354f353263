"""Does ranking MT systems by artifact penalty agree with ranking them by human MQM scores?

For each split of the MQM development data (``../shared/mqm-dev``: the whole set, ``tune/`` and
``check/``) the script audits every ``SYSTEM__DOC.txt`` document, sums each system's artifact
penalty (error 5, warning 1, info 0.1) per 1,000 words, computes each system's MQM score from the
raters' annotations with the standard weights, and prints Kendall's tau between the two rankings.

MQM scores (Freitag et al., 2021): a Major error weighs 5, a Minor one 1; Non-translation 25;
a Minor Fluency/Punctuation error 0.1; the quality-control markers (``Found``) and source issues
weigh 0. A segment's score is the sum over its raters divided by the number of raters (three
per segment in this set); a system's score is the average over its segments. Lower is better
for both measures, so a positive tau means the penalty ranks the systems as the raters do.

    python benchmarks/penalty_vs_mqm.py [--shared ../shared] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path

from audit.config import Settings
from audit.engine import audit_stream
from audit.summary import penalty

RATERS_PER_SEGMENT = 3
_NO_WEIGHT = {"Found", "Source issue"}


def mqm_weight(category: str, severity: str) -> float:
    """The standard MQM weight of one rater's error annotation."""
    if category in _NO_WEIGHT or severity not in ("Major", "Minor"):
        return 0.0
    if category.startswith("Non-translation"):
        return 25.0
    if severity == "Major":
        return 5.0
    return 0.1 if category == "Fluency/Punctuation" else 1.0


def mqm_system_scores(gold: Path) -> dict[str, float]:
    """Each system's MQM score: per-segment weighted errors over raters, averaged over segments."""
    totals: dict[str, float] = defaultdict(float)
    segments: dict[str, int] = defaultdict(int)
    with gold.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            weight = sum(mqm_weight(e["category"], e["severity"]) for e in record["errors"])
            totals[record["system"]] += weight / RATERS_PER_SEGMENT
            segments[record["system"]] += 1
    return {system: totals[system] / segments[system] for system in totals}


def penalty_system_scores(docs: Path, jobs: int) -> dict[str, float]:
    """Each system's artifact penalty per 1,000 words, over all its documents."""
    words: dict[str, int] = defaultdict(int)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for result in audit_stream([str(docs)], Settings(jobs=jobs)):
        for document in result.documents:
            system = Path(document.path).name.split("__", 1)[0]
            words[system] += document.words
            for finding in document.findings:
                counts[system][("error", "warning", "info").index(finding.severity)] += 1
    return {system: penalty(*counts[system]) * 1000 / words[system] for system in words}


def kendall_tau(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b (ties in either ranking are neither concordant nor discordant)."""
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else 0.0


def two_sided_p(tau: float, n: int) -> float:
    """The normal approximation of tau's null distribution (no ties), two-sided."""
    z = 3 * tau * math.sqrt(n * (n - 1)) / math.sqrt(2 * (2 * n + 5))
    return math.erfc(abs(z) / math.sqrt(2))


def compare(folder: Path, jobs: int) -> tuple[float, dict[str, tuple[float, float]]]:
    """Tau between the two rankings, and each system's (penalty per 1,000 words, MQM)."""
    mqm = mqm_system_scores(folder / "gold.jsonl")
    artifact = penalty_system_scores(folder / "docs", jobs)
    systems = sorted(mqm)
    tau = kendall_tau([artifact[s] for s in systems], [mqm[s] for s in systems])
    return tau, {s: (artifact[s], mqm[s]) for s in systems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    base = args.shared / "mqm-dev"
    for name, folder in (("whole set", base), ("tune/", base / "tune"), ("check/", base / "check")):
        tau, scores = compare(folder, args.jobs)
        print(
            f"{name}: Kendall tau-b = {tau:+.3f} over {len(scores)} systems "
            f"(normal approximation, two-sided p = {two_sided_p(tau, len(scores)):.3f})"
        )
        print(f"  {'system':<15} {'penalty/1k words':>16} {'MQM':>7}")
        for system, (artifact, mqm) in sorted(scores.items(), key=lambda item: item[1][1]):
            print(f"  {system:<15} {artifact:>16.2f} {mqm:>7.2f}")
        print()


if __name__ == "__main__":
    main()
