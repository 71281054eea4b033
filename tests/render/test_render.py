"""The report rendered for a terminal, as a PNG chart and as an HTML page."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from detente.analyze.report import build_report
from detente.render.chart import render_png
from detente.render.html import render_html
from detente.render.terminal import render_terminal
from detente.store.db import Store
from tests.analyze.report_store import filled

__all__ = ["filled"]  # the fixture, imported for pytest


def test_render_terminal_shows_sparkline_lowest_point_and_turning_points(filled: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    console = Console(record=True, width=140)
    render_terminal(rep, console)
    text = console.export_text()
    assert rep.sparkline in text
    assert "lowest" in text and "turning point ↓" in text and "turning point ↑" in text
    assert "a ceasefire" in text and "Ann Analyst" in text
    assert "latest deadlines no longer running" in text and "expired" in text


def test_render_png_writes_a_png(filled: Path, tmp_path: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    path = render_png(rep, tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_html_is_self_contained_and_escapes_article_text(filled: Path,
                                                                tmp_path: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    page = render_html(rep, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "data:image/png;base64," in page
    assert "http://" not in page and "https://" not in page


def test_report_on_an_empty_store_says_what_to_do() -> None:
    store = Store(":memory:")
    rep = build_report(store)
    console = Console(record=True, width=120)
    render_terminal(rep, console)
    assert rep.dyad is None
    assert "run `detente run ARTICLES` first" in console.export_text()
