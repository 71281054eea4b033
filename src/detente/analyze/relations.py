"""Where a relationship stands: the dyad series, the relations index, its lowest and highest
points, turning points, and the public and private tracks.

Everything is computed on de-duplicated events (``clusters``, see :mod:`.dedup`), leaving
out events that did not happen (negated or ``denied``) or are only ``hypothetical``.

**The relations index.** Each cluster ``i`` carries a weight
``w_i = confidence_i * (1 + ln(articles_i))`` and its Goldstein score ``g_i`` (-10..+10).
For the periods ``t`` of the series (day, week or month)::

    S_t = lam * S_(t-1) + sum_i w_i g_i        W_t = lam * W_(t-1) + sum_i w_i
    index_t = S_t / W_t                        lam = 0.5 ** (period_days / half_life_days)

an exponentially weighted mean Goldstein score. It is a weighted average of Goldstein
scores, so it stays in -10..+10 and reaches +/-10 only when every recent event is at the
extreme of the scale (full military aid; military attack). A period with no events keeps
the last value (the relationship does not reset to neutral because the news is quiet).
``half_life_days = 14``: a week of events counts 1, the week before 0.71, a month before
0.25, so an ultimatum moves the index at once and a summit two weeks later can pull it back.

The same formula gives the directed indices (A to B, B to A), the public track and the
private track (``channel``). A period **diverges** when the public track is hostile
(index <= ``hostile``) while the private channel is open (its decayed weight is at least
``open_weight``: a confident private contact within about four weeks) and not hostile
(private index >= 0): the seed article's "lowest point while the back channel stays open".

**Turning points** are change points found by PELT (L2 cost; :func:`pelt_l2` finds the
same optimum as ``ruptures.Pelt``) with a BIC-like penalty ``3 * var * ln(n)``, ``var`` from
the median absolute first difference (at least 1), on the unsmoothed index: each period's
own weighted mean Goldstein, quiet periods carrying the last value (the smoothed index
would place a break late). Consecutive change points in the same direction are merged into
one (a fall over three weeks is one turn, not three steps), and changes smaller than
``min_turn`` index points are dropped. ``change`` is the difference of the unsmoothed
means of the segments after and before.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from detente.analyze.dedup import ensure_deduped
from detente.errors import UsageError
from detente.store.db import Store

__all__ = ["FREQS", "Extreme", "Point", "RelationsOptions", "RelationsResult", "TurningPoint",
           "count_events", "pelt_l2", "relations"]

FREQS = {"day": 1, "week": 7, "month": 30}
_TRACKS = ("combined", "ab", "ba", "public", "private")


@dataclass(frozen=True, kw_only=True)
class RelationsOptions:
    """Constants of the index; the defaults are documented in the module docstring."""

    half_life_days: float = 14.0
    # Goldstein -1: below the neutral statements (0) and consultations (+1), at the level
    # of criticism and accusation (CAMEO 11x: -2), so a public track of accusations and
    # threats is hostile and one of mere statements is not.
    hostile: float = -1.0
    # 0.25 = one private contact of confidence 1 two half-lives (four weeks) ago.
    open_weight: float = 0.25
    # Turns smaller than one index point are noise in a weekly series (the index of a
    # steady dyad moves by ~0.3/week on the synthetic benchmark data).
    min_turn: float = 1.0
    penalty_factor: float = 3.0
    # How many events to name behind a point.
    top_events: int = 5


@dataclass
class Point:
    """One period of the series. ``index`` is None before the dyad's first event."""

    period: str
    index: float | None
    goldstein: float | None  # weighted mean Goldstein of the period's own events
    goldstein_sum: float
    events: int
    mentions: int
    quad: list[int]  # counts of quad classes 1..4
    ab: float | None
    ba: float | None
    public: float | None
    private: float | None
    events_ab: int
    events_ba: int
    events_public: int
    events_private: int
    diverging: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period, "index": _r(self.index), "goldstein": _r(self.goldstein),
            "events": self.events, "public": _r(self.public), "private": _r(self.private),
            "a_to_b": _r(self.ab), "b_to_a": _r(self.ba), "goldstein_sum": _r(self.goldstein_sum),
            "mentions": self.mentions,
            "quad_class": {str(i + 1): n for i, n in enumerate(self.quad)},
            "events_public": self.events_public, "events_private": self.events_private,
            "events_a_to_b": self.events_ab, "events_b_to_a": self.events_ba,
            "diverging": self.diverging,
        }


