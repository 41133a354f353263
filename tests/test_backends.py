"""Backends: the process pool streams the same results as the serial run, in order, in batches."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import ClassVar

import pytest

from audit.backends import pool
from audit.backends.serial import audit_serially
from audit.config import Settings
from audit.readers import Source

BROKEN = "Talks ended. and the envoys left.\n\nHe said. are doing so.”\n"
LAKH = "About 1 lakh people attended the rally on Sunday.\n"


def _sources(folder: Path, count: int) -> list[Source]:
    sources = []
    for index in range(count):
        path = folder / f"a{index:03}.txt"
        path.write_text((BROKEN, LAKH)[index % 2] * (index % 4 + 1), encoding="utf-8")
        sources.append(Source(str(path)))
    return sources


def _flat(results: list) -> list[tuple[str, list]]:
    return [(r.path, [d.findings for d in r.documents], str(r.error)) for r in results]


def test_pool_gives_what_the_serial_run_gives(tmp_path: Path) -> None:
    sources = _sources(tmp_path, 40)
    settings = Settings()
    serial = list(audit_serially(sources, settings))
    pooled = list(pool.audit_in_pool(sources, settings, jobs=2))
    assert [r.path for r in pooled] == [s.path for s in sources]
    assert _flat(pooled) == _flat(serial)


class _RecordingPool:
    """Runs each task at once in this process, and counts the tasks submitted."""

    submitted: ClassVar[list[int]] = []
    mapped: ClassVar[list[int]] = []

    def __init__(self, max_workers: int) -> None:
        self.workers = max_workers

    def __enter__(self) -> _RecordingPool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def submit(self, function, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(function(*args))
        _RecordingPool.submitted.append(len(args[0]))
        return future

    def map(self, function, batches):  # type: ignore[no-untyped-def]
        for batch in batches:
            _RecordingPool.mapped.append(len(batch))
            yield function(batch)


def test_batches_in_flight_stay_within_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "ProcessPoolExecutor", _RecordingPool)
    _RecordingPool.submitted = []
    _RecordingPool.mapped = []
    sources = _sources(tmp_path, 300)
    results = pool.audit_in_pool(sources, Settings(), jobs=2)
    first = next(results)
    assert first.path == sources[0].path
    window = 2 * pool._BATCHES_PER_WORKER
    # The first result is handed on once the window is full: no more batches are read ahead.
    assert len(_RecordingPool.submitted) == window + 1
    rest = list(results)
    assert len(rest) == 299
    # Several files per task, never one task per article.
    assert max(_RecordingPool.submitted) == pool.batch_size(300, 2) > 1
    assert sum(_RecordingPool.submitted) == 300
    # The batch pre-pass (boilerplate lines) read every file in the workers, in batches too.
    assert sum(_RecordingPool.mapped) == 300
    assert max(_RecordingPool.mapped) == pool.batch_size(300, 2)


def test_stdin_is_read_in_the_parent_at_its_place(mtaudit, tmp_path: Path) -> None:
    sources = _sources(tmp_path, 9)
    paths = [s.path for s in sources]
    args = ["check", "-f", "jsonl", *paths[:4], "-", *paths[4:]]
    serial = mtaudit(*args, "--jobs", "1", stdin=BROKEN)
    parallel = mtaudit(*args, "--jobs", "2", stdin=BROKEN)
    assert serial.stdout == parallel.stdout
    assert '"path": "<stdin>"' in parallel.stdout
    order = [line.split('"path": "')[1].split('"')[0] for line in parallel.stdout.splitlines()]
    assert order.index("<stdin>") > order.index(paths[2]) and order.index("<stdin>") < order.index(
        paths[4]
    )
