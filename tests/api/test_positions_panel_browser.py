"""The dashboard's positions panel in real headless Chromium: the two sides of the chosen
dyad on one issue, side by side, from a real store served on 127.0.0.1."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.model import Actor, Article, Position, Record, Span
from detente.store.db import Store
from tests.api.conftest import LiveServer

pytestmark = pytest.mark.browser

TEXT = ("Moscow insists on territorial concessions. Washington rejects any change of borders "
        "by force and backs new sanctions.")
SECOND = "Washington rejects any change of borders by force and backs new sanctions."
USA = Actor("Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
RUS = Actor("Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV")


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span(start, start + len(part), part)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, synthetic_db: Path) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("positions") / "store.duckdb"
    shutil.copy(synthetic_db, path)
    record = Record(
        article=Article(id="positions-1", text=TEXT, title="Positions", published="2025-08-01"),
        positions=[
            Position(RUS, "demand", "territory",
                     _span("Moscow insists on territorial concessions.")),
            Position(USA, "reject", "territory", _span(SECOND)),
            Position(USA, "support", "sanctions", _span(SECOND)),
        ])
    with Store(path) as store:
        store.add_articles([record.article])
        store.save_records([record])
    with LiveServer(path) as live:
        yield live


def test_positions_panel_shows_both_sides_of_one_issue(server: LiveServer, browser: Any) -> None:
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    values = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.value)")
    page.select_option("#dyad", "USA-RUS" if "USA-RUS" in values else "RUS-USA")
    page.select_option("#issue", "territory")
    page.wait_for_selector("[data-testid=positions-side] h3:has-text('reject 1')")
    assert page.locator("[data-testid=positions-side]").count() == 2
    sides = page.locator("[data-testid=positions-side]").all_inner_texts()
    joined = " | ".join(sides)
    assert "demand 1" in joined and "reject 1" in joined, joined
    assert "Moscow insists on territorial concessions." in joined
    page.select_option("#issue", "sanctions")
    page.wait_for_selector("[data-testid=positions-side] h3:has-text('support 1')")
    assert page.locator("[data-testid=positions-side]").count() == 2
    assert not problems, problems
    page.close()
