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
from datetime import date, timedelta
from typing import overload

import numpy as np

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
    TurningPoint,
)
from detente.analyze.relations.turns import find_turns
from detente.errors import UsageError
from detente.store.db import Store

__all__ = ["MAX_PERIODS", "DyadSeries", "Extreme", "Point", "RelationsOptions",
           "RelationsResult", "TurningPoint", "dyad_series", "relations", "relations_of"]


# The most periods one answer shows (about 27 years of days): a window is built point by
# point, so a far-off "to" must not make a server build millions of them.
MAX_PERIODS = 10_000


_TRACKS = ("combined", "ab", "ba", "public", "private")



def _ewm(s: list[float], w: list[float], lam: float,
         carry: int) -> tuple[list[float | None], list[float]]:
    """Exponentially weighted mean index and the decayed weight behind it, per period
    (None before the first weight, and more than ``carry`` periods after the last)."""
    idx: list[float | None] = []
    weight: list[float] = []
    acc_s = acc_w = 0.0
    last: float | None = None
    seen = -1
    for t, (s_t, w_t) in enumerate(zip(s, w, strict=True)):
        acc_s = lam * acc_s + s_t
        acc_w = lam * acc_w + w_t
        weight.append(acc_w)
        if w_t > 0:
            seen = t
        if acc_w > 1e-12:
            last = acc_s / acc_w
        idx.append(last if seen >= 0 and t - seen <= carry else None)
    return idx, weight


def _carry_periods(freq: str, opts: RelationsOptions) -> int:
    return opts.carry_days // FREQS[freq]


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


_EPOCH = date(1970, 1, 1)


def _period_index(day: np.ndarray, freq: str) -> np.ndarray:
    """Each day's period as an integer: the day itself, the week's Monday (as a day), or
    the month (months since 1970-01)."""
    out: np.ndarray = day
    if freq == "week":
        out = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    elif freq == "month":
        out = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return out


def _period_of(d: date, freq: str) -> int:
    return int(_period_index(np.array([(d - _EPOCH).days], dtype=np.int64), freq)[0])


