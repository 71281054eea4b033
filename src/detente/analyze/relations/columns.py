"""A dyad series as per-period columns (:class:`Columns`: the sums, the relations index of
each track, the flags) and its points, made from them when first asked for
(:class:`Points`); the periods of a series (:func:`period_index`). The formula is in
:mod:`detente.analyze.relations.index`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import overload

import numpy as np

from detente.analyze.relations.frame import FREQS, DyadFrame
from detente.analyze.relations.result import (
    Point,
    RelationsOptions,
    point_jsons,
)

__all__ = ["EPOCH", "TRACKS", "Columns", "Points", "SeriesParts", "carry_periods", "ewm",
           "is_diverging", "period_date", "period_index", "period_of", "swapped"]

TRACKS = ("combined", "ab", "ba", "public", "private")



EPOCH = date(1970, 1, 1)


def period_index(day: np.ndarray, freq: str) -> np.ndarray:
    """Each day's period as an integer: the day itself, the week's Monday (as a day), or
    the month (months since 1970-01)."""
    out: np.ndarray = day
    if freq == "week":
        out = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    elif freq == "month":
        out = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return out


def period_of(d: date, freq: str) -> int:
    return int(period_index(np.array([(d - EPOCH).days], dtype=np.int64), freq)[0])


def period_date(p: int, freq: str) -> date:
    if freq == "month":
        return date(1970 + p // 12, p % 12 + 1, 1)
    return EPOCH + timedelta(days=p)


def ewm(s: list[float], w: list[float], lam: float,
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


def carry_periods(freq: str, opts: RelationsOptions) -> int:
    return opts.carry_days // FREQS[freq]


def swapped(p: Point) -> Point:
    """``p`` with its directed tracks swapped (made directly: ``dataclasses.replace`` took
    30 ms of the 85 ms a 3,650-day history's first whole view took)."""
    return Point(period=p.period, index=p.index, goldstein=p.goldstein,
                 goldstein_sum=p.goldstein_sum, events=p.events, mentions=p.mentions,
                 quad=p.quad, ab=p.ba, ba=p.ab, public=p.public, private=p.private,
                 events_ab=p.events_ba, events_ba=p.events_ab, events_public=p.events_public,
                 events_private=p.events_private, diverging=p.diverging)


def is_diverging(public: float | None, private: float | None, private_weight: float,
               opts: RelationsOptions) -> bool:
    return (public is not None and public <= opts.hostile and private is not None
            and private >= 0.0 and private_weight >= opts.open_weight)


@dataclass(frozen=True)
class Columns:
    """A dyad's series as per-period columns (plain lists, one entry per period): what its
    points show. The sums add the frame's rows in their order, as separate per-track
    ``np.bincount`` calls did, so every value is the same float."""

    index: dict[str, list[float | None]]  # per track
    goldstein: list[float | None]
    goldstein_sum: list[float]
    events: dict[str, list[int]]  # per track
    mentions: list[int]
    quad: list[int]  # per period, its four quad classes' counts, one after the other
    diverging: list[bool]
    private_weight: float  # the private track's decayed weight at the last period
    last_seen: dict[str, int]
    # Per period: the index where the period has events, else NaN (for the extremes), and
    # the diverging flags as an array.
    active: np.ndarray
    diverging_flags: np.ndarray

    @classmethod
    def of(cls, frame: DyadFrame, pos: np.ndarray, freq: str, opts: RelationsOptions,
           lam: float) -> Columns:
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
        carry = carry_periods(freq, opts)
        tracks = {t: ewm(sums[t][0].tolist(), sums[t][1].tolist(), lam, carry)
                  for t in TRACKS}
        index = {t: tracks[t][0] for t in TRACKS}
        private_weight = tracks["private"][1]
        last_seen = {}
        for t in TRACKS:
            seen = np.flatnonzero(sums[t][1] > 0)
            last_seen[t] = int(seen[-1]) if len(seen) else -1
        wg_own, w_own = sums["combined"][0].tolist(), sums["combined"][1].tolist()
        # Flat: a list of 3,650 lists of four took half of the 4.8 ms a daily history's
        # columns took to unpickle, sent back from a build process.
        quad = np.bincount(4 * pos + np.clip(frame.quad - 1, 0, 3),
                           weights=(frame.quad >= 1) & (frame.quad <= 4),
                           minlength=4 * n).astype(int).tolist()
        public, private = index["public"], index["private"]
        diverging = [is_diverging(pub, prv, pw, opts)
                     for pub, prv, pw in zip(public, private, private_weight, strict=True)]
        combined = index["combined"]
        active = np.array([np.nan if v is None else v for v in combined], dtype=float)
        active[sums["combined"][2] == 0] = np.nan
        return cls(
            index=index,
            goldstein=[a / b if b > 0 else None for a, b in zip(wg_own, w_own, strict=True)],
            goldstein_sum=np.bincount(pos, weights=np.nan_to_num(gold), minlength=n).tolist(),
            events={t: sums[t][2].tolist() for t in TRACKS},
            mentions=np.bincount(pos, weights=frame.mentions, minlength=n).astype(int).tolist(),
            quad=quad,
            diverging=diverging, private_weight=private_weight[-1], last_seen=last_seen,
            active=active, diverging_flags=np.array(diverging, dtype=bool))

    def point(self, i: int, period: str) -> Point:
        """Point ``i`` of the series, whose period is ``period``."""
        index, events = self.index, self.events
        return Point(
            period=period, index=index["combined"][i], goldstein=self.goldstein[i],
            goldstein_sum=self.goldstein_sum[i], events=events["combined"][i],
            mentions=self.mentions[i], quad=self.quad[4 * i:4 * i + 4], ab=index["ab"][i],
            ba=index["ba"][i], public=index["public"][i], private=index["private"][i],
            events_ab=events["ab"][i], events_ba=events["ba"][i],
            events_public=events["public"][i], events_private=events["private"][i],
            diverging=self.diverging[i])

    def jsons(self, lo: int, hi: int, periods: Sequence[str], *,
              swap: bool = False) -> list[str]:
        """The JSON of points ``lo`` to ``hi - 1`` (``point(i, periods[i - lo]).json``), with
        their directed tracks swapped when ``swap``, without making the points."""
        index, events = self.index, self.events
        ab, ba, events_ab, events_ba = index["ab"], index["ba"], events["ab"], events["ba"]
        if swap:
            ab, ba, events_ab, events_ba = ba, ab, events_ba, events_ab
        return point_jsons(
            periods, index["combined"][lo:hi], self.goldstein[lo:hi],
            events["combined"][lo:hi], index["public"][lo:hi], index["private"][lo:hi],
            ab[lo:hi], ba[lo:hi], self.goldstein_sum[lo:hi], self.mentions[lo:hi],
            self.quad[4 * lo:4 * hi], events["public"][lo:hi], events["private"][lo:hi],
            events_ab[lo:hi], events_ba[lo:hi], self.diverging[lo:hi])


class Points(Sequence[Point]):
    """A series' points, each made when first asked for: a window shows a few hundred
    of the thousands of days a history holds (making every point of a 3,650-day history
    took 28 ms of its 180 ms on the 1M-event benchmark store). Their JSON is written from
    the columns, without making them (:meth:`json`), and kept. A ``mirror``'s points are
    its points seen from the other side (see :meth:`DyadSeries.reversed`)."""

    def __init__(self, cols: Columns, first: int, step: int, freq: str, *,
                 mirror: Points | None = None) -> None:
        n = len(cols.goldstein)
        self.cols, self._first, self._step, self._freq = cols, first, step, freq
        self._mirror = mirror
        self._made: list[Point | None] = [None] * n
        self._json: list[str | None] = [None] * n

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
            found = self._made[i] = (swapped(self._mirror[i]) if self._mirror is not None
                                     else self.cols.point(i, self.period(i)))
        return found

    def period(self, i: int) -> str:
        """Point ``i``'s period (ISO date)."""
        return period_date(self._first + i * self._step, self._freq).isoformat()

    def json(self, lo: int, hi: int) -> str:
        """The JSON of points ``lo`` to ``hi - 1`` (all in the series), comma-separated."""
        texts = self._json[lo:hi]
        if None in texts:
            # Those from the first not written to the last, written at once.
            first = texts.index(None)
            last = len(texts) - texts[::-1].index(None)
            a, b = lo + first, lo + last
            made = self.cols.jsons(a, b, [self.period(i) for i in range(a, b)],
                                   swap=self._mirror is not None)
            self._json[a:b] = texts[first:last] = made
        return ",".join(texts)  # type: ignore[arg-type]


# A series' columns and its turning points: (point, change of the index).
SeriesParts = tuple[Columns, list[tuple[int, float]]]
