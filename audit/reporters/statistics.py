"""``--statistics``: how many findings each rule made, most frequent first, as ruff prints them."""

from __future__ import annotations

from audit.engine import Tally
from audit.reporters import Reporter
from audit.rules import find_rule


class StatisticsReporter(Reporter):
    """Nothing per finding; one line per rule at the end, from the audit's running totals."""

    def finish(self, tally: Tally) -> None:
        ranked = sorted(tally.rules.items(), key=lambda item: (-item[1], item[0]))
        width = len(str(ranked[0][1])) if ranked else 1
        for code, count in ranked:
            rule = find_rule(code)
            self.stream.write(f"{count:>{width}}\t{code}\t{rule.name if rule else ''}\n")
