"""What schemathesis with all checks found, each pinned with the exact answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

API = "/api/v1"


@pytest.mark.parametrize("path", ["/events", "/quotes", "/articles", "/network",
                                  "/relations/USA/RUS"])
@pytest.mark.parametrize("value", ["0", "20250807", "2025-08-07T10:00", "yesterday"])
def test_dates_are_only_yyyy_mm_dd(client: TestClient, path: str, value: str) -> None:
    r = client.get(API + path, params={"to": value})
    assert (r.status_code, r.json()["error"]["message"]) == (
        422, "to: Value error, use a date as YYYY-MM-DD, e.g. 2025-08-07")


def test_deadlines_as_of_is_a_date_not_a_number(client: TestClient) -> None:
    r = client.get(f"{API}/deadlines", params={"as_of": "0"})
    assert r.status_code == 422


@pytest.mark.parametrize("path", ["/", f"{API}/health", f"{API}/events"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-type"] == got.headers["content-type"]


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("OPTIONS", f"{API}/articles", "GET, HEAD, POST"),
    ("DELETE", f"{API}/events", "GET, HEAD"),
    ("PUT", "/", "GET, HEAD"),
])
def test_405_lists_every_method_of_the_path(client: TestClient, method: str, path: str,
                                            allow: str) -> None:
    r = client.request(method, path)
    assert (r.status_code, r.headers["allow"], r.json()["error"]["message"]) == (
        405, allow, f"{method} is not allowed here; use {allow}")


def test_malformed_json_without_a_token_is_401_not_422(client: TestClient) -> None:
    r = client.post(f"{API}/articles", content=b"{bad", headers={
        "content-type": "application/json"})
    assert (r.status_code, r.json()["error"]["message"]) == (
        401, "missing token: send the header Authorization: Bearer <token>")