def _period_date(p: int, freq: str) -> date:
    if freq == "month":
        return date(1970 + p // 12, p % 12 + 1, 1)
    return _EPOCH + timedelta(days=p)


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
    first: int  # the first point's period (see _period_index)
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
        shown = [self.points[i] if 0 <= i < n else self._quiet_point(i)
                 for i in range(lo, hi + 1)]
        ctx = _Ctx(frame, self.pos, self.opts, self._ranked)
        lowest, highest = _extremes(shown, lo, ctx)
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

    def periods(self, start: str | None = None, end: str | None = None) -> int:
        """How many periods :meth:`window` shows for ``start`` and ``end``."""
        if not self.points:
            return 0
        lo, hi = self._bounds(start, end)
        return max(0, hi - lo + 1)

    def _bounds(self, start: str | None, end: str | None) -> tuple[int, int]:
        """The first and last point a window from ``start`` to ``end`` shows."""
        lo = (_period_of(date.fromisoformat(start), self.freq) - self.first) // self.step \
            if start else 0
        hi = (_period_of(date.fromisoformat(end), self.freq) - self.first) // self.step \
            if end else len(self.points) - 1
        return lo, hi

    def reversed(self, frame: DyadFrame) -> DyadSeries:
        """This series seen from the other side: ``frame`` holds the same rows as this
        series' frame with its actors swapped and every row's ``ab`` negated (see
        :meth:`DyadFrame.is_reverse_of`), so its ``a_to_b`` track is this one's
        ``b_to_a``; the rest is the same, computed once for both orders."""
        swap = {"ab": "ba", "ba": "ab"}
        points = _Points(len(self.points), lambda i: _swapped(self.points[i]))
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
        period = _period_date(self.first + i * self.step, self.freq).isoformat()
        if i < 0:
            return Point(period=period, index=None, goldstein=None, goldstein_sum=0.0,
                         events=0, mentions=0, quad=[0, 0, 0, 0], ab=None, ba=None,
                         public=None, private=None, events_ab=0, events_ba=0, events_public=0,
                         events_private=0, diverging=False)
        last = self.points[-1]
        weight = self.private_weight * self.lam ** (i - len(self.points) + 1)
        carry = _carry_periods(self.freq, self.opts)

        def carried(track: str, value: float | None) -> float | None:
            return value if i - self.last_seen.get(track, -1) <= carry else None

        public, private = carried("public", last.public), carried("private", last.private)
        return Point(period=period, index=carried("combined", last.index), goldstein=None,
                     goldstein_sum=0.0, events=0, mentions=0, quad=[0, 0, 0, 0],
                     ab=carried("ab", last.ab), ba=carried("ba", last.ba), public=public,
                     private=private, events_ab=0, events_ba=0, events_public=0,
                     events_private=0,
                     diverging=_diverging(public, private, weight, self.opts))


def _swapped(p: Point) -> Point:
    """``p`` with its directed tracks swapped (made directly: ``dataclasses.replace`` took
    30 ms of the 85 ms a 3,650-day history's first whole view took)."""
    return Point(period=p.period, index=p.index, goldstein=p.goldstein,
                 goldstein_sum=p.goldstein_sum, events=p.events, mentions=p.mentions,
                 quad=p.quad, ab=p.ba, ba=p.ab, public=p.public, private=p.private,
                 events_ab=p.events_ba, events_ba=p.events_ab, events_public=p.events_public,
                 events_private=p.events_private, diverging=p.diverging)


def _diverging(public: float | None, private: float | None, private_weight: float,
               opts: RelationsOptions) -> bool:
    return (public is not None and public <= opts.hostile and private is not None
            and private >= 0.0 and private_weight >= opts.open_weight)


def dyad_series(frame: DyadFrame, freq: str = "week",
                options: RelationsOptions | None = None, *,
                turns_of: Callable[..., list[tuple[int, float]]] = find_turns) -> DyadSeries:
    """The :class:`DyadSeries` of ``frame`` per ``freq`` period. ``turns_of`` is called as
    :func:`find_turns` is and must answer as it does (the HTTP server runs it in another
    process)."""
    opts = options or RelationsOptions()
    check_dyad(frame.a, frame.b, freq)
    per = _period_index(frame.day, freq)
    step = FREQS[freq] if freq != "month" else 1
    lam = 0.5 ** (FREQS[freq] / opts.half_life_days)
    if not len(frame):
        return DyadSeries(frame, freq, opts, 0, step, [], per, [], lam, 0.0)
    first = int(per[0])
    pos = (per - first) // step
    cols = _Columns.of(frame, pos, freq, opts, lam)
    turns = turns_of(cols.goldstein, penalty_factor=opts.penalty_factor,
                     min_turn=opts.min_turn)
    points = _Points(len(cols.goldstein), cols.point_maker(first, step, freq))
    return DyadSeries(frame, freq, opts, first, step, points, pos, turns, lam,
                      cols.private_weight, cols.last_seen)


class _Points(Sequence[Point]):
    """A series' points, each made when first asked for: a window shows a few hundred
    of the thousands of days a history holds (making every point of a 3,650-day history
    took 28 ms of its 180 ms on the 1M-event benchmark store)."""

    def __init__(self, n: int, make: Callable[[int], Point]) -> None:
        self._made: list[Point | None] = [None] * n
        self._make = make

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, i: int) -> Point: ...

    @overload
    def __getitem__(self, i: slice) -> list[Point]: ...

    def __getitem__(self, i: int | slice) -> Point | list[Point]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._made)
        if not 0 <= i < len(self._made):
            raise IndexError(i)
        found = self._made[i]
        if found is None:
            found = self._made[i] = self._make(i)
        return found


