"""The dyad series, relations index, extremes, turning points and tracks on synthetic events."""

from __future__ import annotations

import itertools
import json
import math
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.analyze.relations import count_events, pelt_l2, relations
from detente.errors import UsageError
from detente.store.db import Store
from tests.analyze.synth import add_article, add_event, dyad_run

CALM, HOSTILE, WARM = ("CONSULT", "AGREE"), ("THREATEN", "SANCTION"), ("AGREE", "COOPERATE")


@pytest.fixture()
def store() -> Store:
    return Store(":memory:")


@pytest.fixture()
def dip(store: Store) -> dict[int, list[str]]:
    """Eight calm weeks, four hostile weeks from 2025-03-03, eight warm weeks from 03-31."""
    return dyad_run(store, [CALM] * 8 + [HOSTILE] * 4 + [WARM] * 8)


def test_relations_lowest_point_is_the_dip_with_its_hostile_events(
        store: Store, dip: dict[int, list[str]]) -> None:
    r = relations(store, "USA", "RUS", freq="week")
    assert r.lowest is not None and r.highest is not None
    assert "2025-03-03" <= r.lowest.period <= "2025-03-24"
    assert r.lowest.value < 0 < r.highest.value
    assert {e["category"] for e in r.lowest.events} == {"THREATEN", "SANCTION"}
    assert set(r.lowest.to_dict()["events"]) <= {eid for w in range(8, 12) for eid in dip[w]}


def test_relations_turning_points_go_down_into_the_dip_and_up_out_of_it(
        store: Store, dip: dict[int, list[str]]) -> None:
    r = relations(store, "USA", "RUS", freq="week")
    assert [(t.date, t.direction) for t in r.turning_points] == [
        ("2025-03-03", "down"), ("2025-03-31", "up")]
    assert r.turning_points[0].events[0]["category"] in ("THREATEN", "SANCTION")
    assert r.turning_points[1].events[0]["category"] in ("AGREE", "COOPERATE")


def test_relations_finds_no_turning_point_in_a_steady_relationship(store: Store) -> None:
    dyad_run(store, [CALM] * 20)
    assert relations(store, "USA", "RUS").turning_points == []


@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_relations_index_stays_within_the_scale_for_every_frequency(
        store: Store, dip: dict[int, list[str]], freq: str) -> None:
    r = relations(store, "USA", "RUS", freq=freq)
    values = [p.index for p in r.series if p.index is not None]
    assert values and all(-10 <= v <= 10 for v in values)
    assert sum(p.events for p in r.series) == 40


def test_relations_flags_public_hostility_while_the_private_channel_is_open(
        store: Store) -> None:
    dyad_run(store, [HOSTILE] * 6, channel="public")
    dyad_run(store, [("CONSULT",)] * 6, channel="private")
    r = relations(store, "USA", "RUS")
    assert all(p.diverging for p in r.series)
    assert r.series[-1].public is not None and r.series[-1].public < -1
    assert r.series[-1].private == pytest.approx(1.0)
    assert r.to_dict()["diverging"] == [p.period for p in r.series]


def test_relations_does_not_flag_divergence_without_a_private_channel(store: Store) -> None:
    dyad_run(store, [HOSTILE] * 6, channel="public")
    r = relations(store, "USA", "RUS")
    assert not any(p.diverging for p in r.series)
    assert all(p.private is None for p in r.series)


def test_relations_directed_indices_separate_the_two_sides(store: Store) -> None:
    add_article(store, "a1", published="2025-02-05")
    add_event(store, article_id="a1", source="USA", target="RUS", category="THREATEN",
              day="2025-02-05", evidence="threat")
    add_event(store, article_id="a1", source="RUS", target="USA", category="AID",
              day="2025-02-05", evidence="aid")
    (p,) = relations(store, "USA", "RUS").series
    assert p.ab == pytest.approx(-7.0) and p.ba == pytest.approx(7.0)
    assert (p.events_ab, p.events_ba) == (1, 1)
    (q,) = relations(store, "RUS", "USA").series
    assert q.ab == pytest.approx(7.0) and q.ba == pytest.approx(-7.0)


def test_relations_counts_an_event_reported_by_three_outlets_once(store: Store) -> None:
    for i in range(3):
        add_article(store, f"a{i}", outlet=f"O{i}", published="2025-02-05")
        add_event(store, article_id=f"a{i}", day="2025-02-05", evidence="envoy met president")
    (p,) = relations(store, "USA", "RUS").series
    assert (p.events, p.mentions) == (1, 3)