@dataclass
class Extreme:
    """The lowest or highest period with the events behind it (most telling first)."""

    period: str
    value: float
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "value": _r(self.value),
                "events": [e["event_id"] for e in self.events], "details": self.events}


@dataclass
class TurningPoint:
    date: str
    direction: str  # up | down
    change: float  # mean index after minus before
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "direction": self.direction, "change": _r(self.change),
                "events": [e["event_id"] for e in self.events], "details": self.events}


@dataclass
class RelationsResult:
    """A dyad's series and what stands out in it; :meth:`to_dict` is DESIGN.md's JSON."""

    dyad: tuple[str, str]
    freq: str
    series: list[Point]
    lowest: Extreme | None
    highest: Extreme | None
    turning_points: list[TurningPoint]
    options: RelationsOptions = field(default_factory=RelationsOptions)

    @property
    def diverging_periods(self) -> list[str]:
        return [p.period for p in self.series if p.diverging]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dyad": list(self.dyad),
            "freq": self.freq,
            "series": [p.to_dict() for p in self.series],
            "lowest": self.lowest.to_dict() if self.lowest else None,
            "highest": self.highest.to_dict() if self.highest else None,
            "turning_points": [t.to_dict() for t in self.turning_points],
            "diverging": self.diverging_periods,
        }


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


def _match(side: str, n: int) -> str:
    """SQL matching one side of an event to actor parameter ``$n``: a country code, a prefix
    of the actor code (USAGOV matches USAGOVDIP), or an actor id."""
    return (f"({side}_country = ${n} OR starts_with({side}_code, ${n}) OR {side}_id = ${n})")


def _dyad_where() -> str:
    # The first line is a cheap pre-filter on plain columns that every match passes (a code
    # starts with its actor's country code; ids are compared as they are): it lets DuckDB
    # skip the string-prefix tests on most rows, 3x faster on the 1M-event benchmark.
    pre = ("(source_country IN (left($1, 3), left($2, 3)) OR source_country IS NULL "
           "OR source_id IN ($1, $2)) AND (target_country IN (left($1, 3), left($2, 3)) "
           "OR target_country IS NULL OR target_id IN ($1, $2))")
    return (f"{pre} AND (({_match('source', 1)} AND {_match('target', 2)}) OR "
            f"({_match('source', 2)} AND {_match('target', 1)}))")


_HAPPENED = "NOT negated AND coalesce(modality, '') NOT IN ('hypothetical', 'denied')"


def _period_sql(freq: str) -> str:
    return f"CAST(date_trunc('{freq}', event_date) AS DATE)"


def _periods(first: date, last: date, freq: str) -> list[date]:
    out = []
    d = first
    while d <= last:
        out.append(d)
        if freq == "day":
            d += timedelta(days=1)
        elif freq == "week":
            d += timedelta(weeks=1)
        else:
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _trunc(d: date, freq: str) -> date:
    if freq == "week":
        return d - timedelta(days=d.weekday())
    if freq == "month":
        return d.replace(day=1)
    return d


def _check(a: str, b: str, freq: str) -> None:
    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}: use day, week or month")
    if not a or not b:
        raise UsageError("give two actors, e.g. USA RUS")


