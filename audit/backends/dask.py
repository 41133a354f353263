"""The Dask backend: audit an archive on a Dask distributed cluster.

Inputs are files, folders or JSONL shards, local or behind fsspec URLs (``s3://bucket/news/``,
``gs://…``, ``file://…``). The client lists them, sends them to the cluster in batches of several
files (never one task per article), keeps a bounded window of batches in flight and yields the
results in input order, exactly as the local backends do: every report format comes out the same
as a local run. With ``output_dir`` each batch's findings are also written by the worker that
audited it, as the JSONL shard ``part-NNNNN.jsonl``; the shards, read in name order, are the local
run's ``--format jsonl`` output.

Needs the ``dask`` extra: ``pip install 'mtaudit[dask]'`` (dask.distributed and fsspec; s3fs or
gcsfs for those URLs).
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from audit.backends.pool import audit_batch, batch_size, batches
from audit.config import Settings
from audit.engine import SourceResult, audit_source, with_batch_boilerplate
from audit.readers import READERS, Discovery, InputError, Source, discover, is_url
from audit.rules import select_rules

# Batches in flight per worker thread: enough to keep the cluster busy while the client writes.
_BATCHES_PER_THREAD = 4


def audit_on_dask(
    paths: Sequence[str],
    address: str | Any,
    settings: Settings | None = None,
    *,
    output_dir: str | None = None,
) -> Iterator[SourceResult]:
    """One :class:`SourceResult` per input, in input order, audited on the cluster at ``address``.

    ``address`` is a scheduler address (``tcp://10.0.0.5:8786``) or a ``distributed.Client``.
    Inputs that cannot be found come first, as with :func:`audit.engine.audit_stream`; stdin
    (``-``) is read and audited here, at its place.
    """
    from distributed import Client

    settings = settings or Settings()
    rules = select_rules(settings.select, settings.ignore)  # fails early on an unknown selector
    sources, errors = discover_anywhere(paths, Discovery.from_settings(settings))
    for error in errors:
        yield SourceResult(path=error.path, error=error)
    own_client = not isinstance(address, Client)
    try:
        client = Client(address) if own_client else address
    except (OSError, TimeoutError) as error:
        raise ConnectionError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        files = sum(1 for source in sources if not source.is_stdin)
        size = batch_size(files, threads)

        def on_cluster(function: Any, groups: list[list[Source]]) -> list[Any]:
            # The pre-pass reads the archive where the audit will: on the workers.
            return client.gather(client.map(function, groups, pure=False))

        settings = with_batch_boilerplate(sources, settings, rules, on_cluster, size)
        window = threads * _BATCHES_PER_THREAD
        pending: deque[Any] = deque()
        shard = 0
        for item in batches(sources, size):
            if isinstance(item, Source):
                pending.append(item)
            else:
                target = None if output_dir is None else _shard_path(output_dir, shard)
                shard += 1
                pending.append(client.submit(audit_batch_to, item, settings, target, pure=False))
            while len(pending) > window:
                yield from _collect(pending.popleft(), settings, rules)
        while pending:
            yield from _collect(pending.popleft(), settings, rules)
    finally:
        if own_client:
            client.close()


def _collect(item: Any, settings: Settings, rules: Sequence[Any]) -> Iterator[SourceResult]:
    if isinstance(item, Source):
        yield audit_source(item, settings, rules)
    else:
        yield from item.result()


def audit_batch_to(
    sources: Sequence[Source], settings: Settings, shard: str | None
) -> list[SourceResult]:
    """Audit a batch on a worker; with ``shard``, also write its findings there as JSONL."""
    results = audit_batch(sources, settings)
    if shard is not None:
        import fsspec

        from audit.reporters.json_report import JsonlReporter

        buffer = io.StringIO()
        reporter = JsonlReporter(buffer)
        for result in results:
            reporter.add(result)
        with fsspec.open(shard, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
    return results


def _shard_path(output_dir: str, index: int) -> str:
    return f"{output_dir.rstrip('/')}/part-{index:05}.jsonl"


def prepare_output_dir(output_dir: str) -> None:
    """Create the shard folder; refuse one that already holds shards, so none is mixed in."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(output_dir)
    if fs.exists(root) and fs.glob(f"{root.rstrip('/')}/part-*.jsonl"):
        raise InputError(output_dir, "already holds part-*.jsonl shards; give an empty folder")
    fs.makedirs(root, exist_ok=True)


def discover_anywhere(
    paths: Sequence[str], options: Discovery | None = None
) -> tuple[list[Source], list[InputError]]:
    """:func:`audit.readers.discover`, with fsspec URLs listed as folders or files."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths:
        if not is_url(raw):
            found, failed = discover([raw], options)
            sources.extend(found)
            errors.extend(failed)
            continue
        import fsspec

        try:
            fs, root = fsspec.core.url_to_fs(raw)
            if fs.isdir(root):
                names = list(_walk(fs, root))
                if not names:
                    kinds = ", ".join(sorted(READERS))
                    errors.append(
                        InputError(raw, f"no files to audit in this folder (looked for {kinds})")
                    )
                sources.extend(Source(fs.unstrip_protocol(name)) for name in names)
            elif fs.isfile(root):
                sources.append(Source(raw))
            else:
                errors.append(InputError(raw, "no such file or folder"))
        except (OSError, ValueError, ImportError) as error:
            errors.append(InputError(raw, f"cannot list ({error})"))
    return sources, errors


def _walk(fs: Any, folder: str) -> Iterator[str]:
    """Files to audit under ``folder``, in the order of a local folder (see ``readers._walk``)."""
    entries = fs.ls(folder, detail=True)
    named = sorted((entry["name"].rstrip("/"), entry["type"]) for entry in entries)
    for name, kind in named:
        base = name.rsplit("/", 1)[-1]
        if kind != "directory" and not base.startswith(".") and _suffix(name) in READERS:
            yield name
    for name, kind in named:
        if kind == "directory" and not name.rsplit("/", 1)[-1].startswith("."):
            yield from _walk(fs, name)


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
