"""What the server builds at start-up beyond its indexes: the histories of the densest
dyads (:class:`PrebuildOptions`, ``ServerState.prebuild``), and what start-up did
(:class:`Prepared`); the processes that find the turning points of long histories
(:class:`TurnPool`). Light to import: ``detente serve`` reads its defaults."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

__all__ = ["PrebuildOptions", "Prepared", "TurnPool", "rss_bytes"]


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


class TurnPool:
    """Processes that find the turning points of histories (``find_turns``, exact PELT,
    the same partition as in the server's process): while one runs, the server's threads
    keep the interpreter and answer other requests, and two histories are built at once
    on two cores. Its processes start now and import what they need (about 1 s)."""

    def __init__(self, workers: int) -> None:
        # Spawned, not forked: the server's process runs threads (uvicorn's, DuckDB's).
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        self.workers = workers
        for _ in range(workers):
            self._pool.submit(_ready)

    def find_turns(self, raw: list[float | None], **options: Any) -> list[tuple[int, float]]:
        """``find_turns(raw, **options)`` in one of the processes (in this one if the pool
        broke: a process was killed, say)."""
        from detente.analyze.relations.turns import find_turns

        try:
            found: list[tuple[int, float]] = self._pool.submit(find_turns, raw,
                                                               **options).result()
        except BrokenProcessPool:
            return find_turns(raw, **options)
        return found

    def close(self) -> None:
        """Stop the processes (they finish the search they are in)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _ready() -> None:
    """Import what a turn search needs (run once in each process, at start)."""
    import detente.analyze.relations.turns  # noqa: F401
