"""What the server builds at start-up beyond its indexes: the histories of the densest
dyads (:class:`PrebuildOptions`, ``ServerState.prebuild``), and what start-up did
(:class:`Prepared`). Light to import: ``detente serve`` reads its defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["PrebuildOptions", "Prepared", "rss_bytes"]


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
    # What the kept histories hold is bounded by their number: about 1.5 MB a dyad on the
    # 1M-event benchmark store (both orders, three frequencies, ten years of days).
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
