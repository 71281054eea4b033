"""The fast lane (detente.api.fast_lane) answers as the /relations route does: the same
status, headers and body for any request, and the errors left to the route."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.api.app import create_app
from detente.api.fast_lane import FastLane
from detente.api.state import ServeOptions

API = "/api/v1"


@pytest.fixture(scope="module")
def clients(synthetic_db: Path) -> Iterator[tuple[TestClient, TestClient]]:
    """Two read-only apps over the synthetic store: with the fast lane and without."""
    with TestClient(create_app(synthetic_db), raise_server_exceptions=False) as lane, \
            TestClient(create_app(synthetic_db, options=ServeOptions(fast_lane=False)),
                       raise_server_exceptions=False) as route:
        yield lane, route


def _lane_of(client: TestClient) -> FastLane:
    """The app's FastLane, found down its middleware stack."""
    app: Any = client.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(app, FastLane):
        app = app.app
    return app


def _same(lane: TestClient, route: TestClient, url: str, method: str = "GET") -> None:
    got, want = lane.request(method, url), route.request(method, url)
    assert (got.status_code, got.content) == (want.status_code, want.content), url
    assert {k: v for k, v in got.headers.items() if k != "date"} == \
        {k: v for k, v in want.headers.items() if k != "date"}, url


_CODES = st.sampled_from(["USA", "RUS", "usa", "rus", "UKR", "USAGOV", "R%3BUS", "USA.x",
                          "A" * 41, "US A"])
_VALUES = {
    "freq": st.sampled_from(["day", "week", "month", "year", "Week", " week", ""]),
    "from": st.sampled_from(["2025-01-01", "2025-06-15", "2025-02-30", "2025-1-01",
                             " 2025-03-01", "2025-03-01T00:00", "0", "", "\u0662025-01-01"]),
    "to": st.sampled_from(["2025-12-31", "2025-07-01", "2025-03-01", "2025-04-31", "2099-12-31", "",
                           "2025-05-01 "]),
    "x": st.just("1"),
}
_QUERY = st.lists(st.sampled_from(sorted(_VALUES)), max_size=4).flatmap(
    lambda keys: st.tuples(*[st.tuples(st.just(k), _VALUES[k]) for k in keys]))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=_CODES, b=_CODES, query=_QUERY, csv=st.booleans(), head=st.booleans())
def test_the_fast_lane_answers_as_the_route_does(clients: tuple[TestClient, TestClient],
                                                  a: str, b: str, query: tuple[Any, ...],
                                                  csv: bool, head: bool) -> None:
    lane, route = clients
    qs = "&".join(f"{k}={v}" for k, v in query)
    url = f"{API}/relations/{a}/{b}{'.csv' if csv else ''}" + (f"?{qs}" if qs else "")
    _same(lane, route, url, "HEAD" if head else "GET")


def test_the_fast_lane_answers_windows_of_built_histories(
        clients: tuple[TestClient, TestClient]) -> None:
    lane, route = clients
    counter = _lane_of(lane)
    before = counter.answered
    urls = [f"{API}/relations/{a}/{b}?freq={f}&from=2025-0{m}-01&to=2025-12-01"
            for (a, b), f, m in itertools.product(
                [("USA", "RUS"), ("RUS", "USA")], ["day", "week", "month"], [2, 5])]
    for url in urls:  # the first of each dyad and frequency builds its history
        _same(lane, route, url)
    for url in urls:  # cached now
        _same(lane, route, url)
    assert counter.answered - before >= len(urls)


@pytest.mark.parametrize("query", [
    "from=2025-06-15&to=2025-03-01",  # the route's 400: from after to
    "freq=day&from=2025-02-30",  # no such day
    "freq=day&freq=week",  # twice
    "freq=week&from=2025-01-01&x=1",  # a parameter the lane does not know
    "freq=Week", "from=%202025-03-01", "from=2025-03-01T00:00", "to=",
    "freq=day&from=2016-01-01&to=2025-12-31",  # more than INLINE_PERIODS days
])
def test_the_fast_lane_leaves_what_it_does_not_know_to_the_route(
        clients: tuple[TestClient, TestClient], query: str) -> None:
    lane, route = clients
    for freq in ("day", "week", "month"):  # the histories are built
        _same(lane, route, f"{API}/relations/USA/RUS?freq={freq}")
    counter = _lane_of(lane)
    before = counter.answered
    _same(lane, route, f"{API}/relations/USA/RUS?{query}")
    assert counter.answered == before