@dataclass(frozen=True)
class _Columns:
    """A dyad's series as per-period columns (plain lists, one entry per period): what its
    points show. The sums add the frame's rows in their order, as separate per-track
    ``np.bincount`` calls did, so every value is the same float."""

    index: dict[str, list[float | None]]  # per track
    goldstein: list[float | None]
    goldstein_sum: list[float]
    events: dict[str, list[int]]  # per track
    mentions: list[int]
    quad: list[list[int]]
    diverging: list[bool]
    private_weight: float  # the private track's decayed weight at the last period
    last_seen: dict[str, int]

    @classmethod
    def of(cls, frame: DyadFrame, pos: np.ndarray, freq: str, opts: RelationsOptions,
           lam: float) -> _Columns:
        n = int(pos[-1]) + 1
        gold = frame.goldstein
        known = ~np.isnan(gold)
        wg = np.where(known, frame.weight * np.nan_to_num(gold), 0.0)
        w = np.where(known, frame.weight, 0.0)
        # Two tracks a bincount: the rows of a period are added in the frame's order within
        # each half, as a bincount of the masked rows adds them.
        pair_ab = 2 * pos + (~frame.ab)
        pair_pub = 2 * pos + frame.private
        sums: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {
            "combined": (np.bincount(pos, weights=wg, minlength=n),
                         np.bincount(pos, weights=w, minlength=n),
                         np.bincount(pos, minlength=n))}
        for key, names in ((pair_ab, ("ab", "ba")), (pair_pub, ("public", "private"))):
            both = (np.bincount(key, weights=wg, minlength=2 * n).reshape(n, 2),
                    np.bincount(key, weights=w, minlength=2 * n).reshape(n, 2),
                    np.bincount(key, minlength=2 * n).reshape(n, 2))
            for half, name in enumerate(names):
                sums[name] = (both[0][:, half], both[1][:, half], both[2][:, half])
        carry = _carry_periods(freq, opts)
        tracks = {t: _ewm(sums[t][0].tolist(), sums[t][1].tolist(), lam, carry)
                  for t in _TRACKS}
        index = {t: tracks[t][0] for t in _TRACKS}
        private_weight = tracks["private"][1]
        last_seen = {}
        for t in _TRACKS:
            seen = np.flatnonzero(sums[t][1] > 0)
            last_seen[t] = int(seen[-1]) if len(seen) else -1
        wg_own, w_own = sums["combined"][0].tolist(), sums["combined"][1].tolist()
        quad = np.bincount(4 * pos + np.clip(frame.quad - 1, 0, 3),
                           weights=(frame.quad >= 1) & (frame.quad <= 4),
                           minlength=4 * n).reshape(n, 4).astype(int).tolist()
        public, private = index["public"], index["private"]
        return cls(
            index=index,
            goldstein=[a / b if b > 0 else None for a, b in zip(wg_own, w_own, strict=True)],
            goldstein_sum=np.bincount(pos, weights=np.nan_to_num(gold), minlength=n).tolist(),
            events={t: sums[t][2].tolist() for t in _TRACKS},
            mentions=np.bincount(pos, weights=frame.mentions, minlength=n).astype(int).tolist(),
            quad=quad,
            diverging=[_diverging(pub, prv, pw, opts)
                       for pub, prv, pw in zip(public, private, private_weight, strict=True)],
            private_weight=private_weight[-1], last_seen=last_seen)

    def point_maker(self, first: int, step: int, freq: str) -> Callable[[int], Point]:
        """What makes point ``i`` of the series whose first period is ``first``."""
        index, events = self.index, self.events

        def make(i: int) -> Point:
            return Point(
                period=_period_date(first + i * step, freq).isoformat(),
                index=index["combined"][i], goldstein=self.goldstein[i],
                goldstein_sum=self.goldstein_sum[i], events=events["combined"][i],
                mentions=self.mentions[i], quad=self.quad[i], ab=index["ab"][i],
                ba=index["ba"][i], public=index["public"][i], private=index["private"][i],
                events_ab=events["ab"][i], events_ba=events["ba"][i],
                events_public=events["public"][i], events_private=events["private"][i],
                diverging=self.diverging[i])

        return make


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


def _extremes(shown: list[Point], offset: int, ctx: _Ctx,
              ) -> tuple[Extreme | None, Extreme | None]:
    """The lowest and highest of the ``shown`` points that have events; ``offset`` is the
    first shown point's place in the history."""
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