@pytest.mark.parametrize(("a", "b", "n"), [
    ("USA", "RUS", 2), ("USAGOV", "RUS", 1), ("USAMIL", "RUS", 1), ("USAGOV", "RUSGOV", 1),
    ("usa", "rus", 2), ("witkoff", "RUS", 1), ("CHN", "RUS", 0),
])
def test_relations_matches_countries_code_prefixes_and_actor_ids(
        store: Store, a: str, b: str, n: int) -> None:
    add_article(store, "a1", published="2025-02-05")
    add_event(store, article_id="a1", source="USA", source_code="USAGOVDIP", category="CONSULT",
              source_id="WITKOFF", evidence="envoy visit")
    add_event(store, article_id="a1", source="USA", source_code="USAMIL", category="THREATEN",
              evidence="military threat")
    r = relations(store, a, b)
    assert sum(p.events for p in r.series) == n


def test_relations_bounds_the_series_with_from_and_to(store: Store,
                                                      dip: dict[int, list[str]]) -> None:
    r = relations(store, "USA", "RUS", start="2025-03-01", end="2025-03-31")
    assert [p.period for p in r.series] == ["2025-02-24", "2025-03-03", "2025-03-10",
                                            "2025-03-17", "2025-03-24", "2025-03-31"]
    # Whole weeks: the Wednesdays 02-26 and 04-02 count with 03-05 .. 03-26 (two events each).
    assert sum(p.events for p in r.series) == 12


def test_relations_window_shows_the_history_it_cuts_from(store: Store,
                                                         dip: dict[int, list[str]]) -> None:
    whole = relations(store, "USA", "RUS")
    part = relations(store, "USA", "RUS", start="2025-02-20", end="2025-04-10")
    by_period = {p.period: p for p in whole.series}
    assert (part.series[0].period, part.series[-1].period) == ("2025-02-17", "2025-04-07")
    assert all(p == by_period[p.period] for p in part.series)  # zooming changes no value
    assert {t.date for t in part.turning_points} == {
        t.date for t in whole.turning_points if "2025-02-17" <= t.date <= "2025-04-07"} != set()
    assert part.lowest is not None and part.lowest.period == whole.lowest.period


def test_relations_window_past_the_last_event_carries_the_index_then_fades(
        store: Store, dip: dict[int, list[str]]) -> None:
    whole = relations(store, "USA", "RUS")
    last = whole.series[-1]
    later = relations(store, "USA", "RUS", start=last.period, end="2030-01-01").series
    assert later[0] == last and later[-1].period == "2029-12-31"
    assert all(p.events == 0 for p in later[1:])
    # carried for 13 weeks (carry_days = 91), then "no data"
    assert [p.index for p in later[1:14]] == [last.index] * 13
    assert all(p.index is None and p.public is None for p in later[14:])
    before = relations(store, "USA", "RUS", start="2020-01-01", end="2020-02-01").series
    assert before and all(p.index is None and p.events == 0 for p in before)


def test_relations_to_dict_has_the_design_json_shape(store: Store,
                                                     dip: dict[int, list[str]]) -> None:
    d = json.loads(json.dumps(relations(store, "USA", "RUS").to_dict()))
    assert {"dyad", "series", "lowest", "highest", "turning_points"} <= set(d)
    assert d["dyad"] == ["USA", "RUS"]
    assert {"period", "index", "goldstein", "events", "public", "private"} <= set(d["series"][0])
    assert {"period", "value", "events"} <= set(d["lowest"]) and {"period", "value", "events"} \
        <= set(d["highest"])
    assert all({"date", "direction"} <= set(t) for t in d["turning_points"])
    assert all(isinstance(e, str) for e in d["lowest"]["events"])


def test_relations_refuses_a_window_of_too_many_periods(store: Store,
                                                       dip: dict[int, list[str]]) -> None:
    assert len(relations(store, "USA", "RUS", freq="day", end="2040-01-01").series) > 5000
    with pytest.raises(UsageError, match="at most 10,000"):
        relations(store, "USA", "RUS", freq="day", end="2060-01-01")


def test_relations_to_json_is_the_json_of_to_dict(store: Store,
                                                  dip: dict[int, list[str]]) -> None:
    for freq in ("day", "week", "month"):
        r = relations(store, "USA", "RUS", freq=freq, start="2025-02-01", end="2025-12-01")
        assert r.lowest and (r.turning_points or freq == "month")
        assert json.loads(r.to_json()) == json.loads(json.dumps(r.to_dict()))


def test_relations_of_an_unknown_dyad_is_empty(store: Store) -> None:
    d = relations(store, "USA", "RUS").to_dict()
    assert (d["series"], d["lowest"], d["highest"], d["turning_points"]) == ([], None, None, [])


