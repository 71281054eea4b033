"""The store commands: stats, failures and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.options import DbOpt, JsonOpt, db_path, err, out, print_json
from detente.store.db import Store
from detente.store.queries import list_failures

__all__ = ["register"]


def stats(
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Counts of what the store holds.

    Example: detente stats --json
    """
    with Store(db_path(db)) as store:
        counts = store.stats()
    if as_json:
        print_json(counts)
    else:
        for key, value in counts.items():
            out.print(f"{key:>10}  {value:,}")


def failures(db: DbOpt = None,
             as_json: JsonOpt = False) -> None:
    """Inputs that could not be ingested, with the reason.

    Example: detente failures --db news.duckdb
    """
    with Store(db_path(db)) as store:
        rows = list_failures(store)
    if as_json:
        print_json(rows)
    else:
        for r in rows:
            out.print(f"{r['input']}: {r['message']}", highlight=False, markup=False)


def export(
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="parquet, jsonl or csv.")] = "jsonl",
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="File (jsonl) or directory (parquet, csv).")]
    = Path("detente-export"),
) -> None:
    """Export the store: JSON lines of full records, or one Parquet/CSV file per table.

    Example: detente export --format parquet --output dataset/
    """
    from detente.store.export import export_store

    with Store(db_path(db)) as store:
        written = export_store(store, fmt, output)
    for path in written:
        err.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add ``stats``, ``failures`` and ``export`` to ``app``."""
    app.command()(stats)
    app.command()(failures)
    app.command()(export)
