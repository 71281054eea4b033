"""Importing Parquet shards into the store, idempotently.

Articles are keyed by content hash (``Store.add_articles`` skips stored ones) and a record's
layers replace the article's old ones (``Store.save_records``), so loading a directory twice,
or two directories that share articles, leaves one copy of each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from detente.errors import IngestError, UsageError
from detente.scale.shards import Failure, read_shard, shard_files
from detente.store.db import Store

__all__ = ["LoadSummary", "load_shards"]


@dataclass
class LoadSummary:
    """What a load did."""

    shards: int = 0
    records: int = 0
    new: int = 0  # articles not in the store before
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def load_shards(
    store: Store, directory: Path, *, progress: Callable[[int], None] | None = None
) -> LoadSummary:
    """Import every shard under ``directory`` into ``store``: articles, their records and
    the ingest failures the shards carry. One transaction per shard."""
    if not directory.is_dir():
        raise UsageError(f"{directory} is not a directory of Parquet shards")
    summary = LoadSummary()
    for path in shard_files(directory):
        shard = read_shard(path)
        articles = [replace(r.article, input=inp)
                    for r, inp in zip(shard.records, shard.inputs, strict=True)]
        summary.new += store.add_articles(articles)
        store.save_records(shard.records)
        store.add_failures(IngestError(f.input, f.message, stage=f.stage)
                           for f in shard.failures)
        summary.shards += 1
        summary.records += len(shard.records)
        summary.failures.extend(shard.failures)
        if progress:
            progress(1)
    return summary
