"""The relations, report and dedupe commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from detente.cli.relations import register
from detente.store.db import Store
from tests.analyze.report_store import filled
from tests.analyze.synth import add_article, add_event

__all__ = ["filled"]  # the fixture, imported for pytest


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
