"""Deadline status, countdown and cross-article revision links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.extract.deadlines.timeline import (
    countdown,
    link_revisions,
    status_as_of,
    statuses,
)
from detente.model import Actor, Deadline, Span
from detente.timeml import add_duration, expiry_date

US = Actor("Trump", "Donald Trump", "USAGOV", "USA", "GOV")
RU = Actor("Russia", "Russia", "RUS", "RUS")


def _d(id: str, *, issued: str | None = None, duration: str | None = None,
       expires: str | None = None, revises: str | None = None, status: str = "active",
       demand: str | None = "halt its offensive", target: Actor | None = RU) -> Deadline:
    return Deadline(id, US, target, demand, issued, duration,
                    expires or add_duration(issued, duration), revises, status,
                    Span(0, 0, ""))


@pytest.mark.parametrize(
    ("start", "duration", "end"),
    [("2025-07-14", "P50D", "2025-09-02"), ("2025-07-29", "P10D", "2025-08-08"),
     ("2025-01-31", "P1M", "2025-02-28"), ("2025-07-29", "P2W", "2025-08-12"),
     (None, "P10D", None), ("2025-07-29", None, None)],
)
def test_deadlines_expiry_is_issue_date_plus_duration(start: str | None, duration: str | None,
                                                      end: str | None) -> None:
    assert add_duration(start, duration) == end


@pytest.mark.parametrize(
    ("value", "last_day"),
    [("2025-08-08", date(2025, 8, 8)), ("2025-W32-WE", date(2025, 8, 10)),
     ("2025-W32", date(2025, 8, 10)), ("2025-02", date(2025, 2, 28)),
     ("2025", date(2025, 12, 31)), ("PRESENT_REF", None), (None, None)],
)
def test_deadlines_expiry_date_is_last_day_the_value_covers(value: str | None,
                                                            last_day: date | None) -> None:
    assert expiry_date(value) == last_day


@pytest.mark.parametrize(
    ("as_of", "left", "status"),
    [("2025-08-07", 1, "active"), ("2025-08-08", 0, "active"), ("2025-08-09", -1, "expired")],
)
def test_deadlines_countdown_and_status_as_of_a_date(as_of: str, left: int, status: str) -> None:
    d = _d("a:1", issued="2025-07-29", duration="P10D")
    assert countdown(d, as_of) == left
    assert status_as_of(d, as_of) == status


@pytest.mark.parametrize(
    ("new_duration", "status"), [("P10D", "shortened"), ("P60D", "extended"),
                                 ("P50D", "superseded")],
)
def test_deadlines_revised_deadline_takes_the_revision_kind(new_duration: str, status: str
                                                            ) -> None:
    old = _d("a:1", issued="2025-07-14", duration="P50D")
    new = _d("a:2", issued="2025-07-14", duration=new_duration, revises="a:1")
    assert statuses([old, new], "2025-08-01")["a:1"] == status


def test_deadlines_revision_not_yet_issued_does_not_count() -> None:
    old = _d("a:1", issued="2025-07-14", duration="P50D")
    new = _d("b:1", issued="2025-07-29", duration="P10D", revises="a:1")
    assert statuses([old, new], "2025-07-20") == {"a:1": "active", "b:1": "active"}


def test_deadlines_met_stays_met() -> None:
    assert status_as_of(_d("a:1", issued="2025-01-01", duration="P1D", status="met"),
                        "2026-01-01") == "met"


def test_deadlines_links_revision_across_articles() -> None:
    first = _d("a:1", issued="2025-07-14", duration="P50D")
    second = _d("b:1", issued="2025-07-29", duration="P10D", demand="halt the offensive")
    other = _d("c:1", issued="2025-07-30", duration="P5D", demand="release prisoners",
               target=Actor("Iran", "Iran", "IRN", "IRN"))
    linked = link_revisions([(second, "2025-07-29"), (first, "2025-07-14"),
                             (other, "2025-07-30")])
    assert [d.revises for d in linked] == ["a:1", None, None]


def test_deadlines_cross_article_link_needs_a_similar_demand() -> None:
    first = _d("a:1", issued="2025-07-14", duration="P50D", demand="halt its offensive")
    second = _d("b:1", issued="2025-07-29", duration="P10D", demand="release the prisoners")
    assert link_revisions([(first, None), (second, None)])[1].revises is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
       st.integers(min_value=1, max_value=400))
def test_deadlines_countdown_on_issue_day_equals_duration_in_days(day: date, n: int) -> None:
    d = _d("a:1", issued=day.isoformat(), duration=f"P{n}D")
    assert countdown(d, day) == n
    assert countdown(d, day + timedelta(days=n + 1)) == -1
