"""The HTTP API as a client meets it: every endpoint, its filters, pagination, the one error
shape, the bearer token and the URL guard. Runs on the synthetic store of conftest.py."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from detente.api.app import create_app
from detente.api.state import ServeOptions
from tests.api.conftest import TOKEN

API = "/api/v1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message"}
    assert err["status"] == status
    assert isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code
    return err  # type: ignore[no-any-return]


# --- health and OpenAPI ---------------------------------------------------------------------


def test_health_reports_store_counts(client: TestClient) -> None:
    body = client.get(f"{API}/health").json()
    assert body["status"] == "ok"
    assert body["counts"]["articles"] == 46
    assert body["counts"]["events"] == 184
    assert body["ingest_enabled"] is True


def test_openapi_documents_every_endpoint_and_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in ["/articles", "/articles/{article_id}", "/events", "/quotes", "/deadlines",
                 "/actors/resolve", "/relations/{a}/{b}", "/health"]:
        assert f"{API}{path}" in paths
    assert "post" in spec["paths"][f"{API}/articles"]
    assert "ErrorResponse" in spec["components"]["schemas"]
    responses = spec["paths"][f"{API}/events"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ErrorResponse")


# --- articles ------------------------------------------------------------------------------


def test_articles_paginate_with_limit_offset_and_total(client: TestClient) -> None:
    first = client.get(f"{API}/articles", params={"limit": 20}).json()
    second = client.get(f"{API}/articles", params={"limit": 20, "offset": 20}).json()
    third = client.get(f"{API}/articles", params={"limit": 20, "offset": 40}).json()
    assert first["total"] == second["total"] == third["total"] == 46
    assert (first["limit"], second["offset"]) == (20, 20)
    ids = [a["id"] for page in (first, second, third) for a in page["articles"]]
    assert len(ids) == len(set(ids)) == 46
    dates = [a["published"] for a in first["articles"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "ODD HEADLINE"}, 1),
    ({"q": "week 12,"}, 1),
    ({"q": "100%"}, 0),  # % is matched literally, not as a wildcard
    ({"outlet": "sample post"}, 23),
    ({"from": "2025-11-01"}, 3),
    ({"from": "2025-02-01", "to": "2025-02-28"}, 4),
])
def test_articles_filter(client: TestClient, params: dict[str, str], expected: int) -> None:
    body = client.get(f"{API}/articles", params=params).json()
    assert body["total"] == expected
    for a in body["articles"]:
        if "from" in params:
            assert a["published"] >= params["from"]
        if "q" in params:
            assert params["q"].lower() in (a["title"] + a["snippet"]).lower()


def test_article_by_id_has_its_events_quotes_and_timexes(client: TestClient) -> None:
    listed = client.get(f"{API}/articles", params={"q": "week 7,"}).json()["articles"][0]
    rec = client.get(f"{API}/articles/{listed['id']}").json()
    text = rec["article"]["text"]
    assert rec["processed"] is True
    assert len(rec["events"]) == 4 and rec["quotes"] and rec["timexes"]
    for layer in ("events",):
        for e in rec[layer]:
            assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    for q in rec["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    for t in rec["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]


def test_unknown_article_is_404_in_the_error_shape(client: TestClient) -> None:
    err = assert_error(client.get(f"{API}/articles/doesnotexist"), 404, "not_found")
    assert err["message"] == "no article with id 'doesnotexist'"


# --- events --------------------------------------------------------------------------------


def _matches(row: dict[str, Any], side: str, value: str) -> bool:
    return value in (row[f"{side}_code"] or "") or value.lower() in (
        (row[f"{side}_name"] or "") + (row[f"{side}_text"] or "")).lower()


@pytest.mark.parametrize("params", [
    {"source": "USA", "target": "RUS"},
    {"actor": "UKR"},
    {"category": "THREATEN"},
    {"channel": "private"},
    {"from": "2025-07-14", "to": "2025-08-10"},
    {"source": "US envoy"},
])
def test_events_filters_return_only_matching_rows(client: TestClient,
                                                  params: dict[str, str]) -> None:
    body = client.get(f"{API}/events", params={**params, "limit": 500}).json()
    assert 0 < body["total"] == len(body["events"]) < 184
    for e in body["events"]:
        if "source" in params:
            assert _matches(e, "source", params["source"])
        if "target" in params:
            assert _matches(e, "target", params["target"])
        if "actor" in params:
            assert _matches(e, "source", "UKR") or _matches(e, "target", "UKR")
        if "category" in params:
            assert e["category"] == params["category"]
        if "channel" in params:
            assert e["channel"] == params["channel"]
        if "from" in params:
            assert params["from"] <= e["event_date"] <= params["to"]


def test_events_pages_partition_the_result(client: TestClient) -> None:
    pages = [client.get(f"{API}/events", params={"limit": 50, "offset": o}).json()
             for o in range(0, 200, 50)]
    ids = [e["id"] for p in pages for e in p["events"]]
    assert len(ids) == len(set(ids)) == pages[0]["total"] == 184


def test_event_by_id_carries_evidence_and_article(client: TestClient) -> None:
    ev = client.get(f"{API}/events/ev-30-1").json()
    assert ev["id"] == "ev-30-1"
    assert ev["evidence"]["text"].startswith("On 2025-")
    art = client.get(f"{API}/articles/{ev['article']['id']}").json()["article"]
    assert art["text"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert_error(client.get(f"{API}/events/nope"), 404, "not_found")


# --- quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "expected"), [
    ({}, 46),
    ({"anonymous": "true"}, 16),
    ({"anonymous": "false"}, 30),
    ({"speaker": "byrne"}, 30),
    ({"from": "2025-08-01", "to": "2025-08-31"}, 4),
])
def test_quotes_filter_by_speaker_anonymity_and_date(client: TestClient,
                                                     params: dict[str, str],
                                                     expected: int) -> None:
    body = client.get(f"{API}/quotes", params={**params, "limit": 100}).json()
    assert body["total"] == expected == len(body["quotes"])
    if "anonymous" in params:
        assert {q["anonymous"] for q in body["quotes"]} == {params["anonymous"] == "true"}
    for q in body["quotes"]:
        if not q["anonymous"]:
            assert q["role"] == "professor of international affairs"


def test_quotes_of_a_dyad_come_from_articles_reporting_its_events(client: TestClient) -> None:
    def articles_with(a: str, b: str) -> set[str]:
        found = set()
        for src, tgt in ((a, b), (b, a)):
            page = client.get(f"{API}/events", params={"source": src, "target": tgt,
                                                        "limit": 500}).json()
            found |= {e["article_id"] for e in page["events"]}
        return found

    usa_ind = client.get(f"{API}/quotes", params={"dyad": "USA,IND", "limit": 100}).json()
    assert 0 < usa_ind["total"] < 46
    assert {q["article_id"] for q in usa_ind["quotes"]} == articles_with("USA", "IND")
    none = client.get(f"{API}/quotes", params={"dyad": "USA,CHN"}).json()
    assert none["total"] == 0
    assert client.get(f"{API}/quotes", params={"dyad": "USA"}).status_code == 422


# --- deadlines -----------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2025-07-01", {}),
    ("2025-07-20", {"dl-50": ("active", 44)}),
    ("2025-08-01", {"dl-50": ("shortened", 32), "dl-10": ("active", 7)}),
    ("2025-08-08", {"dl-50": ("shortened", 25), "dl-10": ("active", 0)}),
    ("2025-08-20", {"dl-50": ("shortened", 13), "dl-10": ("expired", -12)}),
    ("2025-12-01", {"dl-50": ("shortened", -90), "dl-10": ("expired", -115),
                    "dl-plan": ("active", 14)}),
])
def test_deadlines_status_and_countdown_as_of_a_day(
        client: TestClient, as_of: str, expected: dict[str, tuple[str, int | None]]) -> None:
    body = client.get(f"{API}/deadlines", params={"as_of": as_of}).json()
    assert body["as_of"] == as_of
    got = {d["id"]: (d["status"], d["days_left"]) for d in body["deadlines"]}
    assert got == expected


@pytest.mark.parametrize(("params", "expected"), [
    ({"issuer": "USA"}, {"dl-50", "dl-10", "dl-plan"}),
    ({"target": "UKR"}, {"dl-plan"}),
    ({"target": "RUSGOV"}, {"dl-50", "dl-10"}),
    ({"status": "active"}, {"dl-plan"}),
    ({"status": "expired", "limit": "1"}, {"dl-10"}),
])
def test_deadlines_filter_by_issuer_target_and_status(client: TestClient,
                                                      params: dict[str, str],
                                                      expected: set[str]) -> None:
    body = client.get(f"{API}/deadlines", params={**params, "as_of": "2025-12-01"}).json()
    assert {d["id"] for d in body["deadlines"]} == expected


def test_deadlines_default_to_today(client: TestClient) -> None:
    body = client.get(f"{API}/deadlines").json()
    assert body["as_of"] == date.today().isoformat()


def test_deadlines_reject_a_bad_date(client: TestClient) -> None:
    err = assert_error(client.get(f"{API}/deadlines", params={"as_of": "next tuesday"}), 422,
                       "invalid_request")
    assert err["message"].startswith("as_of: ")


# --- actors --------------------------------------------------------------------------------


def test_actors_resolve_returns_an_actor(client: TestClient) -> None:
    pytest.importorskip("detente.extract.actors.resolver")
    body = client.get(f"{API}/actors/resolve",
                      params={"text": "the Kremlin", "date": "2025-08-07"}).json()
    assert set(body) == {"text", "name", "code", "country", "sector", "sector2", "id"}
    assert body["country"] == "RUS"


def test_actors_resolve_requires_text(client: TestClient) -> None:
    assert_error(client.get(f"{API}/actors/resolve"), 422, "invalid_request")


# --- relations -----------------------------------------------------------------------------


def test_relations_gives_series_extremes_and_turning_points(client: TestClient) -> None:
    body = client.get(f"{API}/relations/USA/RUS", params={"freq": "week"}).json()
    assert body["dyad"] == ["USA", "RUS"]
    assert len(body["series"]) >= 40
    assert {"period", "index", "goldstein", "events", "public", "private"} <= set(
        body["series"][0])
    low, high = body["lowest"], body["highest"]
    assert low["value"] < 0 < high["value"]
    # The synthetic storyline: the low falls in the ultimatum weeks, the high in February or
    # at the August rebound.
    assert "2025-07-14" <= low["period"] <= "2025-08-11"
    assert low["events"] and all(isinstance(i, str) for i in low["events"])
    assert any(t["direction"] == "down" for t in body["turning_points"])


def test_relations_filters_by_period_and_frequency(client: TestClient) -> None:
    body = client.get(f"{API}/relations/usa/rus",
                      params={"freq": "month", "from": "2025-06-01", "to": "2025-09-30"}).json()
    assert [p["period"] for p in body["series"]] == [
        "2025-06-01", "2025-07-01", "2025-08-01", "2025-09-01"]


@pytest.mark.parametrize(("url", "status"), [
    (f"{API}/relations/USA/RUS?freq=day&to=2099-12-31", 400),  # too many periods
    (f"{API}/relations/USA/RUS?freq=year", 422),
    (f"{API}/relations/USA/RUS?from=2025-09-01&to=2025-01-01", 400),
    (f"{API}/relations/USA/R%3BUS", 422),
])
def test_relations_rejects_bad_parameters(client: TestClient, url: str, status: int) -> None:
    assert_error(client.get(url), status)


def test_dyads_and_network_for_the_dashboard(client: TestClient) -> None:
    dyads = client.get(f"{API}/dyads").json()
    assert (dyads[0]["a"], dyads[0]["b"]) == ("USA", "RUS")  # Washington acts more often
    assert dyads[0]["events"] == max(d["events"] for d in dyads)
    net = client.get(f"{API}/network", params={"from": "2025-07-01", "to": "2025-08-31"}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"USAGOV", "RUSGOV"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])


# --- the one error shape -------------------------------------------------------------------


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/api/v1/nothing-here", 404, "not_found"),
    ("DELETE", f"{API}/events", 405, "method_not_allowed"),
    ("GET", f"{API}/events?limit=0", 422, "invalid_request"),
    ("GET", f"{API}/events?limit=abc", 422, "invalid_request"),
    ("GET", f"{API}/events?channel=secret", 422, "invalid_request"),
    ("GET", f"{API}/events?from=2025-13-01", 422, "invalid_request"),
    ("GET", f"{API}/quotes?anonymous=maybe", 422, "invalid_request"),
    ("GET", f"{API}/articles?offset=-1", 422, "invalid_request"),
])
def test_every_error_has_the_one_shape(client: TestClient, method: str, url: str, status: int,
                                       code: str) -> None:
    assert_error(client.request(method, url), status, code)


def test_a_crash_is_a_500_in_the_error_shape_without_details(synthetic_db: Path,
                                                             tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "s.duckdb"
    shutil.copy(synthetic_db, path)
    app = create_app(path)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        err = assert_error(c.get("/boom"), 500, "internal_error")
    assert "secret" not in err["message"]


# --- POST /articles: token, limits, URL guard ----------------------------------------------

ARTICLE = {"text": "WASHINGTON (Reuters) - The United States and Russia agreed on Tuesday to "
                   "resume talks in Istanbul, officials said.", "title": "Talks to resume",
           "published": "2025-08-05", "outlet": "Test Wire"}


def test_ingest_refused_when_the_server_has_no_token(fresh_db: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETENTE_API_TOKEN", raising=False)
    with TestClient(create_app(fresh_db), raise_server_exceptions=False) as c:
        err = assert_error(c.post(f"{API}/articles", json=ARTICLE, headers=AUTH), 403,
                           "ingest_disabled")
    assert "DETENTE_API_TOKEN" in err["message"]


def test_ingest_token_comes_from_the_environment(fresh_db: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_API_TOKEN", "from-env")
    with TestClient(create_app(fresh_db), raise_server_exceptions=False) as c:
        assert_error(c.post(f"{API}/articles", json={"url": "http://127.0.0.1/"},
                            headers=AUTH), 401)
        r = c.post(f"{API}/articles", json={"url": "http://127.0.0.1/"},
                   headers={"Authorization": "Bearer from-env"})
        assert_error(r, 400, "unsafe_url")


@pytest.mark.parametrize(("headers", "message"), [
    ({}, "missing token: send the header Authorization: Bearer <token>"),
    ({"Authorization": "Basic dXNlcjpwYXNz"},
     "missing token: send the header Authorization: Bearer <token>"),
    ({"Authorization": "Bearer wrong"}, "invalid token"),
])
def test_ingest_requires_the_bearer_token(client: TestClient, headers: dict[str, str],
                                          message: str) -> None:
    r = client.post(f"{API}/articles", json=ARTICLE, headers=headers)
    assert assert_error(r, 401, "unauthorized")["message"] == message
    assert r.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/news", "http://localhost:8000/", "http://[::1]/", "http://10.0.0.8/x",
    "http://169.254.169.254/latest/meta-data",
])
def test_ingest_url_guard_refuses_private_addresses(client: TestClient, url: str) -> None:
    err = assert_error(client.post(f"{API}/articles", json={"url": url}, headers=AUTH), 400,
                       "unsafe_url")
    assert "non-public address" in err["message"]


@pytest.mark.parametrize(("body", "status"), [
    ({}, 422),
    ({"title": "no text"}, 422),
    ({"text": "a", "html": "<p>b</p>"}, 422),
    ({"text": "   "}, 422),
    ({"text": "Some text.", "published": "not a date"}, 422),
    ({"url": "ftp://example.com/x"}, 422),
    ({"text": "Some text.", "url": "javascript:alert(1)"}, 422),
    ({"text": ["not", "a", "string"]}, 422),
])
def test_ingest_rejects_bad_bodies(client: TestClient, body: dict[str, str],
                                   status: int) -> None:
    assert_error(client.post(f"{API}/articles", json=body, headers=AUTH), status)


def test_ingest_refuses_bodies_over_the_limit(fresh_db: Path) -> None:
    app = create_app(fresh_db, token=TOKEN, options=ServeOptions(max_body_bytes=1000))
    with TestClient(app, raise_server_exceptions=False) as c:
        big = {"text": "word " * 400}
        assert_error(c.post(f"{API}/articles", json=big, headers=AUTH), 413,
                     "payload_too_large")


def test_ingest_stores_and_extracts_a_posted_article_once(fresh_db: Path) -> None:
    with TestClient(create_app(fresh_db, token=TOKEN), raise_server_exceptions=False) as c:
        before = c.get(f"{API}/articles", params={"limit": 1}).json()["total"]
        r = c.post(f"{API}/articles", json=ARTICLE, headers=AUTH)
        assert r.status_code == 201, r.text
        # The cached listing is stale after a write, and is not served again.
        assert c.get(f"{API}/articles", params={"limit": 1}).json()["total"] == before + 1
        created = r.json()
        assert created["created"] is True and created["processed"] is True
        again = c.post(f"{API}/articles", json=ARTICLE, headers=AUTH)
        assert again.status_code == 200
        assert again.json() == {**created, "created": False}
        found = c.get(f"{API}/articles", params={"q": "resume talks in Istanbul"}).json()
        assert found["total"] == 1
        rec = c.get(f"{API}/articles/{created['id']}").json()
        assert rec["article"]["title"] == "Talks to resume"
        assert rec["article"]["published"] == "2025-08-05"
        assert len(rec["events"]) == created["events"]
        assert c.get(f"{API}/health").json()["counts"]["articles"] == 47


def test_ingest_reads_posted_html(fresh_db: Path) -> None:
    html = ("<html><head><title>Envoy in Moscow</title></head><body><article><h1>Envoy in "
            "Moscow</h1><p>The US envoy met the Russian president in Moscow on Wednesday for "
            "three hours of talks about a ceasefire in Ukraine.</p><p>Both sides called the "
            "meeting useful and agreed to talk again next week.</p></article></body></html>")
    with TestClient(create_app(fresh_db, token=TOKEN), raise_server_exceptions=False) as c:
        r = c.post(f"{API}/articles", json={"html": html, "published": "2025-08-06"},
                   headers=AUTH)
        assert r.status_code == 201, r.text
        rec = c.get(f"{API}/articles/{r.json()['id']}").json()
    assert "three hours of talks" in rec["article"]["text"]
    assert "<p>" not in rec["article"]["text"]


def test_reads_run_beside_writes_without_errors(fresh_db: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    urls = [f"{API}/events?limit=5&offset={i}" for i in range(30)] + [
        f"{API}/relations/USA/RUS?freq=month&from=2025-0{m}-01" for m in range(1, 10)]
    with TestClient(create_app(fresh_db, token=TOKEN), raise_server_exceptions=False) as c:

        def post(i: int) -> int:
            body = {**ARTICLE, "text": ARTICLE["text"] + f" Round {i} of talks is planned."}
            return c.post(f"{API}/articles", json=body, headers=AUTH).status_code

        with ThreadPoolExecutor(8) as pool:
            writes = [pool.submit(post, i) for i in range(2)]
            reads = list(pool.map(lambda u: c.get(u).status_code, urls * 3))
        assert [w.result() for w in writes] == [201, 201]
        assert set(reads) == {200}
        assert c.get(f"{API}/health").json()["counts"]["articles"] == 48


@pytest.mark.parametrize("module", ["api.app", "api.errors", "api.state", "api.ingest",
                                    "api.models", "store.browse",
                                    "api.routes", "api.dashboard", "cli.serve"])
def test_public_names_are_defined(module: str) -> None:
    import importlib

    mod = importlib.import_module(f"detente.{module}")
    assert [name for name in mod.__all__ if not hasattr(mod, name)] == []


# --- CSV and docs --------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params", "key"), [
    ("/events", {"source": "USA", "limit": 20}, "events"),
    ("/quotes", {"anonymous": "true"}, "quotes"),
    ("/relations/USA/RUS", {"freq": "month"}, "series"),
    ("/deadlines", {"as_of": "2025-08-07"}, "deadlines"),
])
def test_every_list_answers_as_csv_too(client: TestClient, path: str, params: dict[str, str],
                                       key: str) -> None:
    as_json = client.get(f"{API}{path}", params=params).json()[key]
    response = client.get(f"{API}{path}.csv", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(as_json) > 0
    first = as_json[0]
    for column, value in first.items():
        if value is None:
            assert rows[0][column] == ""
        elif not isinstance(value, dict | list):
            assert rows[0][column] == str(value), column
        else:
            assert json.loads(rows[0][column]) == value


def test_csv_of_an_error_is_the_json_error(client: TestClient) -> None:
    response = client.get(f"{API}/events.csv", params={"limit": 0})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["status"] == 422


def test_docs_page_loads_the_vendored_swagger_ui(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "https://" not in page.text and "http://" not in page.text
    for asset in ("/static/vendor/swagger-ui-dist-5.36.0/swagger-ui-bundle.js",
                  "/static/vendor/swagger-ui-dist-5.36.0/swagger-ui.css", "/static/docs.js"):
        assert asset in page.text
        assert client.get(asset).status_code == 200
    assert "Apache License" in client.get(
        "/static/vendor/swagger-ui-dist-5.36.0/LICENSE").text
