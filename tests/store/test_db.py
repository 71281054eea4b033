"""The DuckDB store: migrations, idempotent writes, lossless round trips, exports."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import (
    Actor,
    Article,
    Event,
    EventDate,
    Quote,
    Record,
    Span,
    Speaker,
    StageError,
    Timex,
)
from detente.store.db import Store, unpack_record
from detente.store.export import export_store
from detente.store.migrations import MIGRATIONS
from detente.timeml import period_start

USA = Actor(text="Washington", name="United States", code="USAGOV", country="USA", sector="GOV")
RUS = Actor(text="Moscow", name="Russia", code="RUSGOV", country="RUS", sector="GOV")


def _record(text: str = "Washington threatened Moscow.", aid: str = "a1") -> Record:
    art = Article(id=aid, text=text, published="2025-08-07", language="en", title="T")
    ev = Event(
        id=f"{aid}-e0", source=USA, target=RUS, category="THREATEN", mode=None, cameo="130",
        goldstein=-4.4, quad_class=3, date=EventDate("2025-W31", "week", "last week"),
        modality="asserted", negated=False, channel="public",
        evidence=Span(0, len(text), text), trigger=Span(11, 21, text[11:21]), confidence=0.8,
    )
    q = Quote(0, 10, text[:10], "indirect", None,
              Speaker(None, None, None, None, None, anonymous=True))
    return Record(article=art, events=[ev], quotes=[q],
                  timexes=[Timex(0, 4, text[:4], "DATE", None)],
                  errors=[StageError("quotes", "ValueError: x")])


def test_store_applies_migrations_once(db_path: Path) -> None:
    Store(db_path).close()
    with Store(db_path) as store:
        assert store.version == len(MIGRATIONS)
        rows = store.query("SELECT count(*) AS n FROM schema_version")
    assert rows == [{"n": len(MIGRATIONS)}]


def test_store_ingesting_same_article_twice_changes_nothing(db_path: Path) -> None:
    art = Article(id="x", text="Some text.", published="2025-01-02")
    with Store(db_path) as store:
        assert store.add_articles([art, art]) == 1
        assert store.add_articles([art]) == 0
        assert store.stats()["articles"] == 1


def test_store_save_records_replaces_layers_idempotently(db_path: Path) -> None:
    rec = _record()
    with Store(db_path) as store:
        store.add_articles([rec.article])
        store.save_records([rec])
        store.save_records([rec])
        stats = store.stats()
        assert (stats["events"], stats["quotes"], stats["timexes"]) == (1, 1, 1)
        assert store.count_unprocessed() == 0
        row = store.query("SELECT event_date, source_country, target_code FROM events")[0]
    assert str(row["event_date"]) == "2025-07-28"
    assert (row["source_country"], row["target_code"]) == ("USA", "RUSGOV")


def test_store_round_trips_records_losslessly(db_path: Path) -> None:
    rec = _record()
    with Store(db_path) as store:
        store.add_articles([rec.article])
        store.save_records([rec])
        back = list(store.records())
    assert [r.to_dict() for r in back] == [rec.to_dict()]


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=12, max_size=200))
def test_store_round_trip_any_text(text: str) -> None:
    rec = _record(text=text, aid="p")
    with Store(":memory:") as store:
        store.add_articles([rec.article])
        store.save_records([rec])
        (back,) = list(store.records())
    assert back.to_dict() == rec.to_dict()


def test_store_records_failures_once_per_input(db_path: Path) -> None:
    from detente.errors import IngestError

    with Store(db_path) as store:
        store.add_failures([IngestError("a.txt", "empty file")])
        store.add_failures([IngestError("a.txt", "empty file")])
        assert store.stats()["failed"] == 1


def test_store_transaction_rolls_back_on_error(db_path: Path) -> None:
    with Store(db_path) as store:
        with pytest.raises(duckdb.Error), store.transaction():
            store.add_articles  # noqa: B018
            store.con.execute("INSERT INTO articles (id, text) VALUES ('k', 't')")
            store.con.execute("INSERT INTO articles (id, text) VALUES ('k', 't')")
        assert store.stats()["articles"] == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-08-06", "2025-08-06"),
        ("2025-08", "2025-08-01"),
        ("2025", "2025-01-01"),
        ("2025-W31", "2025-07-28"),
        ("2025-W32-WE", "2025-08-09"),
        ("2025-Q3", "2025-07-01"),
        ("P50D", None),
        ("PRESENT_REF", None),
        ("XXXX-XX-XX", None),
        (None, None),
    ],
)
def test_period_start_reads_timex_values(value: str | None, expected: str | None) -> None:
    got = period_start(value)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_one_file_per_table(tmp_path: Path, fmt: str) -> None:
    rec = _record()
    with Store(tmp_path / "s.duckdb") as store:
        store.add_articles([rec.article])
        store.save_records([rec])
        written = export_store(store, fmt, tmp_path / "out")
    names = sorted(p.name for p in written)
    assert f"events.{fmt}" in names and f"articles.{fmt}" in names
    n = duckdb.sql(
        f"SELECT count(*) FROM read_{'parquet' if fmt == 'parquet' else 'csv'}"
        f"('{tmp_path / 'out' / ('events.' + fmt)}')"
    ).fetchall()
    assert n == [(1,)]


def test_export_jsonl_gives_design_records(tmp_path: Path) -> None:
    rec = _record()
    with Store(tmp_path / "s.duckdb") as store:
        store.add_articles([rec.article])
        store.save_records([rec])
        (path,) = export_store(store, "jsonl", tmp_path / "r.jsonl")
    lines = path.read_text().splitlines()
    assert [json.loads(line) for line in lines] == [rec.to_dict()]


def test_store_keeps_external_id_input_and_warnings_into_the_record(db_path: Path) -> None:
    art = Article(id="w1", text="Some text.", input="corpus.jsonl:3", external_id="doc-3",
                  warnings=("unparseable date 'xyz'; stored without a date",))
    with Store(db_path) as store:
        store.add_articles([art])
        [back] = list(store.unprocessed())
        store.save_records([Record(article=back)])
        [rec] = list(store.records())
    assert back == art
    assert {k: rec.to_dict()["article"][k] for k in ("input", "external_id", "warnings")} == {
        "input": "corpus.jsonl:3",
        "external_id": "doc-3",
        "warnings": ["unparseable date 'xyz'; stored without a date"],
    }


def test_store_opens_a_version_1_file_and_adds_the_new_columns(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.execute("INSERT INTO articles (id, text, input) VALUES ('old', 'Old text.', 'a.txt')")
    con.close()
    with Store(db_path) as store:
        [old] = list(store.unprocessed())
    assert (old.input, old.external_id, old.warnings) == ("a.txt", None, ())


@pytest.mark.parametrize(("total", "size", "sizes"), [(7, 3, [3, 3, 1]), (4, 4, [4]), (0, 5, [])])
def test_store_unprocessed_chunks_reads_each_article_once_in_bounded_chunks(
    db_path: Path, total: int, size: int, sizes: list[int]
) -> None:
    arts = [Article(id=f"a{i:02d}", text=f"Text {i}.", published="2025-01-02")
            for i in range(total)]
    with Store(db_path) as store:
        store.add_articles(arts)
        chunks = []
        for chunk in store.unprocessed_chunks(size):
            chunks.append([a.id for a in chunk])
            store.save_records([Record(article=a) for a in chunk])  # writes between reads
        assert [len(c) for c in chunks] == sizes
        assert sorted(i for c in chunks for i in c) == [a.id for a in arts]
        assert store.count_unprocessed() == 0
        assert [len(c) for c in store.unprocessed_chunks(size, reprocess=True)] == sizes


@pytest.mark.parametrize("read_only", [False, True])
def test_store_of_schema_1_is_upgraded_on_open(tmp_path: Path, read_only: bool) -> None:
    from detente.store import migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for statement in migrations.MIGRATIONS[0].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute("INSERT INTO articles (id, text) VALUES ('a', 'Talks resumed.')")
    con.close()
    with Store(path, read_only=read_only) as store:
        assert store.version == len(migrations.MIGRATIONS)
        assert store.query("SELECT id, attempts FROM articles") == [{"id": "a", "attempts": 0}]


def test_store_save_records_keeps_the_ingest_columns_and_replaces_the_record(
    db_path: Path,
) -> None:
    rec = _record()
    art = Article(id="a1", text=rec.article.text, published="2025-08-07", language="en",
                  title="T", input="in.txt", external_id="x-1", warnings=("no date",))
    rec.article = art
    with Store(db_path) as store:
        store.add_articles([art, Article(id="b", text="Other text.")])
        store.count_attempt(["a1"])
        before = store.query("SELECT * EXCLUDE (processed_at, n_errors) FROM articles "
                             "ORDER BY id")
        store.save_records([rec])
        again = Record(article=art, errors=[])  # re-processed: no events, no errors now
        store.save_records([again])
        after = store.query("SELECT * EXCLUDE (processed_at, n_errors) FROM articles "
                            "ORDER BY id")
        saved = store.query("SELECT n_errors, record, processed_at FROM articles "
                            "JOIN records ON article_id = id WHERE id = 'a1'")
        stats = store.stats()
    assert after == before  # text, input, external_id, warnings, ingested_at, attempts = 1
    assert after[0]["attempts"] == 1
    assert saved[0]["n_errors"] == 0 and saved[0]["processed_at"] is not None
    assert len(saved) == 1  # the record replaced, not added to
    assert unpack_record(saved[0]["record"]) == again.to_dict()
    assert (stats["articles"], stats["processed"], stats["events"], stats["quotes"]) == (2, 1, 0, 0)


def test_store_release_memory_drops_cached_blocks_and_keeps_the_limit(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache is shrunk to _RELEASE_TO (16 MB); a few MB of test data must go below 1 MB.
    monkeypatch.setattr("detente.store.db._RELEASE_TO", "1MB")

    def cached(store: Store) -> int:
        row = store.con.execute("SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() "
                                "WHERE tag = 'BASE_TABLE'").fetchone()
        return int(row[0]) if row else 0

    with Store(db_path) as store:
        limit = store.query("SELECT current_setting('memory_limit') AS m")
        for k in range(4):
            store.add_articles([  # text DuckDB cannot compress much: hex digests
                Article(id=f"{k}-{i:05d}", text=" ".join(
                    hashlib.sha256(f"{k} {i} {j}".encode()).hexdigest() for j in range(30)))
                for i in range(500)])
        store.con.execute("CHECKPOINT")
        store.query("SELECT count(*) FROM articles WHERE text LIKE '%999%'")  # read every block
        held = cached(store)
        store.release_memory()
        released = cached(store)
        assert store.query("SELECT current_setting('memory_limit') AS m") == limit
        assert store.stats()["articles"] == 2000
    assert held > 2_000_000
    assert released < held / 4
