"""The process-pool backend: worker processes started once, fed batches of files.

A task is a batch of several files, so that the cost of sending work and results between
processes is paid per batch, not per article. At most a window of batches is in flight: results
come back in any order, are held until every earlier batch is in, and are yielded in input
order. Memory therefore depends on the window, never on the number of articles.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache

from audit.config import Settings
from audit.engine import SourceResult, audit_source, with_batch_boilerplate
from audit.readers import Source
from audit.rules import Rule, select_rules

# Files per task: enough to make the round trip cheap, few enough that every worker gets a share
# of a small run. Batches in flight per worker: enough to keep every worker busy while the parent
# writes, few enough that held results stay small.
_MOST_PER_BATCH = 16
_BATCHES_PER_WORKER = 4


def audit_in_pool(
    sources: Sequence[Source],
    settings: Settings,
    jobs: int,
    rules: Sequence[Rule] | None = None,
) -> Iterator[SourceResult]:
    """One result per source, in input order, audited by ``jobs`` worker processes.

    stdin is read and audited here, in the parent, when its turn comes. The batch pre-pass runs
    in the same workers, before the audit.
    """
    files = sum(1 for source in sources if not source.is_stdin)
    workers = min(jobs, files)
    size = batch_size(files, workers)
    window = workers * _BATCHES_PER_WORKER
    if rules is None:
        rules = select_rules(settings.select, settings.ignore)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        settings = with_batch_boilerplate(sources, settings, rules, pool.map, size)
        pending: deque[Future[list[SourceResult]] | Source] = deque()
        for item in batches(sources, size):
            if isinstance(item, Source):
                pending.append(item)
            else:
                pending.append(pool.submit(audit_batch, item, settings))
            while len(pending) > window:
                yield from _collect(pending.popleft(), settings, rules)
        while pending:
            yield from _collect(pending.popleft(), settings, rules)


def batch_size(files: int, workers: int) -> int:
    """Files per task: about four tasks per worker on a small run, at most ``_MOST_PER_BATCH``."""
    return max(1, min(_MOST_PER_BATCH, files // (workers * _BATCHES_PER_WORKER)))


def batches(sources: Sequence[Source], size: int) -> Iterator[list[Source] | Source]:
    """Runs of at most ``size`` files, with stdin standing alone at its place."""
    batch: list[Source] = []
    for source in sources:
        if source.is_stdin:
            if batch:
                yield batch
                batch = []
            yield source
            continue
        batch.append(source)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(
    item: Future[list[SourceResult]] | Source, settings: Settings, rules: Sequence[Rule]
) -> Iterator[SourceResult]:
    if isinstance(item, Source):
        yield audit_source(item, settings, rules)
    else:
        yield from item.result()


def audit_batch(sources: Sequence[Source], settings: Settings) -> list[SourceResult]:
    """Audit a batch of files in a worker: the task every backend that ships batches runs."""
    rules = _rules(settings.select, settings.ignore)
    return [audit_source(source, settings, rules) for source in sources]


@cache
def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    return select_rules(select, ignore)