def test_relations_rejects_an_unknown_frequency(store: Store) -> None:
    with pytest.raises(UsageError, match="unknown frequency 'year': use day, week or month"):
        relations(store, "USA", "RUS", freq="year")


def test_relations_leaves_out_negated_and_hypothetical_events(store: Store) -> None:
    add_article(store, "a1", published="2025-02-05")
    add_event(store, article_id="a1", category="ASSAULT", negated=True, evidence="no attack")
    add_event(store, article_id="a1", category="SANCTION", modality="hypothetical",
              evidence="might sanction")
    add_event(store, article_id="a1", category="CONSULT", evidence="met")
    (p,) = relations(store, "USA", "RUS").series
    assert p.events == 1 and p.index == pytest.approx(1.0)


def test_count_events_answers_how_often_the_envoy_visited_moscow(store: Store) -> None:
    visits = [("2025-06-20", "in Moscow"), ("2025-07-10", "in Moscow"),
              ("2025-08-06", "at the Kremlin in Moscow"), ("2025-08-07", "in Moscow"),
              ("2025-07-20", "in Istanbul"), ("2025-03-13", "in Moscow")]
    for i, (day, where) in enumerate(visits):
        add_article(store, f"a{i}", outlet=f"O{i}", published=day)
        add_event(store, article_id=f"a{i}", source="USA", source_id="WITKOFF", target="RUS",
                  category="CONSULT", day=day, evidence=f"The envoy met the president {where}")
    # 08-06 and 08-07 are one visit reported on two days
    assert count_events(store, source="WITKOFF", target="RUS", category="CONSULT",
                        text="Moscow", start="2025-06-08", end="2025-08-08") == 3
    assert count_events(store, source="USA", target="RUS", category="consult") == 5
    assert count_events(store, source="USA", category="THREATEN") == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=60),
       st.floats(0.05, 30))
def test_pelt_l2_finds_the_optimum_ruptures_finds(values: list[float], pen: float) -> None:
    import ruptures

    x = np.array(values)

    def cost(ends: list[int]) -> float:
        bounds = [0, *ends]
        return sum(float(((x[s:e] - x[s:e].mean()) ** 2).sum())
                   for s, e in itertools.pairwise(bounds)) + pen * (len(ends) - 1)

    ours = pelt_l2(x, pen)
    assert ours[-1] == len(x)
    if len(x) >= 4:
        theirs = ruptures.Pelt(model="l2", min_size=2, jump=1).fit(x).predict(pen=pen)
        assert cost(ours) == pytest.approx(cost(theirs), abs=1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 90), st.sampled_from(
    ["CONSULT", "AGREE", "AID", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT"]),
    st.floats(0.05, 1.0), st.booleans()), min_size=1, max_size=30))
def test_relations_index_is_a_weighted_mean_of_goldstein_scores(
        events: list[tuple[int, str, float, bool]]) -> None:
    store = Store(":memory:")
    for i, (offset, cat, conf, private) in enumerate(events):
        day = (date(2025, 1, 1) + timedelta(days=offset)).isoformat()
        add_article(store, f"a{i}", published=day)
        add_event(store, article_id=f"a{i}", category=cat, day=day, confidence=conf,
                  channel="private" if private else "public", evidence=f"event {i}")
    r = relations(store, "USA", "RUS", freq="week")
    lo = min(g for g in store.con.execute("SELECT goldstein FROM events").fetchall())[0]
    hi = max(g for g in store.con.execute("SELECT goldstein FROM events").fetchall())[0]
    for p in r.series:
        for v in (p.index, p.public, p.private, p.ab, p.ba):
            assert v is None or lo - 1e-9 <= v <= hi + 1e-9
    assert r.series[0].index is not None


def test_relations_quiet_gap_inside_the_history_fades_to_no_data(store: Store) -> None:
    dyad_run(store, [CALM] * 3)
    dyad_run(store, [HOSTILE] * 3, start=date(2026, 1, 5), tag="later")
    r = relations(store, "USA", "RUS", freq="month")
    values = {p.period: p.index for p in r.series}
    assert values["2025-01-01"] is not None and values["2025-04-01"] is not None
    assert values["2025-05-01"] is None and values["2025-12-01"] is None
    assert values["2026-01-01"] is not None and values["2026-01-01"] < 0


