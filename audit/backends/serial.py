"""The in-process backend: one source after the other, in this process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.config import Settings
from audit.engine import SourceResult, audit_source, with_batch_boilerplate
from audit.readers import Source
from audit.rules import Rule, select_rules


def audit_serially(
    sources: Sequence[Source], settings: Settings, rules: Sequence[Rule] | None = None
) -> Iterator[SourceResult]:
    """One result per source, in order, each yielded as soon as it is audited."""
    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    settings = with_batch_boilerplate(sources, settings, rules)
    for source in sources:
        yield audit_source(source, settings, rules)
