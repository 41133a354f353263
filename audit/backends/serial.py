"""The in-process backend: one source after the other, in this process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from audit.config import Settings
from audit.engine import SourceResult, audit_source
from audit.readers import Source
from audit.rules import select_rules


def audit_serially(sources: Sequence[Source], settings: Settings) -> Iterator[SourceResult]:
    """One result per source, in order, each yielded as soon as it is audited."""
    rules = select_rules(settings.select, settings.ignore)
    for source in sources:
        yield audit_source(source, settings, rules)
