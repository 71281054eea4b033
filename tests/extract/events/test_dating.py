"""Event dating: the governing time expression, else the publication week, else null."""

from __future__ import annotations

from typing import Any

import pytest

from detente.extract.events.dating import EventDatingStage, precision_of
from detente.extract.stage import Draft
from detente.extract.time.stage import TimexStage
from detente.model import Actor, Article, Event, EventDate, Record, Span


def _event(text: str, trigger: str) -> Event:
    start = text.index(trigger)
    return Event(
        id="e1", source=Actor("A"), target=None, category="CONSULT", mode=None, cameo=None,
        goldstein=None, quad_class=None, date=EventDate(None, None), modality="asserted",
        negated=False, channel="public", evidence=Span(0, len(text), text),
        trigger=Span(start, start + len(trigger), trigger), confidence=1.0)


def _dated(nlp: Any, text: str, trigger: str, published: str | None) -> EventDate:
    rec = Record(Article(id="a", text=text), events=[_event(text, trigger)])
    item = TimexStage()(Draft(rec, nlp(text), published))
    return EventDatingStage()(item).record.events[0].date


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The envoy met Putin in Moscow on Tuesday.", "met",
         EventDate("2025-08-05", "day", "Tuesday")),
        ("Trump declared at a press conference last week that talks failed.", "declared",
         EventDate("2025-W31", "week", "last week")),
        ("In February, the United States sided with Russia at the UN.", "sided",
         EventDate("2025-02", "month", "February")),
        ("The two leaders held talks on Aug. 1 in Alaska.", "talks",
         EventDate("2025-08-01", "day", "Aug. 1")),
    ],
)
def test_event_dates_takes_the_timex_governing_the_trigger(
        nlp: Any, text: str, trigger: str, expected: EventDate) -> None:
    assert _dated(nlp, text, trigger, "2025-08-07") == expected


def test_event_dates_ignores_a_timex_of_another_clause(nlp: Any) -> None:
    text = "Officials said on Monday that the troops withdrew."
    assert _dated(nlp, text, "withdrew", "2025-08-07") == EventDate("2025-W32", "week", None)


def test_event_dates_falls_back_to_the_publication_week(nlp: Any) -> None:
    assert _dated(nlp, "Russia condemned the strikes.", "condemned", "2025-08-07") == EventDate(
        "2025-W32", "week", None)


def test_event_dates_leaves_date_null_without_publication_date(nlp: Any) -> None:
    assert _dated(nlp, "Russia condemned the strikes.", "condemned", None) == EventDate(
        None, None, None)


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2025-08-06", "day"), ("2025-08-06T14:00", "day"), ("2025-W31", "week"),
     ("2025-W32-WE", "week"), ("2025-02", "month"), ("2025", "year"), ("2025-Q3", "year"),
     ("PRESENT_REF", None), ("P50D", None)],
)
def test_event_dates_precision_follows_the_value(value: str, precision: str | None) -> None:
    assert precision_of(value) == precision


def test_event_dates_crosses_a_participle_clause_to_its_verb(nlp: Any) -> None:
    text = "Trump spoke at a press conference last week, calling on Putin to end the war."
    assert _dated(nlp, text, "calling", "2025-08-07") == EventDate("2025-W31", "week",
                                                                   "last week")
