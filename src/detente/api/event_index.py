"""The server's in-memory read model of the events listing (``GET /events``).

DuckDB answers a filtered, paged events query in 2-4 ms on the demo store, 95-130 ms on the
1M-event store of ``bench/bench_api.py --events 1000000`` (the actor filters test names and
texts as substrings, so every row is read; and the total needs every match). Under 50
concurrent clients on 2 cores that queues up: p99 8.3 s for distinct /events requests on
the 1M-event store. The server is the store's only writer, so it can hold the listing in
memory, rebuild it after each write, and answer from NumPy arrays in about a millisecond.

The listing is held in the listing's order (newest first, undated last): the rows as shown
(:data:`~detente.store.queries.EVENT_COLUMNS` and the article's title, outlet and date) as
JSON text, one string of values per row rendered by DuckDB when the index is built, which a
page puts into its row template (a page of Arrow columns made into dicts and then JSON took
0.9 ms of the 2 ms a distinct request cost the server, 33 columns at ~13 us each); and what
filters test as NumPy arrays. A date range is a contiguous run of positions (found by
binary search); an actor filter is a sorted array of positions, made once per actor value
from the distinct actors of that side and kept (:data:`_POSTINGS` of them); the other
filters are tested on the positions left. It gives the same rows (as the API's JSON shows
them) and totals as :func:`~detente.store.queries.list_events` for every filter
(``tests/api/test_event_index.py`` checks this on random filters).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detente.store.db import Store
from detente.store.queries import (
    TARGETED_CATEGORIES,
    EventFilter,
    actor_matches,
    coded_source,
    event_count,
    event_listing_table,
    json_values,
    target_shown,
)

__all__ = ["EventIndex"]

_EPOCH = date(1970, 1, 1).toordinal()
_UNDATED = np.iinfo(np.int64).max  # sorts after every dated event in the descending key
_SIDE_COLUMNS = ("country", "code", "id", "name", "text")
# Actor values whose positions are kept per side: an analyst's filters name a few dozen
# actors; each array is 4 bytes per matching event.
_POSTINGS = 256


class _Side:
    """One side (source or target) of every event, as a key into its distinct actors:
    a filter is tested once per distinct actor, not once per event."""

    def __init__(self, keys: np.ndarray, actors: list[tuple[Any, ...]]) -> None:
        self.keys = keys
        self.actors = actors
        # Every position grouped by actor, ascending within each (a stable sort), and where
        # each actor's group starts: an actor filter joins its actors' groups instead of
        # testing a million keys (18 ms a filter on the 1M-event store, against about 1 ms).
        self._order = np.argsort(keys, kind="stable")
        self._starts = np.searchsorted(keys[self._order], np.arange(len(actors) + 1))
        self._positions: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def positions(self, value: str) -> np.ndarray:
        """The sorted positions of the events whose actor on this side matches ``value``."""
        with self._lock:
            found = self._positions.get(value)
            if found is not None:
                self._positions.move_to_end(value)
                return found
        groups = [self._order[self._starts[k]:self._starts[k + 1]]
                  for k, a in enumerate(self.actors) if actor_matches(value, *a)]
        # int64 like every bound it is searched with: a search of an int32 array for int64
        # bounds converts the whole array first.
        if not groups:
            out = np.zeros(0, dtype=np.int64)
        elif len(groups) == 1:
            out = groups[0]
        else:
            out = np.sort(np.concatenate(groups))
        with self._lock:
            self._positions[value] = out
            while len(self._positions) > _POSTINGS:
                self._positions.popitem(last=False)
        return out


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, dict[Any, int]]:
    """A string column as small integer codes (-1 for null) and the code of each value."""
    encoded = column.combine_chunks().dictionary_encode()
    values = encoded.dictionary.to_pylist()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, {v: i for i, v in enumerate(values)}


def _actor_keys(table: pa.Table, side: str) -> tuple[np.ndarray, np.ndarray]:
    """A number per distinct actor (its country, code, id, name and text) of one side, for
    every row; and the first row of each number."""
    # One string per actor, nulls told from empty strings; dictionary-encoded in Arrow
    # (a DuckDB window per side took 5 s of the 12 s build on the 1M-event store).
    joined = pc.binary_join_element_wise(
        *[table.column(f"_{side}_{c}") for c in _SIDE_COLUMNS], "\x1f",
        null_handling="replace", null_replacement="\x1e")
    keys = joined.combine_chunks().dictionary_encode().indices.to_numpy().astype(np.int32)
    _, first = np.unique(keys, return_index=True)
    return keys, first


# Between a row's JSON values: JSON text escapes every control character inside strings.
_SEP = "\x1f"


def _rendered(table: pa.Table) -> tuple[pa.Array, str]:
    """Each row of ``table`` as its columns' JSON values joined by :data:`_SEP`, in one
    Arrow array (a page taken across chunks cost 50 ms against 0.4 ms); and the template
    (``%s`` per value) that makes such a row a JSON object.

    DuckDB renders the values (about 1 s for the 1M-event store, against 30 s for
    ``json.dumps`` per value); as text they take about as much memory as the columns did.
    """
    template = "{" + ",".join(json.dumps(n).replace("%", "%%") + ":%s"
                              for n in table.column_names) + "}"
    return json_values(table, _SEP), template


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    out: np.ndarray = column.cast(pa.float64()).fill_null(np.nan).to_numpy()
    return out


class EventIndex:
    """Every stored event's listing row, answering :class:`EventFilter` queries."""

    def __init__(self, table: pa.Table) -> None:
        """``table``: the listing's rows in its order, with ``_day`` (days since 1970-01-01,
        null when undated) and per side ``_{side}_key`` (a dense number per distinct actor)
        and ``_{side}_{country,code,id,name,text}``."""
        n = table.num_rows
        self.n = n
        sides: dict[str, _Side] = {}
        for side in ("source", "target"):
            keys, first = _actor_keys(table, side)
            columns = [table.column(f"_{side}_{c}").take(pa.array(first)).to_pylist()
                       for c in _SIDE_COLUMNS]
            sides[side] = _Side(keys, list(zip(*columns, strict=True)))
        self.source, self.target = sides["source"], sides["target"]
        coded = np.fromiter((coded_source(a[0], a[1]) for a in self.source.actors), dtype=bool,
                            count=len(self.source.actors))
        self.coded = coded[self.source.keys] if n else np.zeros(0, dtype=bool)
        self.category, self._category_codes = _codes(table.column("category"))
        if n:
            # The default view's test on the target (``target_shown``): a targeted act whose
            # named target is uncoded is out. Tested once per category and per target actor.
            targeted = np.array([not target_shown(c, "", None, None)
                                 for c in self._category_codes] + [False], dtype=bool)
            uncoded = np.fromiter((not target_shown(TARGETED_CATEGORIES[0], a[4], a[0], a[1])
                                   for a in self.target.actors), dtype=bool,
                                  count=len(self.target.actors))
            # (code -1, a null category, indexes the appended False)
            self.coded &= ~(targeted[self.category] & uncoded[self.target.keys])
            # Events of an article that is no political story (``off_topic`` says why).
            self.coded &= table.column("off_topic").is_null().to_numpy(zero_copy_only=False)
        self.channel, self._channel_codes = _codes(table.column("channel"))
        self.country, self._country_codes = _codes(table.column("location_country"))
        day = table.column("_day").cast(pa.int64())
        # Descending by date in the listing, so its negation ascends: a date range is a run.
        self.neg_day = pc.negate(day).fill_null(_UNDATED).to_numpy()
        self.dated = int(n - day.null_count)
        self.lat = _floats(table.column("location_lat"))
        self.lon = _floats(table.column("location_lon"))
        self.confidence = _floats(table.column("confidence"))
        self.rows, self._template = _rendered(table.drop_columns(
            [c for c in table.column_names if c.startswith("_")]))

    def __len__(self) -> int:
        return int(self.n)

    @classmethod
    def build(cls, store: Store, *, max_events: int) -> EventIndex | None:
        """The index of the store's events; None when there are more than ``max_events``."""
        if event_count(store) > max_events:
            return None
        table = event_listing_table(store)
        return cls(table)

    def _date_run(self, f: EventFilter) -> tuple[int, int]:
        """The positions ``[lo, hi)`` whose dates pass ``f.start`` and ``f.end``."""
        lo, hi = 0, self.n
        if f.start:
            since = date.fromisoformat(f.start).toordinal() - _EPOCH
            hi = int(np.searchsorted(self.neg_day, -since, side="right"))
        if f.end:
            until = date.fromisoformat(f.end).toordinal() - _EPOCH
            lo = int(np.searchsorted(self.neg_day, -until, side="left"))
            hi = min(hi, self.dated)
        return lo, max(lo, hi)

    def _candidates(self, f: EventFilter, lo: int, hi: int) -> np.ndarray:
        """Positions in ``[lo, hi)`` passing the actor filters, sorted."""
        found: np.ndarray | None = None

        bounds = np.array([lo, hi], dtype=np.int64)

        def within(positions: np.ndarray) -> np.ndarray:
            a, b = positions.searchsorted(bounds)
            return positions[a:b]

        if f.actor:
            either = np.zeros(hi - lo, dtype=bool)
            either[within(self.source.positions(f.actor)) - lo] = True
            either[within(self.target.positions(f.actor)) - lo] = True
            found = np.flatnonzero(either) + lo
        for side, value in ((self.source, f.source), (self.target, f.target)):
            if value:
                mine = within(side.positions(value))
                found = mine if found is None else np.intersect1d(found, mine,
                                                                  assume_unique=True)
        return np.arange(lo, hi) if found is None else found

    def _place(self, f: EventFilter, at: np.ndarray) -> np.ndarray:
        """Which of the positions ``at`` pass the where filters, as
        :func:`~detente.store.queries.list_events` applies them."""
        mask = np.ones(len(at), dtype=bool)
        if f.country:
            mask &= self.country[at] == self._country_codes.get(f.country.strip().upper(), -2)
        lat, lon = self.lat[at], self.lon[at]
        with np.errstate(invalid="ignore"):  # NaN (no place) fails every comparison
            if f.bbox:
                min_lon, min_lat, max_lon, max_lat = f.bbox
                mask &= (lat >= min_lat) & (lat <= max_lat)
                if min_lon <= max_lon:
                    mask &= (lon >= min_lon) & (lon <= max_lon)
                else:
                    mask &= (lon >= min_lon) | (lon <= max_lon)
            if f.near:
                p_lat, p_lon, km = f.near
                p1, p2 = np.radians(p_lat), np.radians(lat)
                h = (np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2)
                     * np.sin(np.radians(lon - p_lon) / 2) ** 2)
                mask &= 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h))) <= km
        return mask

    def select_json(self, f: EventFilter) -> tuple[str, int]:
        """The page :func:`~detente.store.queries.list_events` answers for ``f``, as a JSON
        array, and how many events match."""
        at = self._candidates(f, *self._date_run(f))
        mask = self.coded[at] if f.coded else np.ones(len(at), dtype=bool)
        if f.category:
            mask &= self.category[at] == self._category_codes.get(f.category.upper(), -2)
        if f.channel:
            mask &= self.channel[at] == self._channel_codes.get(f.channel.lower(), -2)
        if f.min_confidence is not None:
            mask &= self.confidence[at] >= f.min_confidence
        if f.country or f.bbox or f.near:
            mask &= self._place(f, at)
        hits = at[mask]
        return self.page(hits[f.offset: f.offset + f.limit]), len(hits)

    def select(self, f: EventFilter) -> tuple[list[dict[str, Any]], int]:
        """What :func:`~detente.store.queries.list_events` answers for ``f``, as the API
        shows it (dates as ISO text)."""
        rows, total = self.select_json(f)
        return json.loads(rows), total

    def page(self, at: np.ndarray) -> str:
        """The rows at positions ``at``, as a JSON array."""
        values = self.rows.take(pa.array(at, pa.int64())).to_pylist()
        template = self._template
        return "[" + ",".join([template % tuple(v.split(_SEP)) for v in values]) + "]"
