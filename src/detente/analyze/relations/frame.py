"""A dyad's events as narrow NumPy columns (:class:`DyadFrame`), the events behind a point
(:func:`cluster_details`), and counts of de-duplicated events (:func:`count_events`).

Everything is read from the de-duplicated events (``clusters``, see
:mod:`detente.analyze.dedup`), leaving out events that did not happen (negated or
``denied``) or are only ``hypothetical``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from detente.analyze.dedup import ensure_deduped
from detente.errors import UsageError
from detente.store.clusters import cluster_details, count_clusters, dyad_columns
from detente.store.db import Store

__all__ = ["FREQS", "Details", "DyadFrame", "check_dyad", "cluster_details", "count_events",
           "dyad_frame", "frame_of"]


FREQS = {"day": 1, "week": 7, "month": 30}
# RelationsOptions.background_days (see relations.index): a year before the corpus.
BACKGROUND_DAYS = 365


def check_dyad(a: str, b: str, freq: str) -> None:
    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}: use day, week or month")
    if not a or not b:
        raise UsageError("give two actors, e.g. USA RUS")


@dataclass(frozen=True, eq=False)
class DyadFrame:
    """A dyad's de-duplicated events that happened and are dated, as narrow columns (one
    entry per cluster, sorted by date then cluster id): everything the series needs.

    The HTTP server keeps one per dyad and store version, so that a new period or frequency
    is computed in NumPy without going back to DuckDB; :func:`relations` builds one per call.
    """

    a: str
    b: str
    cluster_id: np.ndarray  # str
    day: np.ndarray  # int64, days since 1970-01-01
    ab: np.ndarray  # bool: a is the source
    private: np.ndarray  # bool
    goldstein: np.ndarray  # float, NaN when unknown
    quad: np.ndarray  # int, 0 when unknown
    weight: np.ndarray  # float
    mentions: np.ndarray  # int
    # Cluster ids of the dyad's background events (dated well before the corpus), by date.
    background: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.day)

    def is_reverse_of(self, other: DyadFrame) -> bool:
        """Whether this is ``other``'s dyad from the other side: the same rows, every one
        with ``ab`` negated (not so when a row's two sides both match both actors, as
        USAGOV and USAGOVDIP can)."""
        if self is other or len(self) != len(other):
            return False
        return (np.array_equal(self.ab, ~other.ab) and self.background == other.background
                and np.array_equal(self.cluster_id, other.cluster_id))


def dyad_frame(store: Store, a: str, b: str, *, dedupe: bool = True,
               background_days: int = BACKGROUND_DAYS) -> DyadFrame:
    """The :class:`DyadFrame` of actors ``a`` and ``b`` (see :func:`relations`), after
    bringing the clusters up to date with the store's events (unless ``dedupe`` is false:
    the caller has just done so). Events dated more than ``background_days`` before the
    corpus's first article are the frame's ``background``, not its rows."""
    a, b = a.strip().upper(), b.strip().upper()
    if not a or not b:
        raise UsageError("give two actors, e.g. USA RUS")
    if dedupe:
        ensure_deduped(store)
    return frame_of(a, b, dyad_columns(store, a, b), store.corpus_start(),
                    background_days=background_days)


def frame_of(a: str, b: str, cols: dict[str, Any], start: date | None, *,
             background_days: int = BACKGROUND_DAYS) -> DyadFrame:
    """The :class:`DyadFrame` of ``a`` and ``b`` (upper case) from the columns
    :func:`~detente.store.clusters.dyad_columns` reads; ``start`` is the corpus's first
    publication date."""

    def col(name: str, dtype: Any) -> np.ndarray:
        values = cols[name]
        if isinstance(values, np.ma.MaskedArray):
            values = values.filled(np.nan if dtype is float else 0)
        return np.asarray(values, dtype=dtype)

    day = col("day", np.int64)
    keep = np.ones(len(day), dtype=bool)
    if start is not None:
        keep = day >= (start - date(1970, 1, 1)).days - background_days
    ids = np.asarray(cols["cluster_id"], dtype=str)
    return DyadFrame(a=a, b=b, cluster_id=ids[keep], day=day[keep], ab=col("ab", bool)[keep],
                     private=col("private", bool)[keep],
                     goldstein=col("goldstein", float)[keep], quad=col("quad", np.int64)[keep],
                     weight=col("weight", float)[keep], mentions=col("mentions", np.int64)[keep],
                     background=tuple(str(c) for c in ids[~keep]))


Details = Callable[[Sequence[str]], list[dict[str, Any]]]


def count_events(store: Store, *, source: str, target: str | None = None,
                 category: str | None = None, text: str | None = None,
                 start: str | None = None, end: str | None = None,
                 include_unconfirmed: bool = False) -> int:
    """How many de-duplicated events match: ``source``/``target`` as in :func:`relations`
    (country, code prefix or actor id), a PLOVER ``category``, a case-insensitive ``text``
    in the evidence (e.g. a place: "Moscow"), between ``start`` and ``end`` (inclusive).

    "How many times did the US envoy visit Moscow in the last two months":
    ``count_events(store, source="USAGOV", target="RUS", category="CONSULT", text="Moscow",
    start="2025-06-08", end="2025-08-08")``.
    """
    ensure_deduped(store)
    return count_clusters(store, source=source, target=target, category=category, text=text,
                          start=start, end=end, include_unconfirmed=include_unconfirmed)
