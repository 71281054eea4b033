"""The dashboard's map as an analyst meets it: real headless Chromium, a real uvicorn server
on 127.0.0.1, a synthetic store whose events have places, and every request to anywhere but
the server blocked (the map must draw offline: no CDN, no tile server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from detente.store.db import Store
from tests.api.conftest import LiveServer
from tests.synthetic import placed_records

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def map_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, int]]:
    path = tmp_path_factory.mktemp("map") / "store.duckdb"
    records = placed_records()
    with Store(path) as store:
        store.add_articles([r.article for r in records])
        store.save_records(records)
        row = store.con.execute("SELECT count(*) FROM events WHERE location_name = 'Kharkiv'"
                                ).fetchone()
    assert row is not None
    with LiveServer(path) as server:
        yield server, int(row[0])


def test_map_draws_offline_and_a_click_lists_the_places_events(
        map_server: tuple[LiveServer, int], browser: Any) -> None:
    server, kharkiv_events = map_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def only_the_server(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:  # the network is off for everything else
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_server)
    problems: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}")
            if m.type == "error" else None)
    try:
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.wait_for_selector("[data-testid=map-point]", timeout=30_000)
        # The world is drawn (177 countries in world-atlas 110m) and one point per place.
        assert page.locator("#map path.country").count() > 150
        places = page.eval_on_selector_all("[data-testid=map-point]",
                                           "ps => ps.map(p => p.dataset.place).sort()")
        assert places == ["Istanbul", "Kharkiv", "Moscow", "Washington"]
        point = page.locator("[data-testid=map-point][data-place=Kharkiv]")
        assert point.get_attribute("class").split()[1] in ("q1", "q2", "q3", "q4")
        assert int(point.get_attribute("data-count")) == kharkiv_events
        point.click()
        page.wait_for_selector("[data-testid=detail] [data-testid=evidence]")
        assert page.inner_text("#detail-title").startswith("Events at Kharkiv (UKR)")
        assert page.locator("[data-testid=detail] [data-testid=evidence]").count() \
            == kharkiv_events
        assert set(page.locator("[data-testid=detail] [data-testid=event-place]")
                   .all_inner_texts()) == {"in Kharkiv"}
        assert blocked == [] and problems == []
    finally:
        context.close()


def test_map_follows_the_time_range(map_server: tuple[LiveServer, int], browser: Any) -> None:
    server, _ = map_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.wait_for_selector("[data-testid=map-summary]", timeout=30_000)
        assert page.inner_text("[data-testid=map-summary]") == \
            "40 events at 4 places in the period."
        # Only the first week: its four events, at the first four places in turn (one
        # without a place).
        page.fill("#from", "2025-01-06")
        page.dispatch_event("#from", "change")
        page.fill("#to", "2025-01-12")
        page.dispatch_event("#to", "change")
        # (A selector, not a script: the page's CSP allows no eval.)
        page.wait_for_selector("[data-testid=map-summary]:has-text('3 events at')",
                               timeout=30_000)
        assert page.inner_text("[data-testid=map-summary]") == \
            "3 events at 3 places in the period."
    finally:
        page.close()
