"""Distributed extraction on Dask: units out to workers, Parquet shards back to a directory.

The client cuts the inputs into units (:mod:`detente.scale.units`), submits one task per unit
whose shard is not written yet, and each worker runs the ordinary ingest readers and the
ordinary :class:`~detente.extract.pipeline.Pipeline` (built once per worker process and
kept), then writes the unit's shard atomically. So:

- a re-run skips every unit whose shard exists (checked on the client, and again on the worker);
- a worker killed mid-unit leaves no shard (only a hidden temporary file), and Dask runs the
  unit again on another worker; an exception in a task is retried ``_RETRIES`` times;
- shards are named by a hash of the unit and the run settings, so two runs, or a retried task,
  write the same name, and at most one file per unit exists.

Dask is an optional dependency (``pip install detente[dask]``); it is imported when used.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions, IngestOptions
from detente.errors import IngestError, UsageError
from detente.extract.pipeline import Pipeline
from detente.model import Article
from detente.scale.shards import Failure, write_shard
from detente.scale.units import PartitionOptions, Unit, partition, read_unit, run_key, unit_id

__all__ = [
    "DistributedSummary",
    "UnitResult",
    "connect",
    "extract_distributed",
    "extract_unit",
    "shard_path",
    "warm_workers",
]

Progress = Callable[[int], None]

# Retries of a task that raised (a killed worker's task is rescheduled by Dask on its own,
# up to distributed.scheduler.allowed-failures = 3 times). Two: a transient error (a full
# disk, a network file system hiccup) gets another chance; a unit that fails three times is
# reported as failed and the run goes on.
_RETRIES = 2


@dataclass(frozen=True, slots=True)
class UnitResult:
    """What a worker reports for one unit."""

    shard: str
    articles: int
    failures: list[Failure]
    skipped: bool  # the shard was already there


@dataclass
class DistributedSummary:
    """What a distributed run did."""

    units: int = 0
    written: int = 0  # shards this run wrote
    skipped: int = 0  # shards already present (an earlier run, or a duplicate input)
    articles: int = 0  # articles in the shards this run wrote
    shards: list[Path] = field(default_factory=list)  # every unit's shard, in input order
    failures: list[Failure] = field(default_factory=list)  # ingest failures and failed units
    workers: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)


def shard_path(output_dir: Path, unit: Unit, key: str) -> Path:
    """Where ``unit``'s shard goes under run settings ``key``."""
    return output_dir / f"part-{unit_id(unit, key)}.parquet"


# --- on the worker --------------------------------------------------------------------------

# One Pipeline per worker process and options: spaCy and the knowledge base load once, on the
# first unit a worker runs, and serve every later unit.
_PIPELINES: dict[ExtractOptions, Pipeline] = {}


def _pipeline(options: ExtractOptions) -> Pipeline:
    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        pipeline = _PIPELINES[options] = Pipeline(options)
        # It serves every later unit: out of the collector's sight for good, as the
        # template's is in `detente run`'s workers (see extract.pipeline.out_of_collection).
        gc.freeze()
    return pipeline


def _load(options: ExtractOptions) -> int:
    _pipeline(options)
    return os.getpid()


def warm_workers(client: Any, options: ExtractOptions) -> dict[str, int]:
    """Load the pipeline on every worker now (else each loads it on its first unit);
    returns each worker's process id by address."""
    result: dict[str, int] = client.run(_load, options)
    return result


def extract_unit(
    unit: Unit, shard: str, ingest_options: IngestOptions, options: ExtractOptions
) -> UnitResult:
    """Read one unit, extract its articles, write its shard; skip when the shard exists."""
    path = Path(shard)
    if path.exists():
        return UnitResult(shard, 0, [], True)
    articles: list[Article] = []
    failures: list[Failure] = []
    for item in read_unit(unit, ingest_options):
        if isinstance(item, IngestError):
            failures.append(Failure(item.input, item.stage, item.reason))
        else:
            articles.append(item)
    records = list(_pipeline(options).run(articles))
    write_shard(path, records, failures, unit=unit.describe())
    return UnitResult(shard, len(records), failures, False)


