"""Exporting the store as a data set: JSON lines of records, or Parquet/CSV tables."""

from __future__ import annotations

import json
from pathlib import Path

from detente.errors import UsageError
from detente.store.db import LAYER_TABLES, Store

__all__ = ["EXPORT_FORMATS", "export_store"]

EXPORT_FORMATS = ("jsonl", "parquet", "csv")
_TABLES = ("articles", *LAYER_TABLES, "failures")


def export_store(store: Store, fmt: str, output: Path) -> list[Path]:
    """Write the store to ``output``; return the files written.

    ``jsonl``: one DESIGN.md record per processed article (``output`` is a file, or a
    directory that gets ``records.jsonl``). ``parquet``/``csv``: one file per table in the
    directory ``output`` (articles without their JSON record column).
    """
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonl":
        path = output / "records.jsonl" if output.is_dir() else output
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for rec in store.records():
                fh.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        return [path]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for table in _TABLES:
        path = output / f"{table}.{fmt}"
        cols = "* EXCLUDE (record)" if table == "articles" else "*"
        opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        target = str(path).replace("'", "''")
        store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{target}' {opts}")
        written.append(path)
    return written
