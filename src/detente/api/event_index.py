"""The server's in-memory read model of the events listing (``GET /events``).

DuckDB answers a filtered, paged events query in 2-4 ms however small the table is (most of
it planning and result conversion). Under 50 concurrent clients on 2 cores that queues up:
``bench/bench_api.py`` measured p99 550 ms at 230 req/s for distinct /events requests on
the demo store. The server is the store's only writer, so it can hold the listing in memory,
rebuild it after each write, and answer from NumPy masks in a fraction of a millisecond.

It holds every event's listed columns (:data:`~detente.store.queries.EVENT_COLUMNS` and its
article's title, outlet and date), in the listing's order, so it is used only up to
``max_events`` events (about 1 KB each); larger stores are answered by
:func:`~detente.store.queries.list_events`. Both give the same rows and totals for every
filter (``tests/api/test_event_index.py`` checks this on random filters).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from detente.store.db import Store
from detente.store.queries import (
    EventFilter,
    actor_matches,
    coded_source,
    event_count,
    event_listing,
)

__all__ = ["EventIndex"]

_NO_DATE = np.iinfo(np.int64).min  # undated events fail every date bound
_SIDE_COLUMNS = ("country", "code", "id", "name", "text")


class _Side:
    """One side (source or target) of every event, as an index into its distinct actors:
    a filter is tested once per distinct actor, not once per event."""

    def __init__(self, values: Sequence[tuple[Any, ...]]) -> None:
        self.actors: list[tuple[Any, ...]] = []
        seen: dict[tuple[Any, ...], int] = {}
        keys = np.empty(len(values), dtype=np.int64)
        for i, v in enumerate(values):
            keys[i] = seen.setdefault(v, len(seen))
            if keys[i] == len(self.actors):
                self.actors.append(v)
        self.keys = keys

    def matching(self, value: str) -> np.ndarray:
        hits = np.fromiter((actor_matches(value, *a) for a in self.actors), dtype=bool,
                           count=len(self.actors))
        out: np.ndarray = hits[self.keys] if len(self.actors) else np.zeros(0, dtype=bool)
        return out


class EventIndex:
    """Every stored event's listing row, answering :class:`EventFilter` queries."""

    def __init__(self, rows: list[dict[str, Any]], source: Sequence[tuple[Any, ...]],
                 target: Sequence[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.source = _Side(source)
        self.target = _Side(target)
        self.coded = np.fromiter((coded_source(a[0], a[1]) for a in source), dtype=bool,
                                 count=len(source))
        self.category = np.array([r["category"] for r in rows], dtype=object)
        self.channel = np.array([r["channel"] for r in rows], dtype=object)
        self.day = np.array([r["event_date"].toordinal() if r["event_date"] else _NO_DATE
                             for r in rows], dtype=np.int64)
        self.country = np.array([r["location_country"] for r in rows], dtype=object)
        self.lat = np.array([np.nan if r["location_lat"] is None else r["location_lat"]
                             for r in rows], dtype=np.float64)
        self.lon = np.array([np.nan if r["location_lon"] is None else r["location_lon"]
                             for r in rows], dtype=np.float64)

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def build(cls, store: Store, *, max_events: int) -> EventIndex | None:
        """The index of the store's events; None when there are more than ``max_events``."""
        if event_count(store) > max_events:
            return None
        rows = event_listing(store, [f"e.{side}_{c} AS _{side}_{c}"
                                     for side in ("source", "target") for c in _SIDE_COLUMNS])
        split: dict[str, list[tuple[Any, ...]]] = {"source": [], "target": []}
        for r in rows:
            for side, out in split.items():
                out.append(tuple(r.pop(f"_{side}_{c}") for c in _SIDE_COLUMNS))
        return cls(rows, split["source"], split["target"])

    def _place_mask(self, f: EventFilter) -> np.ndarray:
        """The where filters, as :func:`~detente.store.queries.list_events` applies them."""
        mask = np.ones(len(self.rows), dtype=bool)
        if f.country:
            mask &= self.country == f.country.strip().upper()
        with np.errstate(invalid="ignore"):  # NaN (no place) fails every comparison
            if f.bbox:
                min_lon, min_lat, max_lon, max_lat = f.bbox
                mask &= (self.lat >= min_lat) & (self.lat <= max_lat)
                if min_lon <= max_lon:
                    mask &= (self.lon >= min_lon) & (self.lon <= max_lon)
                else:
                    mask &= (self.lon >= min_lon) | (self.lon <= max_lon)
            if f.near:
                lat, lon, km = f.near
                p1, p2 = np.radians(lat), np.radians(self.lat)
                h = (np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2)
                     * np.sin(np.radians(self.lon - lon) / 2) ** 2)
                mask &= 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h))) <= km
        return mask

    def select(self, f: EventFilter) -> tuple[list[dict[str, Any]], int]:
        """What :func:`~detente.store.queries.list_events` answers for ``f``."""
        mask = self.coded.copy() if f.coded else np.ones(len(self.rows), dtype=bool)
        if f.actor:
            mask &= self.source.matching(f.actor) | self.target.matching(f.actor)
        if f.source:
            mask &= self.source.matching(f.source)
        if f.target:
            mask &= self.target.matching(f.target)
        if f.category:
            mask &= self.category == f.category.upper()
        if f.channel:
            mask &= self.channel == f.channel.lower()
        if f.start:
            mask &= self.day >= date.fromisoformat(f.start).toordinal()
        if f.end:
            mask &= (self.day <= date.fromisoformat(f.end).toordinal()) & (self.day != _NO_DATE)
        if f.country or f.bbox or f.near:
            mask &= self._place_mask(f)
        hits = np.flatnonzero(mask)
        page = hits[f.offset: f.offset + f.limit]
        return [dict(self.rows[i]) for i in page], len(hits)
