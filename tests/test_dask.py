"""The Dask backend: on a local cluster of two worker processes, the same report as a local run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from distributed import LocalCluster

from audit import Settings, audit_on_dask
from audit.engine import audit_stream

BROKEN = "Talks ended. and the envoys left.\n\nHe said. are doing so.”\n"
LAKH = "About 1 lakh people attended the rally on Sunday.\n"
CLEAN = "Talks end in Geneva\n\nThe envoys left the U.S. embassy at 10 a.m. on Monday.\n"


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="1GiB",
    ) as running:
        yield running


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    for index in range(30):
        sub = folder / f"feed{index % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        text = (BROKEN, LAKH, CLEAN)[index % 3] * (index % 4 + 1)
        (sub / f"a{index:02}.txt").write_text(text, encoding="utf-8")
    records = [
        {"id": f"r{n}", "target": (BROKEN, LAKH, CLEAN)[n % 3], "system": f"sys{n % 2}"}
        for n in range(12)
    ]
    (folder / "shard-0.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return folder


def _flat(results) -> list:  # type: ignore[no-untyped-def]
    return [
        (r.path, str(r.error), [(d.doc_id, d.system, d.findings) for d in r.documents])
        for r in results
    ]


def test_api_gives_the_local_results_in_order(cluster: LocalCluster, archive: Path) -> None:
    paths = [str(archive), str(archive / "missing.txt")]
    local = list(audit_stream(paths, Settings()))
    remote = list(audit_on_dask(paths, cluster.scheduler_address, Settings()))
    assert _flat(remote) == _flat(local)
    assert sum(len(d.findings) for r in local for d in r.documents) > 20


def test_file_urls_are_read_through_fsspec(cluster: LocalCluster, archive: Path) -> None:
    local = list(audit_stream([str(archive)], Settings()))
    remote = list(audit_on_dask([archive.as_uri()], cluster.scheduler_address, Settings()))
    assert [r.path for r in remote] == ["file://" + r.path for r in local]

    def spans(results) -> list:  # type: ignore[no-untyped-def]
        return [
            (f.rule, f.line, f.column, f.start, f.end, f.message)
            for r in results
            for f in r.findings
        ]

    assert spans(remote) == spans(local) and spans(local)
    assert all(f.path.startswith("file://") for r in remote for f in r.findings)


@pytest.mark.parametrize("output_format", ["text", "json", "jsonl"])
def test_command_line_output_is_identical_in_every_format(
    mtaudit, cluster: LocalCluster, archive: Path, output_format: str
) -> None:
    args = ["check", "-f", output_format, str(archive)]
    local = mtaudit(*args)
    remote = mtaudit(*args, "--dask", cluster.scheduler_address)
    assert remote.stdout == local.stdout
    assert remote.returncode == local.returncode == 1


def test_output_dir_holds_jsonl_shards_that_read_as_the_local_run(
    mtaudit, cluster: LocalCluster, archive: Path, tmp_path: Path
) -> None:
    shards = tmp_path / "findings"
    local = mtaudit("check", "-f", "jsonl", str(archive))
    remote = mtaudit(
        "check", str(archive), "--dask", cluster.scheduler_address, "--output-dir", str(shards)
    )
    assert remote.stdout == ""
    written = sorted(shards.glob("part-*.jsonl"))
    assert len(written) > 1  # batches of files, not one shard for everything
    assert "".join(p.read_text(encoding="utf-8") for p in written) == local.stdout
    again = mtaudit(
        "check", str(archive), "--dask", cluster.scheduler_address, "--output-dir", str(shards)
    )
    assert again.returncode == 2 and "already holds" in again.stderr


def test_an_unreachable_scheduler_is_a_one_line_error(
    mtaudit, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", "1s")
    result = mtaudit("check", str(archive), "--dask", "tcp://127.0.0.1:9")
    assert result.returncode == 2
    assert result.stderr.startswith("mtaudit: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in result.stderr