def _ewm(s: np.ndarray, w: np.ndarray, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """Exponentially weighted mean index and the decayed weight behind it, per period."""
    idx = np.full(len(s), np.nan)
    weight = np.zeros(len(s))
    acc_s = acc_w = 0.0
    for t in range(len(s)):
        acc_s = lam * acc_s + s[t]
        acc_w = lam * acc_w + w[t]
        weight[t] = acc_w
        if acc_w > 1e-12:
            idx[t] = acc_s / acc_w
        elif t > 0:
            idx[t] = idx[t - 1]
    return idx, weight


def relations(store: Store, a: str, b: str, *, freq: str = "week", start: str | None = None,
              end: str | None = None, options: RelationsOptions | None = None) -> RelationsResult:
    """The relations series of actors ``a`` and ``b`` (country codes such as "USA" or finer
    codes such as "USAGOV"), per ``freq`` period between ``start`` and ``end`` (ISO dates,
    inclusive)."""
    opts = options or RelationsOptions()
    a, b = a.strip().upper(), b.strip().upper()
    _check(a, b, freq)
    ensure_deduped(store)
    where = [_dyad_where(), _HAPPENED, "event_date IS NOT NULL"]
    params: list[Any] = [a, b]
    if start:
        params.append(start)
        where.append(f"event_date >= CAST(${len(params)} AS DATE)")
    if end:
        params.append(end)
        where.append(f"event_date <= CAST(${len(params)} AS DATE)")
    # The dyad's clusters once, into a temp table the follow-up queries (the events behind
    # the lowest point, the turning points) read instead of rescanning ``clusters``. Only
    # narrow columns: copying the evidence text would cost more than the whole query.
    store.con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _rel_dyad AS
        SELECT {_period_sql(freq)} AS p,
               {_match('source', 1)} AND {_match('target', 2)} AS ab,
               cluster_id, event_date, goldstein, quad_class, channel, weight, mentions
        FROM clusters WHERE {' AND '.join(where)}
    """, params)
    try:
        return _result(store, a, b, freq, start, end, opts)
    finally:
        store.con.execute("DROP TABLE IF EXISTS _rel_dyad")


def _result(store: Store, a: str, b: str, freq: str, start: str | None, end: str | None,
            opts: RelationsOptions) -> RelationsResult:
    rows = store.con.execute("""
        SELECT p, ab, channel = 'private' AS priv, count(*) AS n, sum(mentions) AS m,
               count(*) FILTER (WHERE quad_class = 1) AS q1,
               count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3,
               count(*) FILTER (WHERE quad_class = 4) AS q4,
               coalesce(sum(goldstein), 0) AS gsum,
               coalesce(sum(weight * goldstein), 0) AS wg,
               coalesce(sum(weight) FILTER (WHERE goldstein IS NOT NULL), 0) AS w
        FROM _rel_dyad GROUP BY ALL ORDER BY p
    """).fetchall()
    if not rows:
        return RelationsResult((a, b), freq, [], None, None, [], opts)
    first = _trunc(date.fromisoformat(start), freq) if start else rows[0][0]
    last = _trunc(date.fromisoformat(end), freq) if end else rows[-1][0]
    periods = _periods(first, last, freq)
    pos = {p: i for i, p in enumerate(periods)}
    n = len(periods)
    # per track: weighted Goldstein sum, weight, event count
    acc = {t: np.zeros((3, n)) for t in _TRACKS}
    quad = np.zeros((4, n), dtype=int)
    gsum = np.zeros(n)
    mentions = np.zeros(n, dtype=int)
    for p, ab, priv, cnt, m, q1, q2, q3, q4, gs, wg, w in rows:
        i = pos[p]
        for t in ("combined", "ab" if ab else "ba", "private" if priv else "public"):
            acc[t][:, i] += (wg, w, cnt)
        quad[:, i] += (q1, q2, q3, q4)
        gsum[i] += gs
        mentions[i] += m
    lam = 0.5 ** (FREQS[freq] / opts.half_life_days)
    idx = {t: _ewm(acc[t][0], acc[t][1], lam) for t in _TRACKS}
    series = []
    for i, p in enumerate(periods):
        def val(t: str, i: int = i) -> float | None:
            v = idx[t][0][i]
            return None if math.isnan(v) else float(v)
        pub, prv = val("public"), val("private")
        diverging = (pub is not None and pub <= opts.hostile and prv is not None
                     and prv >= 0.0 and idx["private"][1][i] >= opts.open_weight)
        w_own = acc["combined"][1][i]
        series.append(Point(
            period=p.isoformat(), index=val("combined"),
            goldstein=float(acc["combined"][0][i] / w_own) if w_own > 0 else None,
            goldstein_sum=float(gsum[i]), events=int(acc["combined"][2][i]),
            mentions=int(mentions[i]), quad=[int(x) for x in quad[:, i]],
            ab=val("ab"), ba=val("ba"), public=pub, private=prv,
            events_ab=int(acc["ab"][2][i]), events_ba=int(acc["ba"][2][i]),
            events_public=int(acc["public"][2][i]), events_private=int(acc["private"][2][i]),
            diverging=bool(diverging),
        ))
    ctx = _Ctx(store, a, b, freq, opts)
    lowest, highest = _extremes(series, ctx)
    turns = _turning_points(series, ctx)
    return RelationsResult((a, b), freq, series, lowest, highest, turns, opts)


@dataclass(frozen=True)
class _Ctx:
    store: Store
    a: str
    b: str
    freq: str
    opts: RelationsOptions


def _events_in(ctx: _Ctx, first: str, last: str, order: str) -> list[dict[str, Any]]:
    """The dyad's clusters in periods ``first``..``last``, most telling first: ``order`` is
    "asc" (most negative weighted Goldstein first) or "desc"."""
    ids = [r[0] for r in ctx.store.con.execute(f"""
        SELECT cluster_id FROM _rel_dyad
        WHERE goldstein IS NOT NULL AND p BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
        ORDER BY weight * goldstein {order}, event_date, cluster_id
        LIMIT {int(ctx.opts.top_events)}
    """, [first, last]).fetchall()]
    if not ids:
        return []
    # Constant IN list: ``clusters`` is stored sorted by cluster_id, so DuckDB's zone maps
    # skip every row group but the ones holding these ids.
    rows = ctx.store.query(f"""
        SELECT event_id, cluster_id, CAST(event_date AS VARCHAR) AS date, category, cameo,
               round(goldstein, 2) AS goldstein, channel,
               coalesce(source_code, source_country) AS source,
               coalesce(target_code, target_country) AS target, mentions, outlets, evidence
        FROM clusters WHERE cluster_id IN ({", ".join("?" for _ in ids)})
    """, ids)
    by_id = {r["cluster_id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def _extremes(series: list[Point], ctx: _Ctx) -> tuple[Extreme | None, Extreme | None]:
    active = [p for p in series if p.events and p.index is not None]
    if not active:
        return None, None
    low = min(active, key=lambda p: (p.index, p.period))
    high = min(active, key=lambda p: (-(p.index or 0.0), p.period))
    assert low.index is not None and high.index is not None
    return (Extreme(low.period, low.index, _events_in(ctx, low.period, low.period, "asc")),
            Extreme(high.period, high.index, _events_in(ctx, high.period, high.period, "desc")))


def pelt_l2(signal: np.ndarray, pen: float, *, min_size: int = 2) -> list[int]:
    """Optimal partition of ``signal`` under the L2 cost plus ``pen`` per change point (PELT,
    Killick et al. 2012). Returns segment ends, the last being ``len(signal)``, exactly as
    ``ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(signal).predict(pen=pen)``.

    Written here rather than called from ``ruptures`` because importing ``ruptures`` loads
    scipy (2-5 s, more than the whole query budget) and its Python PELT takes a minute on a
    1,400-day series; this one takes milliseconds. Tests check it against ``ruptures``.
    """
    x = np.asarray(signal, dtype=float)
    n = len(x)
    if n < 2 * min_size:
        return [n]
    c1 = np.concatenate([[0.0], np.cumsum(x)])
    c2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(s: np.ndarray, t: int) -> np.ndarray:
        out: np.ndarray = (c2[t] - c2[s]) - (c1[t] - c1[s]) ** 2 / (t - s)
        return out

    best = np.full(n + 1, np.inf)
    best[0] = -pen
    last = np.zeros(n + 1, dtype=int)
    cands = np.array([0])
    for t in range(min_size, n + 1):
        total = best[cands] + cost(cands, t)
        k = int(np.argmin(total))
        best[t], last[t] = total[k] + pen, cands[k]
        # Prune starts that can never be optimal again (PELT's rule, K = 0 for L2), and
        # admit the start whose first segment reaches min_size at t + 1.
        alive = cands[total <= best[t]]
        new = t - min_size + 1
        cands = np.append(alive, new) if new >= min_size else alive
    ends = []
    t = n
    while t > 0:
        ends.append(int(t))
        t = last[t]
    return sorted(ends)


def _turning_points(series: list[Point], ctx: _Ctx) -> list[TurningPoint]:
    raw = [p.goldstein for p in series]
    start = next((i for i, v in enumerate(raw) if v is not None), None)
    if start is None or len(raw) - start < 4:
        return []
    # The unsmoothed index (lam = 0): smoothing would spread a break over several periods
    # and place it late; quiet periods carry the last value.
    vals: list[float] = []
    for v in raw[start:]:
        vals.append(v if v is not None else vals[-1])
    signal = np.array(vals)
    diffs = np.diff(signal)
    # Noise from the median absolute first difference (robust to the breaks themselves),
    # floored at one index point so that a step-only series still has a finite penalty.
    sigma = 1.4826 * float(np.median(np.abs(diffs - np.median(diffs)))) / math.sqrt(2)
    var = max(sigma * sigma, 1.0)
    pen = ctx.opts.penalty_factor * var * math.log(len(signal))
    breaks = pelt_l2(signal, pen)
    bounds = [0, *breaks]
    means = [float(signal[s:e].mean()) for s, e in itertools.pairwise(bounds)]
    turns: list[tuple[int, float]] = []  # (index into signal, change)
    for k in range(1, len(means)):
        change = means[k] - means[k - 1]
        if turns and (turns[-1][1] > 0) == (change > 0):
            turns[-1] = (turns[-1][0], turns[-1][1] + change)  # same direction: one turn
        else:
            turns.append((bounds[k], change))
    out = []
    for i, change in turns:
        if abs(change) < ctx.opts.min_turn:
            continue
        period = series[start + i].period
        before = series[max(start + i - 1, 0)].period
        events = _events_in(ctx, before, period, "desc" if change > 0 else "asc")
        out.append(TurningPoint(period, "up" if change > 0 else "down", change, events))
    return out


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
    where = [_match("source", 1)]
    params: list[Any] = [source.strip()]
    if not include_unconfirmed:
        where.append(_HAPPENED)
    if target:
        params.append(target.strip())
        where.append(_match("target", len(params)))
    if category:
        params.append(category.strip().upper())
        where.append(f"category = ${len(params)}")
    if start:
        params.append(start)
        where.append(f"event_date >= CAST(${len(params)} AS DATE)")
    if end:
        params.append(end)
        where.append(f"event_date <= CAST(${len(params)} AS DATE)")
    if text:
        # Any mention's evidence may name the place, not only the representative's.
        params.append(f"%{text}%")
        where.append(f"cluster_id IN (SELECT ec.cluster_id FROM event_clusters ec JOIN events e "
                     f"ON e.id = ec.event_id WHERE e.evidence ILIKE ${len(params)})")
    row = store.con.execute(
        f"SELECT count(*) FROM clusters WHERE {' AND '.join(where)}", params
    ).fetchone()
    return int(row[0]) if row else 0
