"""``detente events`` filtered by where events happened, as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app
from detente.store.db import Store
from tests.synthetic import placed_records

runner = CliRunner()


@pytest.fixture()
def placed_db(db_path: Path) -> Path:
    records = placed_records(weeks=6)
    with Store(db_path) as store:
        store.add_articles([r.article for r in records])
        store.save_records(records)
    return db_path


def _invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_events_near_a_named_place_within_a_radius(placed_db: Path) -> None:
    code, out, err = _invoke("events", "--db", placed_db, "--country", "UKR", "--near",
                             "Kharkiv", "--radius", "50km", "--json")
    assert code == 0, err
    rows = json.loads(out)["events"]
    assert rows and {r["location_name"] for r in rows} == {"Kharkiv"}
    code, out, _ = _invoke("events", "--db", placed_db, "--near", "Kyiv", "--radius", "100mi",
                           "--json")
    assert code == 0 and json.loads(out)["total"] == 0  # Kharkiv is ~410 km from Kyiv


def test_events_table_shows_the_place(placed_db: Path) -> None:
    code, out, _ = _invoke("events", "--db", placed_db, "--bbox", "28,40,30,42", "--limit", "3")
    assert code == 0
    assert "Istanbul" in out and "TUR" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--near", "Atlantisx"], "Error: unknown place 'Atlantisx': give a place name the "
     "gazetteer knows (a city, region, sea or country) or LAT,LON"),
    (["--near", "Kharkiv", "--radius", "far"], "Error: cannot read radius 'far': give a "
     "distance such as 50km or 30mi"),
    (["--radius", "50km"], "Error: a radius needs a place to measure from: give near (a "
     "place name or LAT,LON)"),
    (["--bbox", "1,2,3"], "Error: cannot read bbox '1,2,3': give "
     "min_lon,min_lat,max_lon,max_lat"),
    (["--country", "Ukraine"], "Error: country 'Ukraine' is not an ISO 3166 alpha-3 code "
     "such as UKR"),
])
def test_events_where_filters_explain_bad_input(placed_db: Path, args: list[str],
                                                message: str) -> None:
    code, _, err = _invoke("events", "--db", placed_db, *args)
    assert code == 2
    assert " ".join(err.split()) == message


def test_events_min_confidence_keeps_only_confident_events(placed_db: Path) -> None:
    code, out, err = _invoke("events", "--db", placed_db, "--all", "--limit", "1000", "--json")
    assert code == 0, err
    every = json.loads(out)["events"]
    cut = sorted(r["confidence"] for r in every)[len(every) // 2]
    code, out, err = _invoke("events", "--db", placed_db, "--all", "--limit", "1000",
                             "--min-confidence", str(cut), "--json")
    assert code == 0, err
    kept = json.loads(out)["events"]
    assert {r["id"] for r in kept} == {r["id"] for r in every if r["confidence"] >= cut}
    assert 0 < len(kept) < len(every)
    code, _, err = _invoke("events", "--db", placed_db, "--min-confidence", "1.5")
    assert code == 2 and "Invalid value" in err
