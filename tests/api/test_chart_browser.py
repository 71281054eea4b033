"""The relations chart in a real headless Chromium over three years of synthetic news: a time
axis whose labels carry years and do not overlap (their boxes measured), zoom, tooltips,
clickable extremes, the vendored Swagger UI at /docs; nothing fetched from outside."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import LiveServer

pytestmark = pytest.mark.browser

WEEKS = 160  # January 2025 to early 2028: three years and more


@pytest.fixture(scope="module")
def three_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from tests.synthetic import fill_store

    path = tmp_path_factory.mktemp("years") / "store.duckdb"
    fill_store(path, weeks=WEEKS, xss=False)
    with LiveServer(path) as server:
        yield server


@pytest.fixture()
def page(three_years: LiveServer, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    problems: list[str] = []
    pg = browser.new_page(viewport={"width": 1300, "height": 1000})
    pg.add_init_script(_RECORD_TEXT)
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda m: problems.append(f"console: {m.text}")
          if m.type == "error" else None)
    pg.on("request", lambda r: problems.append(f"external request: {r.url}")
          if not r.url.startswith(three_years.url) else None)
    pg.goto(three_years.url + "/#dyad=USA-RUS&freq=week")
    pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
    pg.wait_for_selector("#chart .u-over [data-testid=lowest-point]", timeout=30_000)
    yield pg, problems
    pg.close()


# Records every string drawn on a canvas with the box the canvas's own font metrics give it:
# uPlot draws its axes on the canvas, so this is where the labels' boxes can be measured.
_RECORD_TEXT = """
window.__texts = [];
const fill = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
  const m = this.measureText(String(text));
  const t = this.getTransform();
  window.__texts.push({text: String(text), x: x * t.a + t.e, y: y * t.d + t.f,
    width: m.width * t.a, align: this.textAlign, baseline: this.textBaseline,
    chart: !!this.canvas.closest('#chart')});
  return fill.call(this, text, x, y, ...rest);
};
"""


def _axis_labels(pg: Any) -> list[dict[str, Any]]:
    """The x-axis tick labels of the chart as drawn now, each with its box (``left``,
    ``right`` in canvas pixels): centred text hanging below the plot."""
    pg.evaluate("() => { window.__texts = []; document.getElementById('chart')._uplot"
                ".redraw(false, true); }")
    drawn = pg.evaluate("() => window.__texts")
    labels = [t for t in drawn if t["chart"] and t["align"] == "center" and t["baseline"] == "top"]
    return [{"text": t["text"], "left": t["x"] - t["width"] / 2,
             "right": t["x"] + t["width"] / 2} for t in labels]


def _assert_readable(labels: list[dict[str, Any]]) -> None:
    assert len(labels) >= 3, labels
    for label in labels:
        assert re.search(r"\b20\d\d\b", label["text"]), label  # every label carries its year
    boxes = sorted(labels, key=lambda b: b["left"])
    for a, b in itertools.pairwise(boxes):
        assert a["right"] <= b["left"], (a, b)  # no two labels overlap


def test_time_axis_labels_carry_years_and_do_not_overlap(page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    labels = _axis_labels(pg)
    _assert_readable(labels)
    years = {re.search(r"20\d\d", b["text"]).group() for b in labels}  # type: ignore[union-attr]
    assert {"2025", "2026", "2027"} <= years
    assert problems == []


def test_zoom_by_dragging_keeps_the_axis_readable(page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    before = [b["text"] for b in _axis_labels(pg)]
    over = pg.locator("#chart .u-over").bounding_box()
    y = over["y"] + over["height"] / 2
    pg.mouse.move(over["x"] + over["width"] * 0.40, y)
    pg.mouse.down()
    pg.mouse.move(over["x"] + over["width"] * 0.50, y, steps=8)
    pg.mouse.up()
    pg.wait_for_timeout(300)
    after = _axis_labels(pg)
    assert [b["text"] for b in after] != before
    _assert_readable(after)
    assert problems == []


def test_tooltip_names_the_period_and_its_values(page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    over = pg.locator("#chart .u-over").bounding_box()
    pg.mouse.move(over["x"] + over["width"] * 0.3, over["y"] + over["height"] / 2)
    tip = pg.locator("[data-testid=chart-tooltip]")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert re.search(r"20\d\d", text) and "index" in text and "public" in text
    assert problems == []


def test_clicking_the_lowest_point_shows_its_evidence(page: tuple[Any, list[str]]) -> None:
    pg, problems = page
    pg.click("#chart [data-testid=lowest-point]")
    pg.wait_for_selector("[data-testid=detail] [data-testid=evidence]")
    assert "lowest point" in pg.inner_text("#detail-title")
    assert problems == []


def test_track_colours_come_from_the_one_scheme(page: tuple[Any, list[str]]) -> None:
    from detente.render.chart import TRACK_COLORS

    pg, _ = page
    colours = pg.evaluate("""() => {
        const s = getComputedStyle(document.documentElement);
        return {index: s.getPropertyValue('--ink').trim(),
                public: s.getPropertyValue('--public').trim(),
                private: s.getPropertyValue('--private').trim()};
    }""")
    assert colours == TRACK_COLORS


def test_docs_serve_swagger_ui_from_local_assets(three_years: LiveServer, browser: Any,
                                                 tmp_path: Path) -> None:
    problems: list[str] = []
    pg = browser.new_page()
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("request", lambda r: problems.append(f"external request: {r.url}")
          if not r.url.startswith(three_years.url) else None)
    pg.goto(three_years.url + "/docs")
    pg.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = pg.eval_on_selector_all(".opblock-summary-path",
                                    "els => els.map(e => e.textContent.trim())")
    assert "/api/v1/relations/{a}/{b}" in " ".join(paths).replace("\u200b", "")
    pg.close()
    assert problems == []
