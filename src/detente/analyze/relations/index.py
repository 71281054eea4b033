"""Where a relationship stands: the dyad series, the relations index, its lowest and highest
points, turning points, and the public and private tracks.

Everything is computed on de-duplicated events (``clusters``, see
:mod:`detente.analyze.dedup`), leaving out events that did not happen (negated or
``denied``) or are only ``hypothetical``.

**The relations index.** Each cluster ``i`` carries a weight
``w_i = confidence_i * (1 + ln(articles_i))`` and its Goldstein score ``g_i`` (-10..+10).
For the periods ``t`` of the series (day, week or month)::

    S_t = lam * S_(t-1) + sum_i w_i g_i        W_t = lam * W_(t-1) + sum_i w_i
    index_t = S_t / W_t                        lam = 0.5 ** (period_days / half_life_days)

an exponentially weighted mean Goldstein score. It is a weighted average of Goldstein
scores, so it stays in -10..+10 and reaches +/-10 only when every recent event is at the
extreme of the scale (full military aid; military attack). A period with no events keeps
the last value (the relationship does not reset to neutral because the news is quiet), for
at most ``carry_days`` after the track's last event; after that the track has no value
("no data", None) until its next event: a value carried for years says nothing.
``half_life_days = 14``: a week of events counts 1, the week before 0.71, a month before
0.25, so an ultimatum moves the index at once and a summit two weeks later can pull it back.

**The period the corpus reports on.** Articles recall the past ("nearly two decades ago");
such events are real but are not the relationship now. Events dated more than
``background_days`` before the earliest publication date in the store are **background**:
listed with the result (``background``), left out of the series, its extremes and turns.

**Windows.** The series is computed over the dyad's whole history (background aside), from
the period of its first event to that of its last, and ``start``/``end`` choose which
(whole) periods are shown: zooming in changes no value, the index of the first week shown
carries the weeks before it, and the turning points are those of the whole history that
fall in the window.
Periods after the last event keep the last index (the weight behind it decaying) up to
``carry_days``; periods before the first have none.

The same formula gives the directed indices (A to B, B to A), the public track and the
private track (``channel``). A period **diverges** when the public track is hostile
(index <= ``hostile``) while the private channel is open (its decayed weight is at least
``open_weight``: a confident private contact within about four weeks) and not hostile
(private index >= 0): the seed article's "lowest point while the back channel stays open".

Turning points: :mod:`detente.analyze.relations.turns`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import overload

import numpy as np

from detente.analyze.relations.columns import (
    Columns,
    Points,
    SeriesParts,
    carry_periods,
    is_diverging,
    period_date,
    period_index,
    period_of,
)
from detente.analyze.relations.frame import (
    FREQS,
    Details,
    DyadFrame,
    check_dyad,
    cluster_details,
    dyad_frame,
)
from detente.analyze.relations.result import (
    Extreme,
    Point,
    RelationsOptions,
    RelationsResult,
    SeriesView,
    TurningPoint,
)
from detente.analyze.relations.turns import find_turns
from detente.errors import UsageError
from detente.store.db import Store

__all__ = ["MAX_PERIODS", "DyadSeries", "Extreme", "Point", "RelationsOptions",
           "RelationsResult", "SeriesParts", "TurningPoint", "dyad_series", "relations",
           "relations_of", "series_parts"]


# The most periods one answer shows (about 27 years of days): a window is built point by
# point, so a far-off "to" must not make a server build millions of them.
MAX_PERIODS = 10_000


def relations(store: Store, a: str, b: str, *, freq: str = "week", start: str | None = None,
              end: str | None = None, options: RelationsOptions | None = None) -> RelationsResult:
    """The relations series of actors ``a`` and ``b`` (country codes such as "USA" or finer
    codes such as "USAGOV"), per ``freq`` period between ``start`` and ``end`` (ISO dates,
    inclusive)."""
    check_dyad(a, b, freq)
    frame = dyad_frame(store, a, b,
                       background_days=(options or RelationsOptions()).background_days)
    return relations_of(frame, freq=freq, start=start, end=end, options=options,
                        details=lambda ids: cluster_details(store, ids))


def relations_of(frame: DyadFrame, *, freq: str = "week", start: str | None = None,
                 end: str | None = None, options: RelationsOptions | None = None,
                 details: Details) -> RelationsResult:
    """:func:`relations` computed on a :class:`DyadFrame`; ``details`` fetches what the
    points show of their events (:func:`cluster_details` on the store)."""
    return dyad_series(frame, freq, options).window(start, end, details)


@dataclass(frozen=True, eq=False)
class DyadSeries:
    """A dyad's whole history at one frequency, from the period of its first event to that
    of its last, with its turning points; :meth:`window` shows any stretch of it."""

    frame: DyadFrame
    freq: str
    opts: RelationsOptions
    first: int  # the first point's period (see period_index)
    step: int  # periods between points: 1, 7 or 1 month
    points: Sequence[Point]  # made when first shown
    pos: np.ndarray  # each frame row's point
    turns: list[tuple[int, float]]  # (point, change) of each turning point
    lam: float
    private_weight: float  # the private track's decayed weight at the last point
    # Each track's last point with events (-1: none), for carrying values past the history.
    last_seen: dict[str, int] = field(default_factory=dict)
    # Points outside the history and the events behind points, made when first shown.
    _quiet_points: dict[int, Point] = field(default_factory=dict, repr=False)
    _ranked: dict[tuple[int, int, str], list[str]] = field(default_factory=dict, repr=False)

    def window(self, start: str | None = None, end: str | None = None,
               details: Details | None = None) -> RelationsResult:
        """The periods from ``start`` to ``end`` (ISO dates; default: the first and last
        event's), their lowest and highest points and the turning points among them, with
        the events behind each (from ``details``; none without it)."""
        frame, n = self.frame, len(self.points)
        background = (details or (lambda ids: []))(
            frame.background[: self.opts.top_background]) if frame.background else []
        empty = RelationsResult((frame.a, frame.b), self.freq, [], None, None, [], self.opts,
                                background)
        if not n:
            return empty
        lo, hi = self._bounds(start, end)
        if hi < lo:
            return empty
        if hi - lo + 1 > MAX_PERIODS:
            raise UsageError(f"the period asked for holds {hi - lo + 1:,} {self.freq}s; at most "
                             f"{MAX_PERIODS:,}: narrow from/to or use a coarser frequency")
        ctx = _Ctx(frame, self.pos, self.opts, self._ranked)
        shown: Sequence[Point]
        if isinstance(self.points, Points):
            shown = _Shown(self, lo, hi)
            lowest, highest = self._extremes(lo, hi, ctx)
        else:  # points given as such (tests' reference series)
            shown = [self.points[i] if 0 <= i < n else self._quiet_point(i)
                     for i in range(lo, hi + 1)]
            lowest, highest = _extremes_of(shown, lo, ctx)
        turns = []
        for at, change in self.turns:
            if lo <= at <= hi:
                point = TurningPoint(self.points[at].period, "up" if change > 0 else "down",
                                     change, [])
                ctx.pending.append((point, _events_in(ctx, max(at - 1, 0), at,
                                                      "desc" if change > 0 else "asc")))
                turns.append(point)
        _fill_details(ctx, details or (lambda ids: []))
        return RelationsResult((frame.a, frame.b), self.freq, shown, lowest, highest, turns,
                               self.opts, background)

    def _extremes(self, lo: int, hi: int, ctx: _Ctx) -> tuple[Extreme | None, Extreme | None]:
        """The lowest and highest of points ``lo``..``hi`` that have events (the earliest
        of equals), from the series' columns; points outside the history have none."""
        points = self.points
        assert isinstance(points, Points)
        a, b = max(lo, 0), min(hi, len(points) - 1)
        active = points.cols.active[a:b + 1] if a <= b else points.cols.active[:0]
        if not len(active) or np.isnan(active).all():
            return None, None
        out = []
        for i, order in ((a + int(np.nanargmin(active)), "asc"),
                         (a + int(np.nanargmax(active)), "desc")):
            value = points.cols.index["combined"][i]
            assert value is not None
            point = Extreme(points.period(i), value, [])
            ctx.pending.append((point, _events_in(ctx, i, i, order)))
            out.append(point)
        return out[0], out[1]

    def periods(self, start: str | None = None, end: str | None = None) -> int:
        """How many periods :meth:`window` shows for ``start`` and ``end``."""
        if not self.points:
            return 0
        lo, hi = self._bounds(start, end)
        return max(0, hi - lo + 1)

    def _bounds(self, start: str | None, end: str | None) -> tuple[int, int]:
        """The first and last point a window from ``start`` to ``end`` shows."""
        lo = (period_of(date.fromisoformat(start), self.freq) - self.first) // self.step \
            if start else 0
        hi = (period_of(date.fromisoformat(end), self.freq) - self.first) // self.step \
            if end else len(self.points) - 1
        return lo, hi

    def reversed(self, frame: DyadFrame) -> DyadSeries:
        """This series seen from the other side: ``frame`` holds the same rows as this
        series' frame with its actors swapped and every row's ``ab`` negated (see
        :meth:`DyadFrame.is_reverse_of`), so its ``a_to_b`` track is this one's
        ``b_to_a``; the rest is the same, computed once for both orders."""
        swap = {"ab": "ba", "ba": "ab"}
        base = self.points
        points: Sequence[Point] = (Points(base.cols, self.first, self.step, self.freq,
                                           mirror=base) if isinstance(base, Points) else [])
        return DyadSeries(frame, self.freq, self.opts, self.first, self.step, points,
                          self.pos, self.turns, self.lam, self.private_weight,
                          {swap.get(k, k): v for k, v in self.last_seen.items()})

    def _quiet_point(self, i: int) -> Point:
        """:meth:`_quiet`, kept for points near the history (a bounded number of them)."""
        if not -MAX_PERIODS <= i < len(self.points) + MAX_PERIODS:
            return self._quiet(i)
        found = self._quiet_points.get(i)
        if found is None:
            found = self._quiet_points.setdefault(i, self._quiet(i))
        return found

    def _quiet(self, i: int) -> Point:
        """Point ``i`` outside the history: before the first event nothing is known; after
        the last one the indices keep their value while the weight behind them decays."""
        period = period_date(self.first + i * self.step, self.freq).isoformat()
        if i < 0:
            return Point(period=period, index=None, goldstein=None, goldstein_sum=0.0,
                         events=0, mentions=0, quad=[0, 0, 0, 0], ab=None, ba=None,
                         public=None, private=None, events_ab=0, events_ba=0, events_public=0,
                         events_private=0, diverging=False)
        last = self.points[-1]
        weight = self.private_weight * self.lam ** (i - len(self.points) + 1)
        carry = carry_periods(self.freq, self.opts)

        def carried(track: str, value: float | None) -> float | None:
            return value if i - self.last_seen.get(track, -1) <= carry else None

        public, private = carried("public", last.public), carried("private", last.private)
        return Point(period=period, index=carried("combined", last.index), goldstein=None,
                     goldstein_sum=0.0, events=0, mentions=0, quad=[0, 0, 0, 0],
                     ab=carried("ab", last.ab), ba=carried("ba", last.ba), public=public,
                     private=private, events_ab=0, events_ba=0, events_public=0,
                     events_private=0,
                     diverging=is_diverging(public, private, weight, self.opts))


def dyad_series(frame: DyadFrame, freq: str = "week",
                options: RelationsOptions | None = None, *,
                parts_of: Callable[[DyadFrame, str, RelationsOptions], SeriesParts]
                | None = None) -> DyadSeries:
    """The :class:`DyadSeries` of ``frame`` per ``freq`` period. ``parts_of`` is called as
    :func:`series_parts` is and must answer as it does (the HTTP server runs it in another
    process)."""
    opts = options or RelationsOptions()
    check_dyad(frame.a, frame.b, freq)
    per = period_index(frame.day, freq)
    step = FREQS[freq] if freq != "month" else 1
    lam = 0.5 ** (FREQS[freq] / opts.half_life_days)
    if not len(frame):
        return DyadSeries(frame, freq, opts, 0, step, [], per, [], lam, 0.0)
    first = int(per[0])
    pos = (per - first) // step
    cols, turns = (parts_of or series_parts)(frame, freq, opts)
    points = Points(cols, first, step, freq)
    return DyadSeries(frame, freq, opts, first, step, points, pos, turns, lam,
                      cols.private_weight, cols.last_seen)


def series_parts(frame: DyadFrame, freq: str, opts: RelationsOptions) -> SeriesParts:
    """What takes the time in :func:`dyad_series` of a non-empty ``frame``: the series'
    per-period columns (from the frame's numbers: not its ``cluster_id`` or
    ``background``) and its turning points."""
    per = period_index(frame.day, freq)
    pos = (per - int(per[0])) // (FREQS[freq] if freq != "month" else 1)
    cols = Columns.of(frame, pos, freq, opts, 0.5 ** (FREQS[freq] / opts.half_life_days))
    return cols, find_turns(cols.goldstein, penalty_factor=opts.penalty_factor,
                            min_turn=opts.min_turn)


class _Shown(SeriesView):
    """Points ``lo`` to ``hi`` of ``series`` (those outside its history made as quiet
    points), as :meth:`DyadSeries.window` shows them."""

    def __init__(self, series: DyadSeries, lo: int, hi: int) -> None:
        self._series, self._lo, self._hi = series, lo, hi

    def __len__(self) -> int:
        return self._hi - self._lo + 1

    @overload
    def __getitem__(self, i: int) -> Point: ...

    @overload
    def __getitem__(self, i: slice) -> list[Point]: ...

    def __getitem__(self, i: int | slice) -> Point | list[Point]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        at, points = self._lo + i, self._series.points
        return points[at] if 0 <= at < len(points) else self._series._quiet_point(at)

    def _inside(self) -> tuple[int, int]:
        """The first and last shown point inside the history (``a > b``: none)."""
        return max(self._lo, 0), min(self._hi, len(self._series.points) - 1)

    def _outside(self) -> tuple[range, range]:
        """The shown points before and after the history."""
        n = len(self._series.points)
        return range(self._lo, min(self._hi + 1, 0)), range(max(self._lo, n), self._hi + 1)

    def json_text(self) -> str:
        points = self._series.points
        assert isinstance(points, Points)
        a, b = self._inside()
        before, after = self._outside()
        quiet = self._series._quiet_point
        texts = [quiet(i).json for i in before]
        if a <= b:
            texts.append(points.json(a, b + 1))
        texts.extend(quiet(i).json for i in after)
        return ",".join(texts)

    def diverging_periods(self) -> list[str]:
        points = self._series.points
        assert isinstance(points, Points)
        a, b = self._inside()
        before, after = self._outside()
        quiet = self._series._quiet_point
        found = [p.period for p in map(quiet, before) if p.diverging]
        if a <= b:
            found.extend(points.period(a + int(k))
                         for k in np.flatnonzero(points.cols.diverging_flags[a:b + 1]))
        found.extend(p.period for p in map(quiet, after) if p.diverging)
        return found


@dataclass(frozen=True)
class _Ctx:
    frame: DyadFrame
    pos: np.ndarray  # each frame row's place in the series
    opts: RelationsOptions
    ranked: dict[tuple[int, int, str], list[str]]  # _events_in's answers, kept
    # Points whose events are still cluster ids, filled in by _fill_details in one fetch.
    pending: list[tuple[Extreme | TurningPoint, list[str]]] = field(default_factory=list)


def _events_in(ctx: _Ctx, first: int, last: int, order: str) -> list[str]:
    """Ids of the clusters in periods ``first``..``last`` (0-based), most telling first:
    ``order`` is "asc" (most negative weighted Goldstein first) or "desc"."""
    known = ctx.ranked.get((first, last, order))
    if known is not None:
        return known
    # The frame is sorted by date, so a run of periods is a run of rows.
    lo = int(np.searchsorted(ctx.pos, first, side="left"))
    hi = int(np.searchsorted(ctx.pos, last, side="right"))
    rows = lo + np.flatnonzero(~np.isnan(ctx.frame.goldstein[lo:hi]))
    key = ctx.frame.weight[rows] * ctx.frame.goldstein[rows]
    if order == "desc":
        key = -key
    ranked = rows[np.lexsort((ctx.frame.cluster_id[rows], ctx.frame.day[rows], key))]
    out = ctx.ranked[(first, last, order)] = [
        str(c) for c in ctx.frame.cluster_id[ranked[: ctx.opts.top_events]]]
    return out


def _fill_details(ctx: _Ctx, details: Details) -> None:
    """Give the points their events' details, fetched in one call."""
    wanted = sorted({i for _, ids in ctx.pending for i in ids})
    found = {r["cluster_id"]: r for r in details(wanted)} if wanted else {}
    for point, ids in ctx.pending:
        point.events = [found[i] for i in ids if i in found]


def _extremes_of(shown: list[Point], offset: int, ctx: _Ctx,
                 ) -> tuple[Extreme | None, Extreme | None]:
    """:meth:`DyadSeries._extremes` from the ``shown`` points; ``offset`` is the first
    shown point's place in the history."""
    active = [(p.index, p.period, offset + i) for i, p in enumerate(shown)
              if p.events and p.index is not None]
    if not active:
        return None, None
    low = min(active)
    high = min(active, key=lambda x: (-x[0], x[1]))
    out = []
    for (value, period, i), order in ((low, "asc"), (high, "desc")):
        point = Extreme(period, value, [])
        ctx.pending.append((point, _events_in(ctx, i, i, order)))
        out.append(point)
    return out[0], out[1]
