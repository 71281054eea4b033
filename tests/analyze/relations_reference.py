"""The dyad series as :func:`detente.analyze.relations.dyad_series` computed it before its
fast path (every point made at once, one ``np.bincount`` per track and sum): the reference
the fast path is tested against (``tests/analyze/test_relations_fast.py``)."""

from __future__ import annotations

import numpy as np

from detente.analyze.relations.columns import (
    TRACKS,
    carry_periods,
    ewm,
    is_diverging,
    period_date,
    period_index,
)
from detente.analyze.relations.frame import FREQS, DyadFrame, check_dyad
from detente.analyze.relations.index import DyadSeries
from detente.analyze.relations.result import Point, RelationsOptions
from detente.analyze.relations.turns import find_turns


def reference_series(frame: DyadFrame, freq: str = "week",
                     options: RelationsOptions | None = None) -> DyadSeries:
    """The :class:`DyadSeries` of ``frame`` per ``freq`` period, the slow way."""
    opts = options or RelationsOptions()
    check_dyad(frame.a, frame.b, freq)
    per = period_index(frame.day, freq)
    step = FREQS[freq] if freq != "month" else 1
    lam = 0.5 ** (FREQS[freq] / opts.half_life_days)
    if not len(frame):
        return DyadSeries(frame, freq, opts, 0, step, [], per, [], lam, 0.0)
    first = int(per[0])
    pos = (per - first) // step
    n = int(pos[-1]) + 1
    gold = frame.goldstein
    known = ~np.isnan(gold)
    wg = np.where(known, frame.weight * np.nan_to_num(gold), 0.0)
    w = np.where(known, frame.weight, 0.0)
    ab, priv = frame.ab, frame.private
    masks = {"combined": np.ones(len(frame), dtype=bool), "ab": ab, "ba": ~ab,
             "public": ~priv, "private": priv}

    def total(values: np.ndarray, mask: np.ndarray) -> list[float]:
        out: list[float] = np.bincount(pos[mask], weights=values[mask], minlength=n).tolist()
        return out

    ones = np.ones(len(frame))
    sums = {t: (total(wg, m), total(w, m), total(ones, m)) for t, m in masks.items()}
    carry = carry_periods(freq, opts)
    tracks = {t: ewm(sums[t][0], sums[t][1], lam, carry) for t in TRACKS}
    idx = {t: tracks[t][0] for t in TRACKS}
    private_weight = tracks["private"][1]
    last_seen = {t: max((i for i, x in enumerate(sums[t][1]) if x > 0), default=-1)
                 for t in TRACKS}
    counts = {t: [int(x) for x in sums[t][2]] for t in TRACKS}
    quads = np.vstack([np.bincount(pos, weights=frame.quad == q, minlength=n)
                       for q in (1, 2, 3, 4)]).astype(int).T.tolist()
    gsums = np.bincount(pos, weights=np.nan_to_num(gold), minlength=n).tolist()
    ments = np.bincount(pos, weights=frame.mentions, minlength=n).astype(int).tolist()
    wg_own, w_own = sums["combined"][0], sums["combined"][1]
    points = []
    for i in range(n):
        pub, prv = idx["public"][i], idx["private"][i]
        points.append(Point(
            period=period_date(first + i * step, freq).isoformat(), index=idx["combined"][i],
            goldstein=wg_own[i] / w_own[i] if w_own[i] > 0 else None,
            goldstein_sum=gsums[i], events=counts["combined"][i], mentions=ments[i],
            quad=quads[i], ab=idx["ab"][i], ba=idx["ba"][i], public=pub, private=prv,
            events_ab=counts["ab"][i], events_ba=counts["ba"][i],
            events_public=counts["public"][i], events_private=counts["private"][i],
            diverging=is_diverging(pub, prv, private_weight[i], opts),
        ))
    turns = find_turns([p.goldstein for p in points], penalty_factor=opts.penalty_factor,
                       min_turn=opts.min_turn)
    return DyadSeries(frame, freq, opts, first, step, points, pos, turns, lam,
                      private_weight[-1], last_seen)