def test_relations_events_long_before_the_corpus_are_background_not_series(
        store: Store) -> None:
    dyad_run(store, [HOSTILE] * 6, start=date(2017, 9, 4))
    # an article of the corpus recalls an event of 1997 ("nearly two decades ago")
    old = add_event(store, article_id="wpublic0", category="AGREE", day="1997-03-03",
                    evidence="agreed two decades ago")
    r = relations(store, "USA", "RUS", freq="month")
    assert r.series[0].period == "2017-09-01" and len(r.series) == 2
    assert r.lowest is not None and r.lowest.period.startswith("2017")
    assert [e["event_id"] for e in r.background] == [old]
    assert r.to_dict()["background"][0]["date"] == "1997-03-03"


def test_relations_recent_past_within_the_margin_is_plotted(store: Store) -> None:
    dyad_run(store, [HOSTILE] * 2, start=date(2025, 8, 4))
    add_event(store, article_id="wpublic0", category="AGREE", day="2025-02-03")
    r = relations(store, "USA", "RUS", freq="month")
    assert r.series[0].period == "2025-02-01" and r.background == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.integers(70, 400), st.floats(0.5, 60))
def test_pelt_l2_in_numpy_partitions_as_the_python_loop(seed: int, n: int, pen: float) -> None:
    # Noise with a few steps and a high penalty keeps many candidate starts: the NumPy loop.
    from detente.analyze.relations import turns

    rng = np.random.default_rng(seed)
    x = rng.normal(size=n) * 2 + np.repeat(rng.normal(size=4) * 3, -(-n // 4))[:n]
    vectorised = pelt_l2(x, pen)
    saved = turns._VECTOR_FROM, turns._PYTHON_FROM
    try:
        turns._VECTOR_FROM = n + 1  # never: the plain Python loop throughout
        python = pelt_l2(x, pen)
        # back and forth between the two loops every few steps
        turns._VECTOR_FROM, turns._PYTHON_FROM = 6, 4
        assert pelt_l2(x, pen) == python == vectorised
    finally:
        turns._VECTOR_FROM, turns._PYTHON_FROM = saved


_MAYBE = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False), st.just(-0.0),
                   st.just(1e-9), st.just(-2.0005))


@settings(max_examples=200, deadline=None)
@given(st.lists(_MAYBE, min_size=6, max_size=6), st.floats(-1e6, 1e6, allow_nan=False),
       st.lists(st.integers(0, 10**6), min_size=9, max_size=9), st.booleans(),
       st.dates().map(date.isoformat))
def test_point_json_is_the_json_of_to_dict(values: list[float | None], gsum: float,
                                          counts: list[int], diverging: bool,
                                          period: str) -> None:
    from detente.analyze.relations import Point

    index, gold, ab, ba, public, private = values
    point = Point(period=period, index=index, goldstein=gold, goldstein_sum=gsum,
                  events=counts[0], mentions=counts[1], quad=counts[2:6], ab=ab, ba=ba,
                  public=public, private=private, events_ab=counts[6], events_ba=counts[7],
                  events_public=counts[8], events_private=counts[0], diverging=diverging)
    assert point.json == json.dumps(point.to_dict(), separators=(",", ":"))


_ANY_FLOAT = st.one_of(_MAYBE, st.sampled_from([math.inf, -math.inf, math.nan, 3e11, -7e14]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.lists(_ANY_FLOAT, min_size=6, max_size=6),
                          st.floats(-1e12, 1e12, allow_nan=False),
                          st.lists(st.integers(0, 10**6), min_size=9, max_size=9),
                          st.booleans(), st.one_of(st.dates().map(date.isoformat),
                                                   st.just("2025-W07"))),
                max_size=12))
def test_point_jsons_writes_each_point_as_its_json(rows: list[Any]) -> None:
    # The columns' JSON written at once is each point's own, numbers not finite and
    # periods not ISO dates included.
    from detente.analyze.relations import Point
    from detente.analyze.relations.result import point_jsons

    points = [Point(period=period, index=v[0], goldstein=v[1], goldstein_sum=gsum,
                    events=c[0], mentions=c[1], quad=c[2:6], ab=v[2], ba=v[3], public=v[4],
                    private=v[5], events_ab=c[6], events_ba=c[7], events_public=c[8],
                    events_private=c[0], diverging=d)
              for v, gsum, c, d, period in rows]

    def col(name: str) -> list[Any]:
        return [getattr(p, name) for p in points]

    texts = point_jsons(col("period"), col("index"), col("goldstein"), col("events"),
                        col("public"), col("private"), col("ab"), col("ba"),
                        col("goldstein_sum"), col("mentions"),
                        [n for p in points for n in p.quad], col("events_public"),
                        col("events_private"), col("events_ab"), col("events_ba"),
                        col("diverging"))
    assert texts == [p.json for p in points]
