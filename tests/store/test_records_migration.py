"""Schema 6 moves each article's record JSON out of ``articles`` into ``records``: a store
written before keeps every record, and every reader finds them there."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb
import pytest

from detente.model import Article, Record, StageError
from detente.store.browse import get_article
from detente.store.db import Store, pack_record, unpack_record
from detente.store.export import export_store
from detente.store.migrations import MIGRATIONS
from detente.store.queries import stored_record
from tests.store.test_db import _record


def _old_store(path: Path, records: list[Record], unprocessed: list[Article]) -> None:
    """A store at schema 5, written as detente wrote it then: the record JSON in
    ``articles.record`` beside the article's columns."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for version, sql in enumerate(MIGRATIONS[:5], start=1):
        for statement in sql.split(";"):
            if statement.strip():
                con.execute(statement)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    for rec in records:
        a = rec.article
        con.execute(
            "INSERT INTO articles (id, title, published, language, text, input, processed_at, "
            "n_errors, record, attempts) VALUES (?, ?, ?, ?, ?, ?, now(), ?, ?, 1)",
            [a.id, a.title, a.published, a.language, a.text, a.input, len(rec.errors),
             json.dumps(rec.to_dict())])
        for i, e in enumerate(rec.events):
            con.execute("INSERT INTO events (id, article_id, idx, category) VALUES (?, ?, ?, ?)",
                        [e.id, a.id, i, e.category])
    for a in unprocessed:
        con.execute("INSERT INTO articles (id, text, published) VALUES (?, ?, ?)",
                    [a.id, a.text, a.published])
    con.close()


def _columns(store: Store, table: str) -> list[str]:
    return [r["column_name"] for r in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])]


@pytest.mark.parametrize("read_only", [False, True])
def test_a_schema_5_store_keeps_every_record_after_the_move(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "old.duckdb"
    first = _record(aid="a1")
    second = _record("Moscow rejected the demand from Washington.", aid="a2")
    second.article = dataclasses.replace(second.article, published="2025-08-01")  # before a1
    second.errors = [StageError("where", "KeyError: 'x'")]
    waiting = Article(id="a3", text="Talks resumed.", published="2025-08-09")
    _old_store(path, [first, second], [waiting])

    with Store(path, read_only=read_only) as store:
        assert store.version == len(MIGRATIONS)
        assert "record" not in _columns(store, "articles")
        assert [r.to_dict() for r in store.records()] == [second.to_dict(), first.to_dict()]
        assert store.query("SELECT count(*) AS n FROM records") == [{"n": 2}]
        found = stored_record(store, "a1")
        assert found is not None and found.to_dict() == first.to_dict()
        assert stored_record(store, "a3") is None
        shown = get_article(store, "a2")
        assert shown is not None and shown["processed"] is True
        assert shown["events"] == second.to_dict()["events"]
        pending = get_article(store, "a3")
        assert pending is not None and pending["processed"] is False
        assert pending["events"] == [] and pending["article"]["text"] == "Talks resumed."
        assert [a.id for a in store.unprocessed()] == ["a3"]
        assert (store.stats()["processed"], store.stats()["events"]) == (2, 2)


def test_a_migrated_store_exports_and_reprocesses_without_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    rec = _record(aid="a1")
    _old_store(path, [rec], [Article(id="a2", text="It rained.", published="2025-08-09")])
    with Store(path) as store:
        (out,) = export_store(store, "jsonl", tmp_path / "r.jsonl")
        assert [json.loads(line) for line in out.read_text().splitlines()] == [rec.to_dict()]
        written = export_store(store, "parquet", tmp_path / "tables")
        assert "record" not in duckdb.sql(
            f"SELECT * FROM read_parquet('{tmp_path / 'tables' / 'articles.parquet'}')").columns
        assert sorted(p.name for p in written)[:1] == ["articles.parquet"]
        again = Record(article=rec.article, errors=[])  # re-processed: no events now
        later = Record(article=Article(id="a2", text="It rained.", published="2025-08-09"))
        store.save_records([again, later])
        rows = store.query("SELECT article_id, record FROM records ORDER BY article_id")
    assert [r["article_id"] for r in rows] == ["a1", "a2"]
    assert unpack_record(rows[0]["record"]) == again.to_dict()
    with Store(path) as store:  # opened again: nothing applied twice
        assert store.query("SELECT count(*) AS n FROM schema_version") == [
            {"n": len(MIGRATIONS)}]
        assert [r.article.id for r in store.records()] == ["a1", "a2"]


def test_records_are_stored_compressed_and_plain_json_ones_still_read(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = _record(aid="a1")
    _old_store(path, [old], [Article(id="a2", text="It rained.", published="2025-08-09")])
    new = Record(article=Article(id="a2", text="It rained.", published="2025-08-09"))
    with Store(path) as store:
        store.save_records([new])
        rows = {r["article_id"]: bytes(r["record"]) for r in store.query(
            "SELECT article_id, record FROM records")}
        assert [r.to_dict() for r in store.records()] == [old.to_dict(), new.to_dict()]
    plain = json.dumps(new.to_dict()).encode()
    assert rows["a1"].startswith(b"{")  # moved by the migration as it was
    assert not rows["a2"].startswith(b"{") and len(rows["a2"]) < len(plain)
    assert unpack_record(rows["a2"]) == new.to_dict() == unpack_record(plain.decode())
    assert unpack_record(pack_record(old.to_dict())) == old.to_dict()
