"""What a relations answer holds: the options of the index, its points, lowest and highest
points, turning points and the result (:class:`RelationsResult`, DESIGN.md's JSON). The index
itself is computed in :mod:`detente.analyze.relations.index`, whose docstring documents
the options' defaults."""

from __future__ import annotations

import json
import math
import re
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from detente.analyze.relations.frame import BACKGROUND_DAYS

__all__ = ["Extreme", "Point", "RelationsOptions", "RelationsResult", "SeriesView",
           "TurningPoint", "point_json", "point_jsons"]


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
    # A track's value is carried through quiet periods for about a quarter (6.5 half-lives:
    # the weight behind it has fallen below 1% of what it was), then shows "no data".
    carry_days: int = 91
    # Events dated more than a year before the corpus's first article are recalled history
    # (background), not the present: news recaps of the recent past ("in March, ...") stay
    # within a year, anniversaries and "two decades ago" do not.
    background_days: int = BACKGROUND_DAYS
    # How many background events to list (oldest first).
    top_background: int = 20


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

    @cached_property
    def json(self) -> str:
        """:meth:`to_dict` as compact JSON, kept: a server shows the same point in many
        windows. (A point is not changed once made.)"""
        if not _PLAIN_PERIOD.fullmatch(self.period):
            return json.dumps(self.to_dict(), separators=(",", ":"))
        return point_json(self.period, self.index, self.goldstein, self.events, self.public,
                          self.private, self.ab, self.ba, self.goldstein_sum, self.mentions,
                          self.quad, self.events_public, self.events_private, self.events_ab,
                          self.events_ba, self.diverging)


def point_json(period: str, index: float | None, goldstein: float | None, events: int,
               public: float | None, private: float | None, ab: float | None,
               ba: float | None, goldstein_sum: float, mentions: int, quad: list[int],
               events_public: int, events_private: int, events_ab: int, events_ba: int,
               diverging: bool) -> str:
    """The compact JSON of the :class:`Point` of these values (``period`` an ISO date),
    :meth:`Point.to_dict`'s keys in its order. Written out directly, 5x faster than
    ``json.dumps`` (a 3,650-day series' first view spent 130 ms in it); the same text
    (``tests/analyze/test_relations.py`` compares them)."""
    if not (_finite(index) and _finite(goldstein) and _finite(public) and _finite(private)
            and _finite(ab) and _finite(ba) and _finite(goldstein_sum)):
        return json.dumps(Point(period, index, goldstein, goldstein_sum, events, mentions,
                                quad, ab, ba, public, private, events_ab, events_ba,
                                events_public, events_private, diverging).to_dict(),
                          separators=(",", ":"))
    q1, q2, q3, q4 = quad
    return (f'{{"period":"{period}","index":{_j(index)},'
            f'"goldstein":{_j(goldstein)},"events":{int(events)},'
            f'"public":{_j(public)},"private":{_j(private)},'
            f'"a_to_b":{_j(ab)},"b_to_a":{_j(ba)},'
            f'"goldstein_sum":{_j(goldstein_sum)},"mentions":{int(mentions)},'
            f'"quad_class":{{"1":{int(q1)},"2":{int(q2)},"3":{int(q3)},"4":{int(q4)}}},'
            f'"events_public":{int(events_public)},'
            f'"events_private":{int(events_private)},'
            f'"events_a_to_b":{int(events_ab)},"events_b_to_a":{int(events_ba)},'
            f'"diverging":{"true" if diverging else "false"}}}')


