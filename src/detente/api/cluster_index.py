"""The server's in-memory read model of the de-duplicated events relations are computed
from (``GET /relations``).

A dyad's frame read from DuckDB took 320 ms for USA-RUS on the 1M-event store of
``bench/bench_api.py --events 1000000`` (every cluster's actors are tested), and the events
behind a point 13 ms a fetch. The server is the store's only writer, so it holds every
cluster that happened and is dated (:func:`~detente.store.clusters.happened_clusters`) as
columns, rebuilt after each write: a dyad's frame is a mask over them, computed per
distinct actor rather than per cluster, and a point's events are rows taken from them.
It gives the frames :func:`~detente.analyze.relations.frame.dyad_frame` reads and the
details :func:`~detente.store.clusters.cluster_details` reads
(``tests/api/test_cluster_index.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detente.analyze.relations.frame import BACKGROUND_DAYS, DyadFrame, frame_of
from detente.store.clusters import dyad_prefilter, happened_clusters, side_matches
from detente.store.db import Store

__all__ = ["ClusterIndex", "DyadRows"]

_SIDE_COLUMNS = ("country", "code", "id")
# Pairs of actors a dyad may match before its rows are found by one pass instead of runs.
_FEW_PAIRS = 2_000
# Clusters whose details are kept, made into dicts (about 1 kB each).
_DETAILS_KEPT = 100_000


class DyadRows:
    """A dyad's frame and where each of its clusters is in the index."""

    def __init__(self, frame: DyadFrame, ids: np.ndarray, at: np.ndarray) -> None:
        self.frame = frame
        self._ids = ids
        self._at = at
        self._where: dict[str, int] | None = None

    def where(self) -> dict[str, int]:
        """Each cluster id's place in the index (made when first asked for: 15 ms for the
        34,000 clusters of USA-RUS on the 1M-event benchmark store)."""
        if self._where is None:
            self._where = dict(zip(self._ids.tolist(), self._at.tolist(), strict=True))
        return self._where

    def share(self, other: DyadRows) -> None:
        """Take ``other``'s :meth:`where`: it holds the same clusters (the same dyad from
        the other side)."""
        self._where = other.where()


class _Side:
    def __init__(self, table: pa.Table, side: str) -> None:
        joined = pc.binary_join_element_wise(
            *[table.column(f"_{side}_{c}") for c in _SIDE_COLUMNS], "\x1f",
            null_handling="replace", null_replacement="\x1e")
        keys = joined.combine_chunks().dictionary_encode().indices.to_numpy()
        self.keys = keys.astype(np.int32)
        _, first = np.unique(self.keys, return_index=True)
        columns = [table.column(f"_{side}_{c}").take(pa.array(first)).to_pylist()
                   for c in _SIDE_COLUMNS]
        self.actors: list[tuple[Any, ...]] = list(zip(*columns, strict=True))

    def test(self, check: Any) -> np.ndarray:
        """``check(country, code, id)`` of each distinct actor."""
        return np.fromiter((bool(check(*a)) for a in self.actors), dtype=bool,
                           count=len(self.actors))


