"""The dyad series' fast path gives what it gave before it (``relations_reference``), and a
dyad seen from the other side is the same history with its directed tracks swapped."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import DyadSeries, cluster_details, dyad_frame, dyad_series
from detente.store.db import Store
from tests.analyze.relations_reference import reference_series
from tests.analyze.synth import add_article, add_event

_WINDOWS = [(None, None), ("2025-03-01", "2025-06-30"), ("2024-06-01", "2025-02-10"),
            ("2025-11-01", "2026-09-30")]
_DYADS = [("USA", "RUS"), ("RUS", "USA"), ("USAGOV", "RUS"), ("RUSGOV", "USA"), ("USA", "UKR"),
          ("UKR", "RUS"), ("USA", "USAGOV"), ("XXX", "RUS")]


@pytest.fixture(scope="module")
def clustered(synthetic_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the synthetic store with its event clusters built."""
    path = tmp_path_factory.mktemp("fast") / "store.duckdb"
    shutil.copy(synthetic_db, path)
    with Store(path) as store:
        ensure_deduped(store)
    return path


def _same(ours: DyadSeries, theirs: DyadSeries, store: Store) -> None:
    assert len(ours.points) == len(theirs.points)
    assert ours.turns == theirs.turns
    assert (ours.last_seen, ours.private_weight) == (theirs.last_seen, theirs.private_weight)
    for i in range(len(theirs.points)):
        assert ours.points[i].json == theirs.points[i].json, i
    for start, end in _WINDOWS:
        got = ours.window(start, end, lambda ids: cluster_details(store, ids))
        want = theirs.window(start, end, lambda ids: cluster_details(store, ids))
        # the JSON (from the columns when the series has them) and the points it shows
        assert got.to_json() == want.to_json()
        assert json.loads(got.to_json()) == json.loads(json.dumps(got.to_dict()))
        assert [p.json for p in got.series] == [p.json for p in want.series]
        assert [p.period for p in got.series[1:4]] == [p.period for p in want.series[1:4]]
        assert got.diverging_periods == want.diverging_periods


@pytest.mark.parametrize(("a", "b"), _DYADS)
@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_dyad_series_is_the_reference_series_on_a_real_store(clustered: Path, a: str, b: str,
                                                             freq: str) -> None:
    with Store(clustered, read_only=True) as store:
        frame = dyad_frame(store, a, b, dedupe=False)
        _same(dyad_series(frame, freq), reference_series(frame, freq), store)


@pytest.mark.parametrize(("a", "b"), [("USA", "RUS"), ("USAGOV", "RUSGOV"), ("UKR", "USA")])
@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_dyad_series_reversed_is_the_other_order_built(clustered: Path, a: str, b: str,
                                                       freq: str) -> None:
    with Store(clustered, read_only=True) as store:
        ab, ba = (dyad_frame(store, x, y, dedupe=False) for x, y in ((a, b), (b, a)))
        assert len(ab) and ba.is_reverse_of(ab)
        _same(dyad_series(ab, freq).reversed(ba), dyad_series(ba, freq), store)


def test_dyad_is_not_the_reverse_when_a_row_matches_both_orders() -> None:
    store = Store(":memory:")
    add_article(store, "a1", published="2025-03-03")
    # USAGOV -> USAGOV: the USA to its government and its government to the USA at once
    add_event(store, article_id="a1", source="USA", target="USA", day="2025-03-03")
    add_event(store, article_id="a1", source="USA", target="RUS", day="2025-03-03",
              evidence="other")
    ab = dyad_frame(store, "USA", "USAGOV")
    ba = dyad_frame(store, "USAGOV", "USA", dedupe=False)
    assert len(ab) == len(ba) == 1 and ab.ab.all() and ba.ab.all()
    assert not ba.is_reverse_of(ab)
    usa_rus, rus_usa = (dyad_frame(store, x, y, dedupe=False) for x, y in (("USA", "RUS"),
                                                                          ("RUS", "USA")))
    assert rus_usa.is_reverse_of(usa_rus) and not usa_rus.is_reverse_of(usa_rus)


_CATEGORIES = ["CONSULT", "AGREE", "AID", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 400), st.sampled_from(_CATEGORIES),
                          st.floats(0.05, 1.0), st.booleans(), st.booleans()),
                min_size=1, max_size=40),
       st.sampled_from(["day", "week", "month"]))
def test_dyad_series_is_the_reference_series_for_any_events(
        events: list[tuple[int, str, float, bool, bool]], freq: str) -> None:
    store = Store(":memory:")
    for i, (offset, cat, conf, private, reverse) in enumerate(events):
        day = (date(2025, 1, 1) + timedelta(days=offset)).isoformat()
        add_article(store, f"a{i}", published=day)
        add_event(store, article_id=f"a{i}", category=cat, day=day, confidence=conf,
                  source="RUS" if reverse else "USA", target="USA" if reverse else "RUS",
                  channel="private" if private else "public", evidence=f"event {i}")
    frame = dyad_frame(store, "USA", "RUS")
    _same(dyad_series(frame, freq), reference_series(frame, freq), store)
    other = dyad_frame(store, "RUS", "USA", dedupe=False)
    _same(dyad_series(frame, freq).reversed(other), dyad_series(other, freq), store)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False),
                 st.floats(-20, 20), st.integers(-10**7, 10**7).map(lambda i: i / 2000)))
def test_a_points_number_is_written_as_repr_of_round(x: float) -> None:
    from detente.analyze.relations.result import _j

    assert _j(x) == repr(round(x, 3))
