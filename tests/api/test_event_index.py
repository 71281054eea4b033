"""The server's in-memory events listing answers exactly what DuckDB answers."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.api.event_index import EventIndex
from detente.api.state import ServeOptions, ServerState
from detente.model import Actor, Article, Event, EventDate, Location, Record, Span
from detente.store.db import Store
from detente.store.queries import EventFilter, list_events

_ODD = Actor("the 100%_Fund", name="Fund 100%_A", code=None, country=None, sector="BUS")
_KHARKIV = Location("Kharkiv", "UKR", None, 49.9808, 36.2527, "city", "sentence", None)
_TEXT = "Officials met. The 100%_Fund criticised Moscow. Someone acted."


def _edge_record() -> Record:
    """Events the synthetic store lacks: undated, without a target or category, and an actor
    whose name holds LIKE's wildcards."""
    text = _TEXT
    art = Article(id="edge00000000001", url=None, title="Edge cases", outlet=None, author=None,
                  published=None, dateline=None, language="en", text=text, input="edge")
    rus = Actor("Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV")
    span = Span(15, 47, text[15:47])
    return Record(article=art, events=[
        Event(id="edge-1", source=_ODD, target=rus, category="ACCUSE", mode=None, cameo="111",
              goldstein=-2.0, quad_class=3, date=EventDate(None, None), modality="asserted",
              negated=False, channel="public", evidence=span, trigger=span, confidence=0.7,
              location=_KHARKIV),
        Event(id="edge-2", source=rus, target=None, category="MOBILIZE", mode=None, cameo=None,
              goldstein=None, quad_class=None, date=EventDate("2025-03-04", "day"),
              modality="asserted", negated=False, channel="private", evidence=span,
              trigger=span, confidence=0.5),
        # A targeted act whose named target is uncoded: out of the default view.
        Event(id="edge-3", source=rus, target=_ODD, category="SUPPORT", mode=None,
              cameo=None, goldstein=None, quad_class=None, date=EventDate("2025-03-04", "day"),
              modality="asserted", negated=False, channel="public", evidence=span,
              trigger=span, confidence=0.7),
    ], mentions=[], quotes=[], timexes=[], deadlines=[])


def _as_api(answer: tuple[list[dict[str, Any]], int]) -> tuple[list[dict[str, Any]], int]:
    """``list_events``' answer as the API's JSON shows it: dates as ISO text."""
    rows, total = answer

    def iso(value: Any) -> str:
        assert isinstance(value, date), value
        return value.isoformat()

    return json.loads(json.dumps(rows, default=iso)), total


@pytest.fixture(scope="module")
def edge_db(synthetic_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "edge.duckdb"
    shutil.copy(synthetic_db, path)
    with Store(path) as store:
        record = _edge_record()
        store.add_articles([record.article])
        store.save_records([record])
    return path


_ACTORS = st.sampled_from(["USA", "usa", "RUS", "RUSGOV", "USAGOV", "us-envoy", "envoy",
                           "Kyiv", "ukr", "IND", "100%", "%", "_", "0%_f", "nobody", " RUS "])
_DATES = st.sampled_from([None, "2025-01-01", "2025-03-04", "2025-06-30", "2025-12-31"])


@st.composite
def _filters(draw: st.DrawFn) -> EventFilter:
    maybe = st.one_of(st.none(), _ACTORS)
    return EventFilter(
        actor=draw(maybe), source=draw(maybe), target=draw(maybe),
        category=draw(st.sampled_from([None, "CONSULT", "threaten", "ACCUSE", "MOBILIZE"])),
        channel=draw(st.sampled_from([None, "public", "private"])),
        start=draw(_DATES), end=draw(_DATES),
        country=draw(st.sampled_from([None, "UKR", "ukr", "RUS"])),
        bbox=draw(st.sampled_from([None, (30.0, 45.0, 40.0, 55.0), (170.0, -90.0, -170.0, 90.0),
                                   (-180.0, -90.0, 180.0, 90.0)])),
        near=draw(st.sampled_from([None, (50.0, 36.23, 50.0), (50.45, 30.52, 400.0),
                                   (50.45, 30.52, 420.0)])),
        limit=draw(st.integers(1, 60)), offset=draw(st.integers(0, 400)),
        coded=draw(st.booleans()),
        min_confidence=draw(st.sampled_from([None, 0.0, 0.5, 0.7, 0.85, 1.0])),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(f=_filters())
def test_index_answers_what_duckdb_answers(edge_db: Path, f: EventFilter) -> None:
    with Store(edge_db, read_only=True) as store:
        index = EventIndex.build(store, max_events=10_000)
        assert index is not None
        assert index.select(f) == _as_api(list_events(store, f))


def test_index_covers_the_edge_events(edge_db: Path) -> None:
    with Store(edge_db, read_only=True) as store:
        index = EventIndex.build(store, max_events=10_000)
    assert index is not None
    # edge-1's source has no country: listed only with coded=False (``--all``).
    rows, total = index.select(EventFilter(source="0%_f", coded=False))
    assert (total, [r["id"] for r in rows]) == (1, ["edge-1"])
    rows, _ = index.select(EventFilter(limit=1000, coded=False))
    assert rows[-1]["id"] == "edge-1"  # undated last
    assert index.select(EventFilter(source="%", coded=False))[1] == 1  # a literal "%"


def test_index_is_not_built_above_its_size_limit(edge_db: Path) -> None:
    with Store(edge_db, read_only=True) as store:
        n = store.stats()["events"]
        assert EventIndex.build(store, max_events=n - 1) is None
        built = EventIndex.build(store, max_events=n)
    assert built is not None and len(built) == n


def test_server_index_follows_the_store_version(edge_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    shutil.copy(edge_db, path)
    state = ServerState(path, token="writes", options=ServeOptions())  # a writing server
    try:
        first = state.event_index()
        assert first is not None and state.event_index() is first  # one per version
        with state.writer() as store:
            store.con.execute("DELETE FROM events WHERE id = 'edge-2'")
        second = state.event_index()
        assert second is not first and second is not None and len(second) == len(first) - 1
    finally:
        state.close()


@pytest.mark.parametrize("coded", [True, False])
def test_default_listing_hides_events_whose_source_has_no_country(edge_db: Path,
                                                                  coded: bool) -> None:
    f = EventFilter(source="100%", coded=coded)
    with Store(edge_db) as store:
        rows, total = list_events(store, f)
        index = EventIndex.build(store, max_events=10_000)
    assert index is not None
    assert ([r["id"] for r in rows], total) == (([], 0) if coded else (["edge-1"], 1))
    assert index.select(f) == _as_api((rows, total))
