"""A poison article fails alone over HTTP: the failure is in the answer, not a 500."""

from __future__ import annotations

from fastapi.testclient import TestClient

from detente.extract.parse import too_long
from tests.api.conftest import TOKEN


def test_api_post_of_an_over_long_text_records_the_failure_not_a_500(
    client: TestClient,
) -> None:
    text = "Long Dump\n\n" + ("A sentence that repeats. " * 60_000)[:1_200_000]
    r = client.post("/api/v1/articles", json={"text": text},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    stored = client.get(f"/api/v1/articles/{body['id']}").json()
    length = len(stored["article"]["text"])
    assert body["errors"] == [{"stage": "parse", "message": too_long(length, 200_000)}]
