"""Positions: stances on issues, stored, listed by the CLI and the API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from detente.config import ExtractOptions
from detente.errors import DataFileError
from detente.extract.pipeline import Pipeline
from detente.extract.positions.lexicon import load_position_lexicon
from detente.model import Article, Record
from detente.store.db import Store
from detente.store.positions import PositionFilter, list_positions, positions_side_by_side

TEXT = (
    "The Kremlin insists on Ukraine's neutrality, territorial concessions and caps on the "
    "size of its army. Kyiv rejects any territorial concessions. The European Union backs "
    "tougher sanctions on Moscow. Putin does not support an unconditional truce.\n"
)


@pytest.fixture(scope="module")
def record() -> Record:
    pipe = Pipeline(ExtractOptions(workers=1))
    return next(iter(pipe.run([Article(id="a1", text=TEXT, published="2025-08-01")])))


def _coded(record: Record) -> set[tuple[str | None, str, str]]:
    return {(p.actor.country or p.actor.code, p.stance, p.issue) for p in record.positions}


@pytest.mark.parametrize("expected", [
    ("RUS", "demand", "neutrality"),
    ("RUS", "demand", "territory"),
    ("RUS", "demand", "military_limits"),
    ("UKR", "reject", "territory"),
    ("IGOEUR", "support", "sanctions"),
    ("RUS", "oppose", "ceasefire"),
])
def test_positions_code_stance_and_issue(record: Record, expected: tuple[str, str, str]) -> None:
    assert expected in _coded(record)


def test_positions_evidence_slices_the_text(record: Record) -> None:
    for p in record.positions:
        assert TEXT[p.evidence.start:p.evidence.end] == p.evidence.text


def test_positions_round_trip_through_the_record(record: Record) -> None:
    assert Record.from_dict(json.loads(json.dumps(record.to_dict()))).positions == record.positions


def test_positions_lexicon_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "my_stances.tsv"
    bad.write_text("insist on\tdemand\n", encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        load_position_lexicon([bad])
    assert str(exc.value) == f"{bad}:1: expected 3 tab-separated columns, got 2"


def test_positions_stored_and_listed_by_actor_and_issue(record: Record, tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    with Store(db) as store:
        store.add_articles([record.article])
        store.save_records([record])
        rows, total = list_positions(store, PositionFilter(actor="RUS", issue="territory"))
        assert total == 1 and rows[0]["stance"] == "demand"
        both = positions_side_by_side(store, "territory", "RUS", "UKR")
        assert [s["stances"] for s in both["sides"]] == [{"demand": 1}, {"reject": 1}]


def test_positions_cli_and_api(record: Record, tmp_path: Path) -> None:
    from detente.api.app import create_app
    from detente.cli.main import app

    db = tmp_path / "p.duckdb"
    with Store(db) as store:
        store.add_articles([record.article])
        store.save_records([record])
    result = CliRunner().invoke(app, ["positions", "--db", str(db), "--actor", "UKR", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert [(r["stance"], r["issue"]) for r in body["positions"]] == [("reject", "territory")]
    client = TestClient(create_app(db))
    page = client.get("/api/v1/positions", params={"issue": "territory", "actor": "RUS",
                                                   "versus": "UKR"}).json()
    assert [s["actor"] for s in page["sides"]] == ["RUS", "UKR"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(ExtractOptions(workers=1))


@pytest.mark.parametrize(("text", "expected"), [
    # a relative clause summing up the list before it: the list is what is rejected
    ("The Kremlin keeps pressing for neutrality and a cap on its army — terms Kyiv has "
     "always rejected.", {("RUS", "demand", "neutrality"), ("UKR", "reject", "neutrality"),
                          ("UKR", "reject", "military_limits")}),
    # a denial before one issue turns that issue around
    ("Moscow agreed to a pause in air strikes but not to a full ceasefire.",
     {("RUS", "reject", "ceasefire")}),
    # a stance asked about is no position
    ("Analysts wonder whether Moscow wants new elections in Ukraine.", set()),
    # a side clause is not what the stance is about
    ("Kyiv backed the proposal after long talks in Geneva.", set()),
])
def test_positions_scope(pipeline: Pipeline, text: str,
                         expected: set[tuple[str, str, str]]) -> None:
    rec = next(iter(pipeline.run([Article(id="s", text=text, published="2025-08-01")])))
    assert {(p.actor.country or p.actor.code, p.stance, p.issue)
            for p in rec.positions} == expected


def test_positions_each_coordinated_holder(pipeline: Pipeline) -> None:
    text = "Germany and Japan call for an immediate truce in the region."
    rec = next(iter(pipeline.run([Article(id="c", text=text, published="2025-08-01")])))
    assert {(p.actor.country, p.stance, p.issue) for p in rec.positions} == {
        ("DEU", "demand", "ceasefire"), ("JPN", "demand", "ceasefire")}
