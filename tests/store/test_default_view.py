"""The default view leaves out a targeted act (aid, support, threats, pulling back,
conceding, protesting) whose named target is no coded actor ("funding for vaccines",
"threats of war"), and the events of a story that is not political, in DuckDB, in the
server's index and in ``detente eval real`` alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from detente.analyze.dedup import dedupe
from detente.api.event_index import EventIndex
from detente.evaluate.real import in_default_view
from detente.model import Actor, Article, Event, EventDate, Record, Span
from detente.store.browse import busiest_dyads
from detente.store.db import Store
from detente.store.queries import EventFilter, list_events

_TEXT = "Moscow backed the plan. Moscow backed Minsk. Moscow criticised the plan. Moscow left."
_RUS = Actor("Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV")
_BLR = Actor("Minsk", name="Belarus", code="BLRGOV", country="BLR", sector="GOV")
_PLAN = Actor("the plan")  # named, no code: a thing
_UN = Actor("the UN", name="United Nations", code="IGOUNO")


def _event(n: int, category: str, target: Actor | None) -> Event:
    span = Span(0, 23, _TEXT[:23])
    return Event(id=f"dv-{n}", source=_RUS, target=target, category=category, mode=None,
                 cameo=None, goldstein=None, quad_class=None, date=EventDate(None, None),
                 modality="asserted", negated=False, channel="public", evidence=span,
                 trigger=span, confidence=0.7)


_EVENTS = [
    _event(1, "SUPPORT", _PLAN),   # out: backing a thing
    _event(2, "SUPPORT", _BLR),    # in: a coded target
    _event(3, "SUPPORT", None),    # in: no target named
    _event(4, "THREATEN", _PLAN),  # out
    _event(5, "AID", _UN),         # in: an international organisation
    _event(6, "ACCUSE", _PLAN),    # in: accusations are shown with any target
    _event(7, "MOBILIZE", _PLAN),  # in
]
_SHOWN = {"dv-2", "dv-3", "dv-5", "dv-6", "dv-7"}


def test_eval_default_view_leaves_out_targeted_acts_on_things() -> None:
    assert {e.id for e in _EVENTS if in_default_view(e)} == _SHOWN


def test_store_and_index_agree_with_the_eval(db_path: Path) -> None:
    art = Article(id="dv0000000000001", text=_TEXT, language="en", input="test")
    with Store(db_path) as store:
        store.add_articles([art])
        store.save_records([Record(article=art, events=_EVENTS, mentions=[], quotes=[],
                                   timexes=[], deadlines=[])])
        rows, total = list_events(store, EventFilter(coded=True))
        assert {r["id"] for r in rows} == _SHOWN and total == len(_SHOWN)
        everything, _ = list_events(store, EventFilter(coded=False))
        assert {r["id"] for r in everything} == {e.id for e in _EVENTS}
        index = EventIndex.build(store, max_events=100)
    assert index is not None
    rows, total = index.select(EventFilter(coded=True))
    assert {r["id"] for r in rows} == _SHOWN and total == len(_SHOWN)


_STORY = "not a political story: 1 of 12 actor mentions are political actors (less than 15%)"


def test_events_of_a_story_that_is_not_political_are_kept_but_not_shown(db_path: Path) -> None:
    events = [dataclasses.replace(_EVENTS[1], id="ot-1"),
              dataclasses.replace(_EVENTS[1], id="ot-2", off_topic=_STORY)]
    assert [in_default_view(e) for e in events] == [True, False]
    art = Article(id="ot0000000000001", text=_TEXT, language="en", input="test",
                  published="2025-08-05")
    with Store(db_path) as store:
        store.add_articles([art])
        store.save_records([Record(article=art, events=events)])
        rows, total = list_events(store, EventFilter(coded=True))
        assert [r["id"] for r in rows] == ["ot-1"] and total == 1
        everything, _ = list_events(store, EventFilter(coded=False))
        assert {r["id"]: r["off_topic"] for r in everything} == {"ot-1": None, "ot-2": _STORY}
        # The relations index and the report stand on the clusters: the marked event is in
        # none of them, and the dashboard's dyad list does not count it.
        dedupe(store)
        clustered = store.query("SELECT event_id FROM event_clusters ORDER BY event_id")
        assert clustered == [{"event_id": "ot-1"}]
        assert busiest_dyads(store)[0]["events"] == 1
        index = EventIndex.build(store, max_events=100)
    assert index is not None
    rows, total = index.select(EventFilter(coded=True))
    assert [r["id"] for r in rows] == ["ot-1"] and total == 1
    rows, total = index.select(EventFilter(coded=False))
    assert total == 2
