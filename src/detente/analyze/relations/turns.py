"""Turning points of a relations series.

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
from collections.abc import Sequence

import numpy as np

__all__ = ["find_turns", "pelt_l2"]


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
    c1 = np.concatenate([[0.0], np.cumsum(x)]).tolist()
    c2 = np.concatenate([[0.0], np.cumsum(x * x)]).tolist()
    best = [math.inf] * (n + 1)
    best[0] = -pen
    last = [0] * (n + 1)
    cands = [0]
    # Plain Python while pruning keeps a few dozen candidate starts, where NumPy's per-call
    # overhead cost more than the arithmetic (3.2 ms against 1.9 ms on a 243-day series);
    # NumPy once a noisy series without clear breaks keeps thousands (a 3,650-day series of
    # the 1M-event benchmark: 3.5 s in Python). Both do the same float operations in the
    # same order, so they find the same partition, and the loop may go from one to the
    # other at any step: back to Python once pruning leaves few starts again (a 3,632-day
    # series of sparse events, flat between them, went over 64 starts on day 862 and
    # spent the rest in NumPy with a few dozen: 66 -> 27 ms).
    t = min_size
    while t <= n:
        if len(cands) > _VECTOR_FROM:
            t, cands = _pelt_tail(c1, c2, best, last, cands, t, n, pen, min_size)
            continue
        c1t, c2t = c1[t], c2[t]
        totals = [best[s] + ((c2t - c2[s]) - (d := c1t - c1[s]) * d / (t - s)) for s in cands]
        low = min(totals)
        best[t], last[t] = low + pen, cands[totals.index(low)]
        # Prune starts that can never be optimal again (PELT's rule, K = 0 for L2), and
        # admit the start whose first segment reaches min_size at t + 1.
        cands = [s for s, v in zip(cands, totals, strict=True) if v <= best[t]]
        if t - min_size + 1 >= min_size:
            cands.append(t - min_size + 1)
        t += 1
    ends = []
    t = n
    while t > 0:
        ends.append(int(t))
        t = last[t]
    return sorted(ends)


# Candidate starts above which the PELT loop runs in NumPy, and below which it goes back
# to Python.
_VECTOR_FROM = 64
_PYTHON_FROM = 32


def _pelt_tail(c1_list: list[float], c2_list: list[float], best: list[float],
               last: list[int], cands_list: list[int], start: int, n: int, pen: float,
               min_size: int) -> tuple[int, list[int]]:
    """:func:`pelt_l2`'s loop from ``start`` on, in NumPy (fills ``best`` and ``last``),
    until pruning leaves fewer than ``_PYTHON_FROM`` starts: the next step and the starts.

    Each candidate start's ``c1``, ``c2`` and ``best`` are kept beside it in buffers that
    grow by one a step and shrink only when something is pruned, so a step is a dozen
    NumPy calls on preallocated arrays (a noisy 3,650-day series: 270 to 100 ms)."""
    size = len(cands_list) + n - start + 2
    cs, cc1, cc2, cb = (np.empty(size) for _ in range(4))
    m = len(cands_list)
    cs[:m] = cands_list
    cc1[:m] = [c1_list[s] for s in cands_list]
    cc2[:m] = [c2_list[s] for s in cands_list]
    cb[:m] = [best[s] for s in cands_list]
    d, q, totals = np.empty(size), np.empty(size), np.empty(size)
    for t in range(start, n + 1):
        dm, qm, tm = d[:m], q[:m], totals[:m]
        # best[s] + ((c2[t] - c2[s]) - (c1[t] - c1[s]) ** 2 / (t - s)), as the Python loop
        np.subtract(c1_list[t], cc1[:m], out=dm)
        np.multiply(dm, dm, out=dm)
        np.subtract(t, cs[:m], out=qm)
        np.divide(dm, qm, out=qm)
        np.subtract(c2_list[t], cc2[:m], out=tm)
        np.subtract(tm, qm, out=tm)
        np.add(cb[:m], tm, out=tm)
        at = int(tm.argmin())  # the first of equal minima, as list.index
        bound = float(tm[at]) + pen
        best[t], last[t] = bound, int(cs[at])
        if tm.max() > bound:  # prune
            keep = tm <= bound
            k = int(keep.sum())
            for buffer in (cs, cc1, cc2, cb):
                buffer[:k] = buffer[:m][keep]
            m = k
        s = t - min_size + 1
        if s >= min_size:
            cs[m], cc1[m], cc2[m], cb[m] = s, c1_list[s], c2_list[s], best[s]
            m += 1
        if m < _PYTHON_FROM:
            return t + 1, [int(x) for x in cs[:m]]
    return n + 1, [int(x) for x in cs[:m]]


def find_turns(raw: Sequence[float | None], *, penalty_factor: float, min_turn: float
               ) -> list[tuple[int, float]]:
    """Turning points of a series of per-period mean Goldstein scores (None for a quiet
    period): (place in the series, change of the index)."""
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
    pen = penalty_factor * var * math.log(len(signal))
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
    return [(start + i, change) for i, change in turns if abs(change) >= min_turn]
