"""Where the work runs: in this process, in a pool of worker processes, or on a Dask cluster.

Every backend takes the sources to audit and yields one :class:`~audit.engine.SourceResult` per
source, in the order of the sources, as soon as that order allows: reporters write while the
audit goes on, and the output is the same, byte for byte, whichever backend ran it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from audit.config import Settings
from audit.readers import Source

if TYPE_CHECKING:
    from audit.engine import SourceResult
    from audit.rules import Rule


def run(
    sources: Sequence[Source], settings: Settings, rules: Sequence[Rule]
) -> Iterator[SourceResult]:
    """Audit ``sources`` with the backend ``settings.jobs`` asks for (0: one process per CPU).

    Each backend runs the batch pre-pass (:func:`audit.engine.with_batch_boilerplate`) where it
    runs the audit: in this process, or in the pool's workers.
    """
    jobs = settings.jobs or os.cpu_count() or 1
    files = sum(1 for source in sources if not source.is_stdin)
    if jobs > 1 and files > 1:
        from audit.backends.pool import audit_in_pool

        return audit_in_pool(sources, settings, jobs, rules)
    from audit.backends.serial import audit_serially

    return audit_serially(sources, settings, rules)
