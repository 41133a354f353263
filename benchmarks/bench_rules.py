"""Time each rule in one warm process: where the per-document cost of `mtaudit check` goes.

Run: python benchmarks/bench_rules.py PATH... [--repeat N] [--rows N]

The documents are read once; a first pass over them runs every rule, so that what is loaded on
first use (lexicons, Punkt, language profiles) is not counted. Then, best of ``--repeat`` passes
(CPU time of the process, which load on the machine moves less than the wall clock), each on
freshly built Documents: reading (decoding and building the Documents), segmentation (lines,
paragraphs, headline; sentences are split where a rule asks for them, in that rule's time) and
every rule, run in the engine's order on each document, over all the documents, with MB/s of the
whole. Unlike ``mtaudit check --profile`` (one cold run), these figures leave out start-up and
first-use costs, so that a change to one rule shows in its own row. Nothing here is asserted:
speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence

from audit import Settings
from audit.document import Document, sentence_tokenizer
from audit.engine import check_document, with_batch_boilerplate
from audit.readers import discover, read_source
from audit.rules import all_rules


def _fresh(documents: Sequence[Document]) -> list[Document]:
    return [
        Document(id=d.id, path=d.path, text=d.text, source=d.source, reference=d.reference)
        for d in documents
    ]


def _forget_per_text_caches() -> None:
    """Empty the bounded caches of mtaudit's modules, which keep answers about a text (its
    lowered form, a paragraph's repeats): a pass over the same texts would find them there. The
    unbounded ones keep what is loaded once (lexicons, Punkt, language profiles)."""
    for name, module in list(sys.modules.items()):
        if name == "audit" or name.startswith("audit."):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if callable(info) and info().maxsize is not None:
                    value.cache_clear()
    sentence_tokenizer().text_contains_sentbreak.cache_clear()  # Punkt's decisions by context


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (the best counts)")
    parser.add_argument("--rows", type=int, default=20, help="rows of the table")
    args = parser.parse_args(argv)

    sources, _ = discover(args.paths)
    rules = all_rules()
    settings = with_batch_boilerplate(sources, Settings(), rules)
    documents = [d for source in sources for d in read_source(source)]
    size = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    # First use (lexicons, Punkt, language profiles) on the first half of each text: what a
    # family of rules caches for one text is then not already there for the timed passes.
    for document in documents:
        half = Document(id=document.id, text=document.text[: len(document.text) // 2])
        check_document(half, rules, settings)

    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(args.repeat):
        _forget_per_text_caches()
        began = time.process_time()
        for source in sources:
            read_source(source)
        best["(reading)"] = min(best["(reading)"], time.process_time() - began)
        fresh = _fresh(documents)
        began = time.process_time()
        for document in fresh:
            # Sentences are left to the rules that ask for them (for the stretch they ask about).
            _ = document.lines, document.paragraphs, document.headline
        best["(segmentation)"] = min(best["(segmentation)"], time.process_time() - began)
        # Rule by rule within each document, as the engine runs them: what the rules of a
        # family share is paid by the first of them to ask.
        spent: dict[str, float] = defaultdict(float)
        for document in fresh:
            for current in rules:
                began = time.process_time()
                check_document(document, [current], settings)
                spent[current.code] += time.process_time() - began
        for code, seconds in spent.items():
            best[code] = min(best[code], seconds)

    total = sum(best.values())
    names = {current.code: current.name for current in rules}
    print(f"{len(documents)} documents, {size:.2f} MB; best of {args.repeat} warm passes")
    print(f"{'rule':<8}{'name':<34}{'seconds':>8}{'share':>7}{'MB/s':>9}")
    for code, seconds in sorted(best.items(), key=lambda item: -item[1])[: args.rows]:
        print(
            f"{code if code.startswith('MT') else '':<8}{names.get(code, code):<34}"
            f"{seconds:8.3f}{seconds / total:7.1%}{size / max(seconds, 1e-9):9.1f}"
        )
    print(f"{'':<8}{'total':<34}{total:8.3f}{'100%':>7}{size / total:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
