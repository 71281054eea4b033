"""Parquet shards: the DESIGN.md record, one row per article.

Columns (all strings; nullable unless said):

==============  ==============================================================================
``schema``      ``"detente.article/1"`` (not null)
``article_id``  the article's content hash (not null)
``published``   ISO date ``YYYY-MM-DD`` as in the record
``title``,      copies of the article's fields, for filtering without parsing JSON
``outlet``,
``language``
``input``       where the article came from (path, ``path:LINE``, URL), as in the record
``article``     the record's ``article`` object, as JSON (with ``external_id``, ``warnings``)
``mentions``,   each record layer as a JSON array, exactly the record's list
``events``,
``quotes``,
``timexes``,
``deadlines``,
``positions``,
``errors``
==============  ==============================================================================

Why JSON strings rather than nested structs: the layers grow fields as extraction grows, and
a struct column pins one Arrow schema per shard, so shards written by two versions would not
read as one table; JSON columns keep every shard readable together, round-trip exactly to
``Record.to_dict()``, and DuckDB reads them with its JSON functions
(``json_array_length(events)``, ``events->'$[0].category'``).

Ingest failures of the unit ride in the file's key-value metadata (``detente.failures``), so
a shard is one file, written atomically: a temporary name in the same directory, then
``os.replace``. A shard that exists is complete.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from detente.model import SCHEMA, Record

__all__ = [
    "LAYERS",
    "SHARD_SCHEMA",
    "Failure",
    "Shard",
    "read_shard",
    "records_to_table",
    "shard_files",
    "table_to_records",
    "write_shard",
]

LAYERS = ("mentions", "events", "quotes", "timexes", "deadlines", "positions", "errors")
_META_COLUMNS = ("title", "outlet", "language")

SHARD_SCHEMA = pa.schema(
    [
        pa.field("schema", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("published", pa.string()),
        *(pa.field(c, pa.string()) for c in _META_COLUMNS),
        pa.field("input", pa.string()),
        pa.field("article", pa.string(), nullable=False),
        *(pa.field(layer, pa.string(), nullable=False) for layer in LAYERS),
    ]
)
_FAILURES_KEY = b"detente.failures"
_UNIT_KEY = b"detente.unit"


@dataclass(frozen=True, slots=True)
class Failure:
    """An ingest failure as shards carry it (plain strings: pickles and serialises)."""

    input: str
    stage: str
    message: str


@dataclass(frozen=True, slots=True)
class Shard:
    """What one shard file holds."""

    records: list[Record]
    inputs: list[str | None]
    failures: list[Failure]
    unit: str | None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def records_to_table(records: Sequence[Record]) -> pa.Table:
    """Records as an Arrow table in the shard layout."""
    rows: dict[str, list[str | None]] = {name: [] for name in SHARD_SCHEMA.names}
    for rec in records:
        d = rec.to_dict()
        art = d["article"]
        rows["schema"].append(d["schema"])
        rows["article_id"].append(art["id"])
        rows["published"].append(art["published"])
        for col in _META_COLUMNS:
            rows[col].append(art[col])
        rows["input"].append(rec.article.input)
        rows["article"].append(_dumps(art))
        for layer in LAYERS:
            rows[layer].append(_dumps(d[layer]))
    return pa.Table.from_pydict(rows, schema=SHARD_SCHEMA)


def table_to_records(table: pa.Table) -> tuple[list[Record], list[str | None]]:
    """Records (and each one's input) from a table in the shard layout."""
    records: list[Record] = []
    inputs: list[str | None] = []
    for row in table.to_pylist():
        data = {"schema": row["schema"], "article": json.loads(row["article"])}
        for layer in LAYERS:
            data[layer] = json.loads(row[layer])
        rec = Record.from_dict(data)
        records.append(rec)
        inputs.append(row["input"])
    return records, inputs


def write_shard(
    path: Path, records: Sequence[Record], failures: Sequence[Failure] = (), *,
    unit: str | None = None,
) -> Path:
    """Write records atomically to ``path`` (temporary name in the same directory, then
    rename), with the unit's failures and description in the file metadata."""
    table = records_to_table(records)
    meta = {
        _FAILURES_KEY: _dumps([[f.input, f.stage, f.message] for f in failures]).encode(),
        b"detente.schema": SCHEMA.encode(),
    }
    if unit is not None:
        meta[_UNIT_KEY] = unit.encode()
    table = table.replace_schema_metadata(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A leading dot and a .tmp suffix: never matched by '*.parquet' readers.
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_shard(path: Path) -> Shard:
    """The records, inputs, failures and unit description of one shard file."""
    table = pq.read_table(path)
    records, inputs = table_to_records(table)
    meta = table.schema.metadata or {}
    failures = [Failure(*f) for f in json.loads(meta.get(_FAILURES_KEY, b"[]"))]
    unit = meta[_UNIT_KEY].decode() if _UNIT_KEY in meta else None
    return Shard(records, inputs, failures, unit)


def shard_files(directory: Path) -> list[Path]:
    """The shard files of a directory, sorted by name."""
    return sorted(p for p in directory.glob("*.parquet") if p.is_file())