class ClusterIndex:
    """Every cluster that happened and is dated, answering dyads and details."""

    def __init__(self, table: pa.Table, corpus_start: date | None) -> None:
        self.corpus_start = corpus_start
        self.n = table.num_rows
        self.source, self.target = _Side(table, "source"), _Side(table, "target")
        # Rows by (source actor, target actor) pair: a dyad's rows are the runs of the few
        # pairs it matches, found without a pass over every cluster.
        pair = self.source.keys.astype(np.int64) * max(len(self.target.actors), 1) \
            + self.target.keys
        pairs, self.pair_of = np.unique(pair, return_inverse=True)
        width = max(len(self.target.actors), 1)
        self.pair_source, self.pair_target = pairs // width, pairs % width
        self.by_pair = np.argsort(self.pair_of, kind="stable")
        self.pair_start = np.concatenate(
            [[0], np.cumsum(np.bincount(self.pair_of, minlength=len(pairs)))])
        # Fixed-width strings, as DyadFrame holds them.
        self.cluster_id = table.column("cluster_id").to_numpy(zero_copy_only=False).astype(str)
        self.day = table.column("_day").to_numpy()
        self.private = table.column("_private").to_numpy(zero_copy_only=False)
        self.goldstein = table.column("_goldstein").fill_null(np.nan).to_numpy()
        self.quad = table.column("_quad").to_numpy()
        self.weight = table.column("_weight").to_numpy()
        self.mentions = table.column("_mentions").to_numpy()
        keep = [c for c in table.column_names if not c.startswith("_")]
        self.details_table = pa.table([table.column(c).combine_chunks() for c in keep],
                                      names=keep)
        # Details already made, by position: the windows of a dyad show the same extremes
        # and turning points again and again (a take of 12 columns made into dicts was a
        # fifth of the server's time under distinct /relations requests).
        self._details: dict[int, dict[str, Any]] = {}
        self._details_lock = threading.Lock()

    def __len__(self) -> int:
        return int(self.n)

    @classmethod
    def build(cls, store: Store) -> ClusterIndex:
        """The index of the store's clusters (which must be up to date)."""
        return cls(happened_clusters(store), store.corpus_start())

    def dyad(self, a: str, b: str, *, background_days: int = BACKGROUND_DAYS) -> DyadRows:
        """What :func:`~detente.analyze.relations.frame.dyad_frame` reads for ``a`` and
        ``b``, and where its clusters are."""
        a, b = a.strip().upper(), b.strip().upper()
        src, tgt = self.source, self.target
        s_a = src.test(lambda c, k, i: side_matches(a, c, k, i))[self.pair_source]
        s_b = src.test(lambda c, k, i: side_matches(b, c, k, i))[self.pair_source]
        t_a = tgt.test(lambda c, k, i: side_matches(a, c, k, i))[self.pair_target]
        t_b = tgt.test(lambda c, k, i: side_matches(b, c, k, i))[self.pair_target]
        pre = (src.test(lambda c, _k, i: dyad_prefilter(a, b, c, i))[self.pair_source]
               & tgt.test(lambda c, _k, i: dyad_prefilter(a, b, c, i))[self.pair_target])
        ab_pair = s_a & t_b
        matched = np.flatnonzero(pre & (ab_pair | (s_b & t_a)))
        if len(matched) > _FEW_PAIRS:
            at = np.flatnonzero(np.isin(self.pair_of, matched))
        else:
            runs = [self.by_pair[self.pair_start[p]:self.pair_start[p + 1]] for p in matched]
            at = np.sort(np.concatenate(runs)) if runs else np.zeros(0, dtype=np.int64)
        cols = {"cluster_id": self.cluster_id[at], "day": self.day[at],
                "ab": ab_pair[self.pair_of[at]], "private": self.private[at],
                "goldstein": self.goldstein[at], "quad": self.quad[at],
                "weight": self.weight[at], "mentions": self.mentions[at]}
        frame = frame_of(a, b, cols, self.corpus_start, background_days=background_days)
        return DyadRows(frame, cols["cluster_id"], at)

    def busiest(self, limit: int) -> list[tuple[str, str]]:
        """The ``limit`` pairs of countries with the most clusters between them (either
        direction), busiest first, the more frequent source first (as the dashboard's dyad
        list, ``GET /dyads``, orders events)."""
        width = np.diff(self.pair_start)
        both: dict[tuple[str, str], list[int]] = {}
        for s, t, n in zip(self.pair_source.tolist(), self.pair_target.tolist(),
                           width.tolist(), strict=True):
            a, b = self.source.actors[s][0], self.target.actors[t][0]
            if a and b and a != b:
                counts = both.setdefault((min(a, b), max(a, b)), [0, 0])
                counts[a > b] += n
        ranked = sorted(both.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
        return [(x, y) if fwd >= back else (y, x) for (x, y), (fwd, back) in ranked[:limit]]

    def dense(self, min_clusters: int) -> list[tuple[str, str, int]]:
        """Dyads with at least ``min_clusters`` clusters between them (either direction),
        densest first, each named as a request may name it: a side is its country or its
        actor code (RUS, USAGOV), the more frequent source first. Counts are of the actor
        pairs a name matches exactly; a code also matches the codes it begins (USAGOV:
        USAGOVX), so a code's count may fall short."""
        width = np.diff(self.pair_start)
        both: dict[tuple[str, str], list[int]] = {}
        for s, t, n in zip(self.pair_source.tolist(), self.pair_target.tolist(),
                           width.tolist(), strict=True):
            source, target = self.source.actors[s], self.target.actors[t]
            for a in {source[0], source[1]} - {None, ""}:
                for b in {target[0], target[1]} - {None, ""}:
                    if a != b:
                        counts = both.setdefault((min(a, b), max(a, b)), [0, 0])
                        counts[a > b] += n
        ranked = sorted(((x, y, fwd, back) for (x, y), (fwd, back) in both.items()
                         if fwd + back >= min_clusters),
                        key=lambda r: (-(r[2] + r[3]), r[0], r[1]))
        return [(x, y, fwd + back) if fwd >= back else (y, x, fwd + back)
                for x, y, fwd, back in ranked]

    def details(self, rows: DyadRows, ids: Sequence[str]) -> list[dict[str, Any]]:
        """What :func:`~detente.store.clusters.cluster_details` reads for ``ids`` (clusters
        of the dyad of ``rows``), in their order."""
        where = rows.where()
        at = [where[i] for i in ids if i in where]
        made = self._details
        with self._details_lock:
            missing = [k for k in at if k not in made]
            if missing:
                if len(made) + len(missing) > _DETAILS_KEPT:
                    made.clear()
                found = self.details_table.take(pa.array(missing, pa.int64())).to_pylist()
                made.update(zip(missing, found, strict=True))
            return [made[k] for k in at]
