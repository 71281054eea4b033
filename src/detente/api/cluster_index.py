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


class DyadRows:
    """A dyad's frame and where each of its clusters is in the index."""

    def __init__(self, frame: DyadFrame, at: dict[str, int]) -> None:
        self.frame = frame
        self.at = at


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
        """``check(country, code, id)`` of every row, computed once per distinct actor."""
        per_actor = np.fromiter((bool(check(*a)) for a in self.actors), dtype=bool,
                                count=len(self.actors))
        out: np.ndarray = per_actor[self.keys]
        return out


class ClusterIndex:
    """Every cluster that happened and is dated, answering dyads and details."""

    def __init__(self, table: pa.Table, corpus_start: date | None) -> None:
        self.corpus_start = corpus_start
        self.n = table.num_rows
        self.source, self.target = _Side(table, "source"), _Side(table, "target")
        self.cluster_id = table.column("cluster_id").to_numpy(zero_copy_only=False)
        self.day = table.column("_day").to_numpy()
        self.private = table.column("_private").to_numpy(zero_copy_only=False)
        self.goldstein = table.column("_goldstein").fill_null(np.nan).to_numpy()
        self.quad = table.column("_quad").to_numpy()
        self.weight = table.column("_weight").to_numpy()
        self.mentions = table.column("_mentions").to_numpy()
        keep = [c for c in table.column_names if not c.startswith("_")]
        self.details_table = pa.table([table.column(c).combine_chunks() for c in keep],
                                      names=keep)

    def __len__(self) -> int:
        return self.n

    @classmethod
    def build(cls, store: Store) -> ClusterIndex:
        """The index of the store's clusters (which must be up to date)."""
        return cls(happened_clusters(store), store.corpus_start())

    def dyad(self, a: str, b: str, *, background_days: int = BACKGROUND_DAYS) -> DyadRows:
        """What :func:`~detente.analyze.relations.frame.dyad_frame` reads for ``a`` and
        ``b``, and where its clusters are."""
        a, b = a.strip().upper(), b.strip().upper()
        src, tgt = self.source, self.target
        s_a = src.test(lambda c, k, i: side_matches(a, c, k, i))
        s_b = src.test(lambda c, k, i: side_matches(b, c, k, i))
        t_a = tgt.test(lambda c, k, i: side_matches(a, c, k, i))
        t_b = tgt.test(lambda c, k, i: side_matches(b, c, k, i))
        pre = (src.test(lambda c, _k, i: dyad_prefilter(a, b, c, i))
               & tgt.test(lambda c, _k, i: dyad_prefilter(a, b, c, i)))
        ab = s_a & t_b
        at = np.flatnonzero(pre & (ab | (s_b & t_a)))
        cols = {"cluster_id": self.cluster_id[at], "day": self.day[at], "ab": ab[at],
                "private": self.private[at], "goldstein": self.goldstein[at],
                "quad": self.quad[at], "weight": self.weight[at],
                "mentions": self.mentions[at]}
        frame = frame_of(a, b, cols, self.corpus_start, background_days=background_days)
        return DyadRows(frame, dict(zip(cols["cluster_id"].tolist(), at.tolist(),
                                        strict=True)))

    def details(self, rows: DyadRows, ids: Sequence[str]) -> list[dict[str, Any]]:
        """What :func:`~detente.store.clusters.cluster_details` reads for ``ids`` (clusters
        of the dyad of ``rows``), in their order."""
        at = [rows.at[i] for i in ids if i in rows.at]
        out: list[dict[str, Any]] = self.details_table.take(
            pa.array(at, pa.int64())).to_pylist()
        return out
