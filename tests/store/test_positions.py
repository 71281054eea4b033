"""Positions in the store: the positions migration upgrades an existing file in place, and
the Parquet export carries the new columns."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from detente.model import Actor, Article, Position, Record, Span
from detente.store.db import Store
from detente.store.export import export_store
from detente.store.migrations import MIGRATIONS


def test_positions_migration_upgrades_a_version_1_store_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO positions (article_id, idx, actor_code, stance, issue) "
                "VALUES ('a', 0, 'RUSGOV', 'demand', 'territory')")
    con.close()
    with Store(path) as store:
        assert store.version == len(MIGRATIONS) >= 2
        rows = store.query("SELECT actor_code, actor_country, evidence FROM positions")
    assert rows == [{"actor_code": "RUSGOV", "actor_country": None, "evidence": None}]


def test_parquet_export_has_position_columns(tmp_path: Path) -> None:
    text = "Kyiv rejects any territorial concessions."
    actor = Actor("Kyiv", name=None, code="UKRGOV", country="UKR", sector="GOV")
    record = Record(article=Article(id="p1", text=text, published="2025-08-01"),
                    positions=[Position(actor, "reject", "territory",
                                        Span(0, len(text), text))])
    with Store(tmp_path / "s.duckdb") as store:
        store.add_articles([record.article])
        store.save_records([record])
        export_store(store, "parquet", tmp_path / "out")
    table = pq.read_table(tmp_path / "out" / "positions.parquet").to_pylist()
    assert [(r["actor_country"], r["stance"], r["issue"], r["evidence"]) for r in table] == [
        ("UKR", "reject", "territory", text)]
