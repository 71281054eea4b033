"""Event places in the store: the migration, the where filters, the ActionGeo export."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from detente.store.db import Store
from detente.store.export import export_store
from detente.store.migrations import MIGRATIONS, migrate
from detente.store.queries import EventFilter, list_events
from tests.synthetic import PLACES, placed_records


@pytest.fixture()
def placed_db(db_path: Path) -> Path:
    records = placed_records(weeks=6)
    with Store(db_path) as store:
        store.add_articles([r.article for r in records])
        store.save_records(records)
    return db_path


def _places(store: Store, **kw: object) -> set[str | None]:
    rows, total = list_events(store, EventFilter(limit=500, **kw))  # type: ignore[arg-type]
    assert total == len(rows)
    return {r["location_name"] for r in rows}


def test_store_migrates_a_version_1_file_to_hold_places(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    assert migrate(con) == len(MIGRATIONS)
    cols = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    con.close()
    assert {"location_name", "location_country", "location_lat", "location_lon",
            "location_precision", "location_basis", "reported_from"} <= cols


def test_store_keeps_each_events_place_in_columns_and_in_the_record(placed_db: Path) -> None:
    with Store(placed_db) as store:
        rows = store.query("SELECT location_name, location_country, location_lat "
                           "FROM events ORDER BY id LIMIT 4")
        (rec, *_) = store.records()
    assert [(r["location_name"], r["location_country"]) for r in rows] == [
        (p[0], p[1]) if p else (None, None) for p in PLACES[:4]]
    assert rec.events[0].location is not None and rec.events[0].location.name == "Kharkiv"


@pytest.mark.parametrize(("kw", "expected"), [
    ({"country": "ukr"}, {"Kharkiv"}),
    ({"near": (50.0, 36.2, 50.0)}, {"Kharkiv"}),
    ({"near": (50.45, 30.52, 420.0)}, {"Kharkiv"}),  # from Kyiv: Kharkiv is ~410 km away
    ({"near": (50.45, 30.52, 400.0)}, set()),
    ({"bbox": (20.0, 40.0, 40.0, 60.0)}, {"Kharkiv", "Moscow", "Istanbul"}),
    ({"bbox": (-180.0, -90.0, 180.0, 90.0)}, {"Kharkiv", "Moscow", "Istanbul", "Washington"}),
    ({"country": "RUS", "bbox": (20.0, 40.0, 40.0, 60.0)}, {"Moscow"}),
])
def test_events_filter_by_where_they_happened(placed_db: Path, kw: dict[str, object],
                                             expected: set[str]) -> None:
    with Store(placed_db, read_only=True) as store:
        assert _places(store, **kw) == expected


def test_export_gives_events_gdelt_actiongeo_columns(placed_db: Path, tmp_path: Path) -> None:
    with Store(placed_db, read_only=True) as store:
        export_store(store, "csv", tmp_path / "out")
    with (tmp_path / "out" / "events.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kharkiv = next(r for r in rows if r["location_name"] == "Kharkiv")
    assert (kharkiv["ActionGeo_Type"], kharkiv["ActionGeo_FullName"],
            kharkiv["ActionGeo_CountryCode"], kharkiv["ActionGeo_Lat"]) == (
                "4", "Kharkiv", "UKR", "49.9808")
    washington = next(r for r in rows if r["location_name"] == "Washington")
    assert washington["ActionGeo_Type"] == "3"  # a US city
    unplaced = next(r for r in rows if not r["location_name"])
    assert unplaced["ActionGeo_Type"] == "" and unplaced["ActionGeo_Lat"] == ""
