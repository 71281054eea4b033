"""The corpus report and its renderings, and the relations/report/dedupe commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from detente.analyze.report import (
    build_report,
    render_html,
    render_png,
    render_terminal,
    sparkline,
)
from detente.cli.relations import register
from detente.store.db import Store
from tests.analyze.synth import add_article, add_event, dyad_run

CALM, HOSTILE, WARM = ("CONSULT", "AGREE"), ("THREATEN", "SANCTION"), ("AGREE", "COOPERATE")


def _fill(store: Store) -> None:
    dyad_run(store, [CALM] * 6 + [HOSTILE] * 3 + [WARM] * 6)
    dyad_run(store, [("ACCUSE",)] * 2, a="CHN", b="IND", tag="x")
    store.con.execute(
        "INSERT INTO quotes (article_id, idx, text, kind, speaker_text, speaker_name, "
        "speaker_country, role, anonymous) VALUES "
        "('wpublic3', 0, 'The channel is open <script>alert(1)</script> and busy', 'direct', "
        "'Ann Analyst', 'Ann Analyst', 'USA', 'professor', false)")
    store.con.execute(
        "INSERT INTO deadlines (id, article_id, idx, issuer_code, target_code, demand, "
        "expires, status) VALUES ('d1', 'wpublic3', 0, 'USAGOV', 'RUSGOV', 'a ceasefire', "
        "'2025-04-30', 'running'), ('d0', 'wpublic2', 0, 'USAGOV', 'RUSGOV', 'old demand', "
        "'2025-01-10', 'running')")
    store.con.execute("INSERT INTO failures (input, stage, message) VALUES "
                      "('bad.html', 'ingest', 'empty')")


@pytest.fixture()
def filled(db_path: Path) -> Path:
    with Store(db_path) as store:
        _fill(store)
    return db_path


def test_report_picks_the_most_active_dyad_and_summarizes_the_corpus(filled: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store)
    assert rep.dyad == ("RUS", "USA")
    assert rep.corpus["articles"] == 17 and rep.corpus["failures"] == 1
    assert rep.relations is not None and rep.relations.lowest is not None
    assert len(rep.sparkline) == len(rep.relations.series)
    assert [d["id"] for d in rep.deadlines] == ["d1"]  # d0 expired before the last article
    assert [(d["id"], d["status"]) for d in rep.ended] == [("d0", "expired")]
    assert rep.quotes[0]["speaker_name"] == "Ann Analyst"
    assert rep.events and all(e["source"][:3] in ("USA", "RUS") for e in rep.events)


def test_report_for_a_given_dyad(filled: Path) -> None:
    with Store(filled) as store:
        rep = build_report(store, dyad=("chn", "ind"))
    assert rep.dyad == ("CHN", "IND")
    assert rep.relations is not None and sum(p.events for p in rep.relations.series) == 2


@pytest.mark.parametrize(("values", "expected"), [
    ([0.0, 5.0, 10.0], "▁▅█"), ([None, -3.0, -3.0], " ▁▁"), ([], ""), ([1.0, None], "▁ "),
])
def test_sparkline_scales_between_the_series_extremes(values: list[float | None],
                                                      expected: str) -> None:
    assert sparkline(values) == expected


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


@pytest.fixture()
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test app"""

    register(app)
    return app


def test_cli_relations_json_prints_the_design_shape(cli: typer.Typer, filled: Path) -> None:
    res = CliRunner().invoke(cli, ["relations", "USA", "RUS", "--freq", "week", "--json",
                                   "--db", str(filled)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["dyad"] == ["USA", "RUS"]
    assert [t["direction"] for t in data["turning_points"]] == ["down", "up"]


def test_cli_relations_from_to_bound_the_series(cli: typer.Typer, filled: Path) -> None:
    res = CliRunner().invoke(cli, ["relations", "USA", "RUS", "--from", "2025-02-01", "--to",
                                   "2025-02-28", "--json", "--db", str(filled)])
    assert res.exit_code == 0, res.output
    periods = [p["period"] for p in json.loads(res.stdout)["series"]]
    assert periods[0] <= "2025-02-01" and periods[-1] <= "2025-02-28"


def test_cli_report_writes_png_and_html(cli: typer.Typer, filled: Path, tmp_path: Path) -> None:
    png, page = tmp_path / "c.png", tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["report", "--db", str(filled), "--dyad", "USA", "RUS",
                                   "--png", str(png), "--html", str(page)])
    assert res.exit_code == 0, res.output
    assert "USA - RUS relations index per week" in res.stdout
    assert png.stat().st_size > 1000 and page.stat().st_size > 1000


def test_cli_dedupe_reports_events_and_clusters(cli: typer.Typer, db_path: Path) -> None:
    with Store(db_path) as store:
        for i in range(2):
            add_article(store, f"a{i}", outlet=f"O{i}", published="2025-08-06")
            add_event(store, article_id=f"a{i}", day="2025-08-06", evidence="met in Moscow")
    res = CliRunner().invoke(cli, ["dedupe", "--db", str(db_path)])
    assert res.exit_code == 0, res.output
    assert "2 events in 1 clusters" in res.output


def test_report_drops_a_deadline_a_later_one_shortened(db_path: Path) -> None:
    import dataclasses

    from detente.model import Actor, Deadline, Span

    def put(store: Store, did: str, art: str, published: str, duration: str,
            expires: str) -> None:
        add_article(store, art, published=published)
        d = Deadline(id=did, issuer=Actor("Trump", code="USAGOV", country="USA"),
                     target=Actor("Russia", code="RUS", country="RUS"),
                     demand="reach a ceasefire deal", issued=published, duration=duration,
                     expires=expires, revises=None, status="active",
                     evidence=Span(0, 4, "text"))
        store.con.execute(
            "INSERT INTO deadlines (id, article_id, idx, issuer_code, target_code, demand, "
            "issued, duration, expires, status, data) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
            [did, art, "USAGOV", "RUS", d.demand, published, duration, expires, "active",
             json.dumps(dataclasses.asdict(d))])

    with Store(db_path) as store:
        put(store, "fifty", "a1", "2025-07-14", "P50D", "2025-09-02")
        put(store, "ten", "a2", "2025-07-29", "P10D", "2025-08-08")
        rep = build_report(store)
    assert [(d["id"], d["days_left"]) for d in rep.deadlines] == [("ten", 10)]
