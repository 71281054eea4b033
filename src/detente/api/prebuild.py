"""What the server builds at start-up beyond its indexes: the histories of the densest
dyads (:class:`PrebuildOptions`, ``ServerState.prebuild``), and what start-up did
(:class:`Prepared`); the processes that build long histories (:class:`BuildPool`). Light
to import: ``detente serve`` reads its defaults."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detente.analyze.relations import DyadFrame, RelationsOptions
    from detente.analyze.relations.columns import SeriesParts

__all__ = ["BuildPool", "PrebuildOptions", "Prepared", "rss_bytes"]


@dataclass(frozen=True, kw_only=True)
class PrebuildOptions:
    """Which dyads' histories the server builds before it accepts requests: both orders
    and all three frequencies, densest dyad first (``ClusterIndex.dense``), those with at
    least ``min_events`` clusters, at most ``max_dyads`` of them, until ``seconds`` are
    spent (0: none). A ten-year daily history takes 60-330 ms to build on the 1M-event
    benchmark store (its turning points most), which a request waiting behind the build
    adds to its own time."""

    seconds: float = 15.0
    min_events: int = 200
    # What the kept histories hold is bounded by their number: about 2.5 MB a dyad of the
    # process's memory on the 1M-event benchmark store (both orders, three frequencies,
    # ten years of days; 100 dyads: 260 MB).
    max_dyads: int = 100


@dataclass(frozen=True)
class Prepared:
    """What ``ServerState.prepare`` did."""

    indexes_seconds: float  # building the in-memory listing and clusters
    dyads: int  # whose histories were built (both orders, every frequency)
    histories: int  # kept: each order's rows and each frequency's series
    prebuild_seconds: float
    prebuild_bytes: int  # the process's resident memory it added (0 where unknown)

    def summary(self) -> str:
        """One line for the server's log."""
        return (f"in-memory listing and clusters built in {self.indexes_seconds:.1f} s; "
                f"histories of {self.dyads} dense dyads built in "
                f"{self.prebuild_seconds:.1f} s ({self.histories} kept, "
                f"{self.prebuild_bytes / 1e6:.0f} MB)")


def rss_bytes() -> int:
    """This process's resident memory (Linux), or 0."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class BuildPool:
    """Processes that compute histories (their columns and turning points:
    ``series_parts``, the same numbers as in the server's process): while one runs, the
    server's threads keep the interpreter and answer other requests, and two histories are
    built at once on two cores. Its processes start now and import what they need (about
    1 s); ``nice`` lowers their priority (see ``ServeOptions.build_pool_nice``)."""

    def __init__(self, workers: int, *, nice: int = 0) -> None:
        # Spawned, not forked: the server's process runs threads (uvicorn's, DuckDB's).
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_ready, initargs=(nice,))
        self.workers = workers
        for _ in range(workers):
            self._pool.submit(int)  # started now, not at the first build

    def parts(self, frame: DyadFrame, freq: str, opts: RelationsOptions) -> SeriesParts:
        """``series_parts(frame, freq, opts)`` in one of the processes (in this one if the
        pool broke: a process was killed, say). They are sent the frame's numbers only."""
        import numpy as np

        from detente.analyze.relations.index import series_parts

        numbers = dataclasses.replace(frame, cluster_id=np.empty(0, dtype=str), background=())
        try:
            found: SeriesParts = self._pool.submit(series_parts, numbers, freq, opts).result()
        except BrokenProcessPool:
            return series_parts(frame, freq, opts)
        return found

    def close(self) -> None:
        """Stop the processes (they finish the build they are in)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _ready(nice: int) -> None:
    """Run once in each process, at start: lower its priority by ``nice``, import what a
    build needs."""
    if nice:
        os.nice(nice)
    import detente.analyze.relations.index  # noqa: F401
