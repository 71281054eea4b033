"""Scale: extraction on a Dask cluster into Parquet shards, loading shards into the store,
and watching folders and feeds.

    extract_distributed(inputs, output_dir, scheduler, ingest_options, options)  -> shards
    load_shards(store, directory)                                               -> the store
    watch(store, sources, ingest_options, options, interval=..., once=...)      -> the store

Dask (``pip install 'detente[dask]'``) is imported only by :func:`extract_distributed`.
"""

from detente.scale.dask_extract import DistributedSummary, extract_distributed
from detente.scale.load import LoadSummary, load_shards
from detente.scale.shards import read_shard, write_shard
from detente.scale.units import PartitionOptions, Unit, partition
from detente.scale.watch import PollSummary, poll, watch

__all__ = [
    "DistributedSummary",
    "LoadSummary",
    "PartitionOptions",
    "PollSummary",
    "Unit",
    "extract_distributed",
    "load_shards",
    "partition",
    "poll",
    "read_shard",
    "watch",
    "write_shard",
]
