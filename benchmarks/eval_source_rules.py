"""How the source-aware rules fare on the MQM development set (read at run time, never copied).

    .venv/bin/python benchmarks/eval_source_rules.py [../shared/mqm-dev/gold.jsonl]

Every gold line becomes one record with its source; the records of one MT system form one "file",
so the length-ratio rules see the ratio distribution of that system's output. For each rule the
script prints how many lines it flags, how many of the lines annotated with an ``Accuracy/*``
error or ``Non-translation!`` it catches, and how many clean lines (no rater found an error) it
flags: the false alarms.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.readers.records import attach_file_stats
from audit.rules import select_rules

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "mqm-dev" / "gold.jsonl"
RULES = ("MT801", "MT802", "MT803", "MT804", "MT805")
GROUPS = {
    "Accuracy/*": lambda cats: any(c.startswith("Accuracy/") for c in cats),
    "Accuracy/Mistranslation": lambda cats: "Accuracy/Mistranslation" in cats,
    "Accuracy/Omission": lambda cats: any(c.startswith("Accuracy/Omission") for c in cats),
    "Accuracy/Addition": lambda cats: "Accuracy/Addition" in cats,
    "Accuracy/Source language fragment": lambda cats: "Accuracy/Source language fragment" in cats,
    "Non-translation!": lambda cats: "Non-translation!" in cats,
}


def main(gold: Path) -> None:
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    by_system: dict[str, list[Document]] = defaultdict(list)
    labels = {}
    for record in records:
        key = f"{record['file']}:{record['line']}"
        by_system[record["system"]].append(
            Document(id=key, text=record["text"], source=record["source"], record_line=1)
        )
        labels[key] = (record["clean"], {e["category"] for e in record["errors"]})
    settings = Settings(select=RULES)
    rules = select_rules(settings.select)
    flagged: dict[str, set[str]] = defaultdict(set)
    for documents in by_system.values():
        attach_file_stats(documents)
        for document in documents:
            for finding in check_document(document, rules, settings):
                flagged[finding.rule].add(document.id)
    flagged["MT801+MT804+MT805"] = flagged["MT801"] | flagged["MT804"] | flagged["MT805"]
    clean = {k for k, (is_clean, _) in labels.items() if is_clean}
    print(f"{gold}: {len(labels)} lines, {len(clean)} clean, {len(by_system)} systems")
    for rule in (*RULES, "MT801+MT804+MT805"):
        lines = flagged[rule]
        false_alarms = len(lines & clean)
        print(
            f"\n{rule}: flags {len(lines)} lines; false alarms on clean lines "
            f"{false_alarms}/{len(clean)} ({_rate(false_alarms, len(clean))})"
        )
        annotated = sum(1 for k in lines if any(GROUPS["Accuracy/*"](labels[k][1]) for _ in [0]))
        print(f"  flagged lines with an Accuracy/* annotation: {annotated}/{len(lines)}")
        for name, test in GROUPS.items():
            positives = {k for k, (_, cats) in labels.items() if test(cats)}
            caught = len(lines & positives)
            print(
                f"  catches {name:<36} {caught:>4}/{len(positives):<5} ({_rate(caught, len(positives))})"
            )


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    if not path.is_file():
        sys.exit(f"eval_source_rules: {path}: no such file (the MQM development set)")
    main(path)
