"""``GET /api/v1/events`` filtered by where events happened."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from detente.api.app import create_app
from detente.store.db import Store
from tests.api.conftest import TOKEN
from tests.synthetic import placed_records

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("where") / "store.duckdb"
    records = placed_records(weeks=6)
    with Store(path) as store:
        store.add_articles([r.article for r in records])
        store.save_records(records)
    with TestClient(create_app(path, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "UKR"}, {"Kharkiv"}),
    ({"near": "Kharkiv", "radius": "50km"}, {"Kharkiv"}),
    ({"near": "55.75,37.62"}, {"Moscow"}),
    ({"bbox": "-80,30,-70,45"}, {"Washington"}),
])
def test_api_events_filter_by_place(client: TestClient, params: dict[str, str],
                                    expected: set[str]) -> None:
    r = client.get("/api/v1/events", params={**params, "limit": 500}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] > 0
    assert {e["location_name"] for e in body["events"]} == expected


def test_api_events_bad_place_filter_is_a_400_with_a_message(client: TestClient) -> None:
    r = client.get("/api/v1/events", params={"near": "Atlantisx"}, headers=AUTH)
    assert r.status_code == 400
    assert r.json()["error"]["message"] == (
        "unknown place 'Atlantisx': give a place name the gazetteer knows (a city, region, "
        "sea or country) or LAT,LON")
