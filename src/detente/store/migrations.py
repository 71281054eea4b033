"""The DuckDB schema, as an ordered list of migrations applied on open.

A migration is never edited once released: add a new one. ``schema_version`` records what
has been applied, so opening an old file brings it up to date.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MIGRATIONS", "migrate"]

_V1 = """
CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR, title VARCHAR, outlet VARCHAR, author VARCHAR,
    published DATE, dateline VARCHAR, language VARCHAR,
    text VARCHAR NOT NULL,
    input VARCHAR,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    processed_at TIMESTAMP,
    n_errors INTEGER,
    record JSON
);
CREATE TABLE mentions (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text VARCHAR,
    name VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR, sector2 VARCHAR,
    actor_id VARCHAR,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    source_text VARCHAR, source_name VARCHAR, source_code VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, source_id VARCHAR,
    target_text VARCHAR, target_name VARCHAR, target_code VARCHAR, target_country VARCHAR,
    target_sector VARCHAR, target_id VARCHAR,
    category VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    event_date DATE, date_value VARCHAR, date_precision VARCHAR,
    modality VARCHAR, negated BOOLEAN, channel VARCHAR, confidence DOUBLE,
    evidence VARCHAR, data JSON
);
CREATE INDEX events_dyad ON events (source_country, target_country, event_date);
CREATE TABLE quotes (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text VARCHAR, kind VARCHAR,
    speaker_text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR,
    speaker_id VARCHAR, role VARCHAR, anonymous BOOLEAN, data JSON,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE timexes (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER, end_char INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE deadlines (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    issuer_code VARCHAR, issuer_country VARCHAR, target_code VARCHAR, target_country VARCHAR,
    demand VARCHAR, threat VARCHAR, issued VARCHAR, duration VARCHAR, expires VARCHAR,
    revises VARCHAR, status VARCHAR, evidence VARCHAR, data JSON
);
CREATE TABLE positions (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    actor_code VARCHAR, stance VARCHAR, issue VARCHAR, data JSON,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE record_errors (
    article_id VARCHAR NOT NULL, stage VARCHAR NOT NULL, message VARCHAR NOT NULL
);
CREATE TABLE failures (
    input VARCHAR NOT NULL, stage VARCHAR NOT NULL, message VARCHAR NOT NULL,
    time TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (input, stage)
);
"""

# Extraction attempts per article: counted when a batch is handed to extraction, so an
# article whose extraction kills its process (or run) is not tried forever.
_V2 = """
ALTER TABLE articles ADD COLUMN attempts INTEGER DEFAULT 0;
UPDATE articles SET attempts = 0 WHERE attempts IS NULL;
"""

# Where events happened (issue 18): the event's location, flat for filtering and maps (the
# full object, with its evidence, rides in ``data``), and the dateline it was reported from.
_V3_WHERE = """
ALTER TABLE events ADD COLUMN location_name VARCHAR;
ALTER TABLE events ADD COLUMN location_country VARCHAR;
ALTER TABLE events ADD COLUMN location_admin1 VARCHAR;
ALTER TABLE events ADD COLUMN location_lat DOUBLE;
ALTER TABLE events ADD COLUMN location_lon DOUBLE;
ALTER TABLE events ADD COLUMN location_precision VARCHAR;
ALTER TABLE events ADD COLUMN location_basis VARCHAR;
ALTER TABLE events ADD COLUMN reported_from VARCHAR;
CREATE INDEX events_location ON events (location_country, event_date);
"""

# Positions carry the actor's country, name and the evidence, so listings filter by
# country ("--actor RUS") and by issue without reading the JSON.
_V4_POSITIONS = """
ALTER TABLE positions ADD COLUMN actor_country VARCHAR;
ALTER TABLE positions ADD COLUMN actor_name VARCHAR;
ALTER TABLE positions ADD COLUMN actor_text VARCHAR;
ALTER TABLE positions ADD COLUMN actor_id VARCHAR;
ALTER TABLE positions ADD COLUMN evidence VARCHAR;
CREATE INDEX positions_issue ON positions (issue, actor_country)
"""

# The input's own id, and what ingest could not use (a JSON list of reasons), per article.
_V5_ARTICLE_ORIGIN = """
ALTER TABLE articles ADD COLUMN external_id VARCHAR;
ALTER TABLE articles ADD COLUMN warnings JSON;
"""

# Each processed article's full record (issue 17) in a table of its own, written once per
# extraction and zlib-compressed by the store (``detente.store.db.pack_record``): as JSON in
# a column of ``articles`` it was rewritten whole at every checkpoint of a run (every 16 MB
# of write-ahead log), so a run's main process grew with the corpus (bench_memory.py: 297
# -> 363 MB from 1,000 to 20,000 articles). Records stored before move as plain JSON bytes,
# which the readers tell from compressed ones by their first byte.
_V6_RECORDS = """
CREATE TABLE records (article_id VARCHAR NOT NULL, record BLOB NOT NULL);
INSERT INTO records (article_id, record)
    SELECT id, encode(CAST(record AS VARCHAR)) FROM articles WHERE record IS NOT NULL ORDER BY id;
ALTER TABLE articles DROP COLUMN record;
"""

# Why an event's article is no political story (issue 15: sports, business, accident
# stories), null for a political one: the default view, the relations index and the report
# leave such events out; ``events --all`` lists them.
_V7_OFF_TOPIC = """
ALTER TABLE events ADD COLUMN off_topic VARCHAR;
"""

MIGRATIONS: list[str] = [_V1, _V2, _V3_WHERE, _V4_POSITIONS, _V5_ARTICLE_ORIGIN, _V6_RECORDS,
                         _V7_OFF_TOPIC]


def migrate(con: Any) -> int:
    """Apply pending migrations in one transaction each; return the schema version."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    current = int(row[0]) if row else 0
    for version, sql in enumerate(MIGRATIONS, start=1):
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in sql.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current