# --- on the client --------------------------------------------------------------------------


@contextlib.contextmanager
def connect(scheduler: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``tcp://HOST:PORT`` (a running scheduler) or ``local:N``
    (a ``LocalCluster`` of N single-threaded worker processes, closed on exit)."""
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(
            "distributed extraction needs Dask: pip install 'detente[dask]'"
        ) from exc
    dist: Any = distributed  # partly annotated: calls into it are untyped
    if scheduler.startswith("local:"):
        n = scheduler.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise UsageError(f"invalid --scheduler {scheduler!r}: use local:N with N >= 1, "
                             "e.g. local:4")
        # Processes, one thread each: spaCy holds the GIL, so threads would not add speed.
        with dist.LocalCluster(n_workers=int(n), processes=True, threads_per_worker=1,
                               dashboard_address=None) as cluster, dist.Client(cluster) as client:
            yield client
    elif scheduler.startswith(("tcp://", "tls://", "ucx://")):
        try:
            client = dist.Client(scheduler, timeout=30)
        except OSError as exc:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
    else:
        raise UsageError(f"invalid --scheduler {scheduler!r}: use tcp://HOST:PORT for a "
                         "running Dask scheduler or local:N for N local worker processes")


def extract_distributed(
    inputs: Sequence[str],
    output_dir: Path,
    scheduler: str | Any,
    ingest_options: IngestOptions,
    options: ExtractOptions,
    *,
    partition_options: PartitionOptions | None = None,
    progress: Progress | None = None,
) -> DistributedSummary:
    """Extract ``inputs`` on a Dask cluster into Parquet shards under ``output_dir``.

    ``scheduler`` is ``tcp://HOST:PORT``, ``local:N``, or a ``distributed.Client`` already
    connected. ``progress(n)`` is called on the client with the number of articles of each
    unit as it lands. Failures (unreadable inputs, units that failed every retry) are
    recorded in the summary, never raised.
    """
    if isinstance(scheduler, str):
        with connect(scheduler) as client:
            return extract_distributed(inputs, output_dir, client, ingest_options, options,
                                       partition_options=partition_options, progress=progress)
    client = scheduler
    began = time.perf_counter()
    output_dir.mkdir(parents=True, exist_ok=True)
    key = run_key(ingest_options, options)
    units = partition(inputs, partition_options)
    summary = DistributedSummary(units=len(units))
    summary.workers = len(client.scheduler_info(n_workers=-1)["workers"])
    todo: dict[str, Unit] = {}
    for unit in units:
        path = shard_path(output_dir, unit, key)
        summary.shards.append(path)
        if path.exists() or str(path) in todo:
            summary.skipped += 1
        else:
            todo[str(path)] = unit
    futures = {
        client.submit(extract_unit, unit, path, ingest_options, options,
                      key=f"detente-unit-{Path(path).stem}", retries=_RETRIES): unit
        for path, unit in todo.items()
    }
    _collect(futures, summary, progress)
    summary.seconds = time.perf_counter() - began
    return summary


def _collect(futures: dict[Any, Unit], summary: DistributedSummary,
             progress: Progress | None) -> None:
    import distributed

    dist: Any = distributed
    for future in dist.as_completed(list(futures)):
        unit = futures[future]
        try:
            result: UnitResult = future.result()
        except Exception as exc:  # a unit failing every retry is reported; the run goes on
            summary.failures.append(
                Failure(unit.label(), "extract", f"{type(exc).__name__}: {exc}"))
            continue
        finally:
            future.release()
        if result.skipped:
            summary.skipped += 1
        else:
            summary.written += 1
            summary.articles += result.articles
        summary.failures.extend(result.failures)
        if progress:
            progress(result.articles)
