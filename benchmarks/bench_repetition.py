"""Time of the repetition family (MT401-MT403) alone, optionally against another revision's.

Run: python benchmarks/bench_repetition.py [--against REV] [--rounds N] PATH...

Reads every .txt file under the paths once (files that are not UTF-8 are skipped), then runs
the three rules on every document, best of N rounds, and prints characters per second. With
``--against REV`` the family as it stood at git revision REV (``git show
REV:audit/rules/repetition.py``) is timed alternately with the current one in the same process,
on the same documents, and the findings of both are counted. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path

from audit import Settings
from audit.document import Document
from audit.findings import Hit
from audit.rules import find_rule

ROOT = Path(__file__).resolve().parent.parent
CODES = ("MT401", "MT402", "MT403")
Check = Callable[[Document, Settings], Iterator[Hit]]


def current_family() -> list[Check]:
    rules = [find_rule(code) for code in CODES]
    return [rule.check for rule in rules if rule is not None]


def family_at(revision: str) -> list[Check]:
    """The three check functions of ``audit/rules/repetition.py`` at a git revision."""
    source = subprocess.run(
        ["git", "show", f"{revision}:audit/rules/repetition.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Registering the old rules again would clash with the current ones: keep the functions.
    source = source.replace(
        "from audit.rules._registry import rule", "rule = lambda *a, **k: (lambda f: f)"
    )
    module = types.ModuleType(f"repetition_at_{revision}")
    sys.modules[module.__name__] = module
    exec(compile(source, module.__name__, "exec"), module.__dict__)
    return [module.repetition_loop, module.repeated_phrase, module.doubled_word]


def documents(paths: list[str]) -> list[Document]:
    docs = []
    for path in paths:
        files = [Path(path)] if Path(path).is_file() else sorted(Path(path).rglob("*.txt"))
        for file in files:
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            doc = Document(id=str(file), text=text, path=str(file))
            _ = doc.paragraphs  # segmentation is shared with every rule: not the family's cost
            docs.append(doc)
    return docs


def run(family: list[Check], docs: list[Document]) -> tuple[float, int]:
    settings = Settings()
    started = time.perf_counter()
    hits = sum(1 for doc in docs for check in family for _ in check(doc, settings))
    return time.perf_counter() - started, hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--against", help="a git revision to time alongside")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    docs = documents(options.paths)
    chars = sum(len(doc.text) for doc in docs)
    families = {"current": current_family()}
    if options.against:
        families[options.against] = family_at(options.against)
    best = {name: float("inf") for name in families}
    hits = {}
    for _ in range(options.rounds):
        for name, family in families.items():
            elapsed, hits[name] = run(family, docs)
            best[name] = min(best[name], elapsed)
    print(f"{len(docs)} documents, {chars / 1e6:.2f} M characters, best of {options.rounds}:")
    for name in families:
        print(
            f"  {name:<12} {best[name]:7.3f} s  {chars / best[name] / 1e6:6.2f} M chars/s  "
            f"{hits[name]} findings"
        )
    if options.against:
        print(f"  speed-up: x{best[options.against] / best['current']:.1f}")


if __name__ == "__main__":
    main()
