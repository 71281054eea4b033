"""The time series as a reader meets it: a sparkline that fits the terminal, an SVG sparkline
in the HTML report, background events listed apart, one colour per track, and a report that
shows only the dyad's own quotes and deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from detente.analyze.report import build_report, sparkline
from detente.render.chart import TRACK_COLORS
from detente.render.html import render_html
from detente.render.terminal import render_terminal
from detente.store.db import Store
from tests.analyze.report_store import filled
from tests.analyze.synth import add_article, add_event, dyad_run

__all__ = ["filled"]  # the fixture, imported for pytest

CALM, HOSTILE = ("CONSULT", "AGREE"), ("THREATEN", "SANCTION")


@pytest.mark.parametrize("width", [10, 40, 79])
def test_sparkline_fits_the_width_it_is_given(width: int) -> None:
    values: list[float | None] = [float(i % 7) for i in range(250)]
    line = sparkline(values, width=width)
    assert len(line) == width
    assert sparkline(values[:5], width=width) == sparkline(values[:5])


def test_sparkline_bucket_with_no_data_is_blank() -> None:
    assert sparkline([1.0, 1.0, None, None, 5.0, 5.0], width=3) == "▁ █"


def test_report_for_a_dyad_shows_only_its_own_quotes_and_deadlines(filled: Path) -> None:
    with Store(filled) as store:
        add_article(store, "other", published="2025-04-10")
        add_event(store, article_id="other", source="CHN", target="IND", day="2025-04-10")
        store.con.execute(
            "INSERT INTO quotes (article_id, idx, text, kind, speaker_text, speaker_name, "
            "speaker_country, anonymous) VALUES ('other', 0, 'Card holders see a silver "
            "lining in the new rules', 'direct', 'A Banker', 'A Banker', 'USA', false)")
        store.con.execute(
            "INSERT INTO deadlines (id, article_id, idx, issuer_code, issuer_country, "
            "target_code, demand, expires, status) VALUES ('d9', 'other', 0, 'USABUS', 'USA', "
            "NULL, 'pay card balances', '2025-05-30', 'running')")
        usa_rus = build_report(store, dyad=("USA", "RUS"))
        chn_ind = build_report(store, dyad=("CHN", "IND"))
    assert [q["speaker_name"] for q in usa_rus.quotes] == ["Ann Analyst"]
    assert [d["id"] for d in usa_rus.deadlines] == ["d1"]
    assert [q["speaker_name"] for q in chn_ind.quotes] == ["A Banker"]
    assert chn_ind.deadlines == [] and chn_ind.ended == []


def test_terminal_report_sparkline_fits_a_narrow_terminal(db_path: Path) -> None:
    with Store(db_path) as store:
        dyad_run(store, [CALM, HOSTILE] * 120)  # 240 weeks
        rep = build_report(store, dyad=("USA", "RUS"))
    console = Console(record=True, width=60)
    render_terminal(rep, console)
    lines = console.export_text().splitlines()
    spark = [ln for ln in lines if ln and set(ln) <= set("▁▂▃▄▅▆▇█ ")]
    assert len(spark) == 1 and len(spark[0]) <= 60


def test_report_lists_background_events_apart_from_the_index(db_path: Path) -> None:
    with Store(db_path) as store:
        dyad_run(store, [HOSTILE] * 6, start=date(2017, 9, 4), a="USA", b="PRK")
        add_event(store, article_id="wpublic0", source="USA", target="PRK", category="AGREE",
                  day="1997-06-02", evidence="an accord nearly two decades ago")
        rep = build_report(store, dyad=("USA", "PRK"))
        page = render_html(rep, db_path.parent / "r.html").read_text(encoding="utf-8")
    console = Console(record=True, width=120)
    render_terminal(rep, console)
    text = console.export_text()
    assert rep.relations is not None and rep.relations.series[0].period >= "2017-08-28"
    assert "background (dated over 365 days before the corpus, not in the index):" in text
    assert "1997-06-02 AGREE USAGOV->PRKGOV: an accord nearly two decades ago" in text
    index_part = text.split("background (")[0]
    assert "lowest 2017-" in index_part and "1997" not in index_part
    assert "Background (dated well before the corpus; not in the index)" in page


def test_html_sparkline_is_an_svg_line_with_gaps_for_no_data(filled: Path,
                                                             tmp_path: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    page = render_html(rep, tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<svg class="spark" role="img" aria-label="relations index"' in page
    assert "<polyline points=" in page
    assert "▁" not in page


def test_track_colours_are_the_dashboards() -> None:
    from detente.api import dashboard

    css = (Path(dashboard.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
    for track, var in (("index", "--ink"), ("public", "--public"), ("private", "--private")):
        assert f"{var}: {TRACK_COLORS[track]};" in css
