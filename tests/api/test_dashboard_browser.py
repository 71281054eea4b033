"""The dashboard as an analyst meets it: real headless Chromium against a real uvicorn server
on 127.0.0.1, over the demo corpus when extraction yields a USA-RUS story from it, else over
the synthetic store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import REPO_DOCS, LiveServer, chart_periods, click_period

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dashboard(live_dashboard_server: LiveServer, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """The dashboard page loaded, and the list of problems the page reported (JS errors,
    console errors, requests to anywhere but the server)."""
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}")
            if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"external request: {r.url}")
            if not r.url.startswith(live_dashboard_server.url) else None)
    page.goto(live_dashboard_server.url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield page, problems
    page.close()


def _select_usa_rus(page: Any) -> None:
    values = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.value)")
    value = "USA-RUS" if "USA-RUS" in values else "RUS-USA"
    assert value in values, values
    page.select_option("#dyad", value)
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.wait_for_selector("[data-testid=lowest-point]", timeout=30_000)


def test_dashboard_shows_the_usa_rus_story_and_clicks_through_to_evidence(
        dashboard: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, problems = dashboard
    _select_usa_rus(page)
    # The chart: the index line and both tracks are drawn, the lowest point is marked.
    assert int(page.get_attribute("#chart", "data-points") or 0) >= 5
    assert page.get_attribute("#chart", "data-tracks") == "index public private events"
    assert page.locator("[data-testid=lowest-point]").count() == 1
    assert page.locator("[data-testid=highest-point]").count() == 1
    summary = page.inner_text("[data-testid=summary]")
    assert "Lowest" in summary and "Highest" in summary
    # A deadline with its status, and a quote with its speaker.
    page.wait_for_selector("[data-testid=deadline]")
    deadlines = page.inner_text("[data-testid=deadlines]")
    assert any(s in deadlines for s in ("active", "expired", "shortened", "superseded"))
    page.wait_for_selector("[data-testid=quote]")
    assert page.locator("[data-testid=quote] .speaker strong").count() >= 1
    # The actor network has nodes.
    assert page.locator("[data-testid=network] .node").count() >= 2
    # Click the lowest point: the events behind it, each with its evidence sentence.
    page.click("[data-testid=lowest-point]")
    page.wait_for_selector("[data-testid=detail] [data-testid=evidence]")
    evidence = page.locator("[data-testid=detail] [data-testid=evidence]")
    assert evidence.count() >= 1
    first = evidence.first.inner_text().strip()
    assert first
    assert "lowest point" in page.inner_text("#detail-title")
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("DETENTE_SAVE_SCREENSHOT"):  # refresh docs/dashboard.png on purpose
        REPO_DOCS.mkdir(exist_ok=True)
        shutil.copy(shot, REPO_DOCS / "dashboard.png")
    assert shot.stat().st_size > 20_000
    # Down to the article: the evidence sentence is highlighted in its text.
    page.locator("[data-testid=detail] button.link").first.click()
    page.wait_for_selector("[data-testid=article][open]")
    assert page.inner_text("[data-testid=highlight]").strip() == first
    page.screenshot(path=str(tmp_path / "dashboard-article.png"))
    page.keyboard.press("Escape")
    assert problems == []


def test_dashboard_period_click_lists_that_periods_events(
        dashboard: tuple[Any, list[str]]) -> None:
    page, problems = dashboard
    _select_usa_rus(page)
    period = chart_periods(page)[3]
    click_period(page, period)
    page.wait_for_selector("[data-testid=detail] li.event")
    dates = page.locator("[data-testid=detail] li.event .date").all_inner_texts()
    assert dates and all(d >= period for d in dates)
    assert problems == []


def test_dashboard_search_finds_articles(dashboard: tuple[Any, list[str]]) -> None:
    page, problems = dashboard
    page.fill("#q", "Moscow")
    page.click("#search button")
    page.locator("#results li", has_text="matching").wait_for()
    header = page.locator("#results li").first.inner_text()
    assert "matching \u201cMoscow\u201d" in header
    assert page.locator("[data-testid=result]").count() >= 1
    page.locator("[data-testid=result] button.title").first.click()
    page.wait_for_selector("[data-testid=article][open]")
    assert "moscow" in page.inner_text("[data-testid=article-text]").lower()
    page.keyboard.press("Escape")
    assert problems == []


def test_dashboard_period_controls_reload_the_chart(dashboard: tuple[Any, list[str]]) -> None:
    page, problems = dashboard
    _select_usa_rus(page)
    page.select_option("#freq", "month")
    page.wait_for_selector("body[data-ready='1']")
    months = int(page.get_attribute("#chart", "data-periods") or 0)
    page.select_option("#freq", "week")
    page.wait_for_selector("body[data-ready='1']")
    weeks = int(page.get_attribute("#chart", "data-periods") or 0)
    assert 0 < months < weeks
    assert "freq=week" in page.url
    assert problems == []