def point_jsons(periods: Sequence[str], index: Sequence[float | None],
                goldstein: Sequence[float | None], events: Sequence[int],
                public: Sequence[float | None], private: Sequence[float | None],
                ab: Sequence[float | None], ba: Sequence[float | None],
                goldstein_sum: Sequence[float], mentions: Sequence[int], quad: Sequence[int],
                events_public: Sequence[int], events_private: Sequence[int],
                events_ab: Sequence[int], events_ba: Sequence[int],
                diverging: Sequence[bool]) -> list[str]:
    """:func:`point_json` of each period, from columns of equal length (``quad`` flat: a
    period's four counts one after the other): the same texts, about twice as fast, a
    column's numbers written in one pass (the first distinct /relations requests of
    bench/bench_api.py wrote 1,800 points' JSON while 50 clients waited)."""
    if not periods:
        return []
    floats = [[_j(x) for x in column]
              for column in (index, goldstein, public, private, ab, ba, goldstein_sum)]
    ints = [_int_texts(column) for column in (
        events, mentions, quad[0::4], quad[1::4], quad[2::4], quad[3::4], events_public,
        events_private, events_ab, events_ba)]
    # Each point's pieces joined at once (C loops, no format call a point): the constant
    # pieces repeated, the columns' texts zipped in between.
    n = len(periods)
    parts: list[Sequence[str]] = [
        [f'{{"period":"{period}","index":' for period in periods], floats[0],
        ',"goldstein":', floats[1], ',"events":', ints[0], ',"public":', floats[2],
        ',"private":', floats[3], ',"a_to_b":', floats[4], ',"b_to_a":', floats[5],
        ',"goldstein_sum":', floats[6], ',"mentions":', ints[1],
        ',"quad_class":{"1":', ints[2], ',"2":', ints[3], ',"3":', ints[4], ',"4":', ints[5],
        '},"events_public":', ints[6], ',"events_private":', ints[7],
        ',"events_a_to_b":', ints[8], ',"events_b_to_a":', ints[9],
        ',"diverging":', ["true" if d else "false" for d in diverging], "}"]
    texts = list(map("".join, zip(*[[p] * n if isinstance(p, str) else p for p in parts],
                                  strict=True)))
    # A number not finite (written "inf", "-inf" or "nan" above, which JSON has not) or a
    # period not an ISO date: that point as point_json or Point.json writes it.
    # (Looked for a column at a time: "f" and "a" are in no other number's text.)
    odd = {k for column in floats if _NOT_FINITE.search(",".join(column))
           for k, text in enumerate(column) if text[-1] in "fn"}
    if not (all(periods) and _PLAIN_PERIOD.fullmatch("-".join(periods))):
        odd.update(k for k, period in enumerate(periods)
                   if not _PLAIN_PERIOD.fullmatch(period))
    for k in odd:
        point = Point(periods[k], index[k], goldstein[k], goldstein_sum[k], events[k],
                      mentions[k], list(quad[4 * k:4 * k + 4]), ab[k], ba[k], public[k],
                      private[k], events_ab[k], events_ba[k], events_public[k],
                      events_private[k], diverging[k])
        texts[k] = point.json
    return texts


def _int_texts(column: Sequence[int]) -> list[str]:
    """Each count's decimal text (``int(n)`` written), from one ``repr`` of the list."""
    return str(list(map(int, column)))[1:-1].split(", ")


def _finite(x: float | None) -> bool:
    return x is None or math.isfinite(x)


class SeriesView(Sequence[Point]):
    """The points a window shows, made when asked for, that can also give their JSON and
    diverging periods without making them (see ``DyadSeries.window``)."""

    @abstractmethod
    def json_text(self) -> str:
        """The points' JSON, comma-separated: ``",".join(p.json for p in self)``."""

    @abstractmethod
    def diverging_periods(self) -> list[str]:
        """``[p.period for p in self if p.diverging]``."""


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
    series: Sequence[Point]
    lowest: Extreme | None
    highest: Extreme | None
    turning_points: list[TurningPoint]
    options: RelationsOptions = field(default_factory=RelationsOptions)
    # Events dated well before the corpus (see the module docstring), oldest first.
    background: list[dict[str, Any]] = field(default_factory=list)

    @property
    def diverging_periods(self) -> list[str]:
        if isinstance(self.series, SeriesView):
            return self.series.diverging_periods()
        return [p.period for p in self.series if p.diverging]

    def _head(self) -> dict[str, Any]:
        return {"dyad": list(self.dyad), "freq": self.freq}

    def _tail(self) -> dict[str, Any]:
        return {
            "lowest": self.lowest.to_dict() if self.lowest else None,
            "highest": self.highest.to_dict() if self.highest else None,
            "turning_points": [t.to_dict() for t in self.turning_points],
            "diverging": self.diverging_periods,
            "background": self.background,
        }

    def to_dict(self) -> dict[str, Any]:
        return self._head() | {"series": [p.to_dict() for p in self.series]} | self._tail()

    def to_json(self) -> str:
        """The JSON of :meth:`to_dict` (compact), built from each point's kept JSON."""
        def dump(d: dict[str, Any]) -> str:
            return json.dumps(d, separators=(",", ":"), ensure_ascii=False, default=str)

        series = (self.series.json_text() if isinstance(self.series, SeriesView)
                  else ",".join(p.json for p in self.series))
        return f'{dump(self._head())[:-1]},"series":[{series}],{dump(self._tail())[1:]}'


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


# A period json.dumps writes as it is (an ISO date).
_PLAIN_PERIOD = re.compile(r"[0-9-]+")
# What only a number not finite writes ("inf", "-inf", "nan").
_NOT_FINITE = re.compile(r"[fa]")


def _j(x: float | None) -> str:
    """``json.dumps(_r(x))`` for a finite ``x`` or None (floats are written as repr); for
    a number not finite, "inf", "-inf" or "nan"."""
    if x is None:
        return "null"
    x = float(x)
    if -1e11 < x < 1e11:
        # round(x, 3) is the float of x's correctly rounded '%.3f' text (CPython rounds
        # so), and below 1e11 that text, with at most 14 digits, is the shortest that
        # reads back as it: its repr, without trailing zeros. Twice as fast as repr(round()).
        text = f"{x:.3f}".rstrip("0")
        return text + "0" if text[-1] == "." else text
    return repr(round(x, 3))
