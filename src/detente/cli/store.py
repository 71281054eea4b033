"""The store commands: stats, info, failures and export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente import jobs
from detente.cli.options import DbOpt, db_path, err, open_store, out, print_json
from detente.cli.output import (
    FormatOpt,
    JsonOpt,
    OffsetOpt,
    listing_format,
    require_articles,
    writable_dir,
    writable_file,
    write_csv,
)
from detente.errors import UsageError

__all__ = ["register"]


def stats(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of what the store holds.

    Example: detente stats --json
    """
    with open_store(db) as store:
        counts = store.stats()
    if as_json:
        print_json(counts)
    else:
        for key, value in counts.items():
            out.print(f"{key:>10}  {value:,}")


def info(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The store (path, schema version, counts), versions, the spaCy model and where the
    knowledge files come from. Exits 2 when there is no store.

    Example: detente info --db news.duckdb
    """
    path = db_path(db)
    if path.exists():
        with open_store(path) as store:
            data = jobs.system_info(store, str(path))
    else:
        data = jobs.system_info(None, str(path))
    if as_json:
        print_json(data)
    else:
        model = data["spacy_model"]
        lines = [f"detente {data['detente']}  (spaCy {data['spacy']}, DuckDB {data['duckdb']})",
                 f"spaCy model: {model['name']} "
                 + (model["version"] if model["installed"] else "(not installed)"),
                 f"knowledge files: {data['knowledge']['directory']} "
                 f"({len(data['knowledge']['files'])} files)"]
        store_info = data["store"]
        if store_info is not None:
            lines.append(f"store: {path} (schema version {store_info['schema_version']})")
            lines += [f"{k:>16}  {v:,}" for k, v in store_info["counts"].items()]
        out.print("\n".join(lines), highlight=False, markup=False, soft_wrap=True)
    if data["store"] is None:
        err.print(f"no store at {path}; create one with `detente run ARTICLES --db {path}`",
                  highlight=False, markup=False)
        raise typer.Exit(2)


def failures(
    db: DbOpt = None,
    articles: Annotated[bool, typer.Option(
        "--articles", help="List stored articles with stage errors instead.")] = False,
    fmt: FormatOpt = "table",
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")] = 1000,
    offset: OffsetOpt = 0,
    as_json: JsonOpt = False,
) -> None:
    """Inputs that could not be ingested or were skipped and articles that could not be
    extracted, with the reason (and, for articles, how many times extraction was attempted);
    with --articles, every stored article a stage failed on.

    Example: detente failures --db news.duckdb --articles
    """
    from detente.store.queries import list_failures

    form = listing_format(fmt, as_json)
    with open_store(db) as store:
        page = list_failures(store, articles=articles, limit=limit, offset=offset)
    rows = page["rows"]
    if form == "json":
        print_json(rows)
    elif form == "csv":
        write_csv(rows, page["columns"])
    else:
        for r in rows:
            if articles:
                where = r["article_id"] + (f" ({r['input']})" if r["input"] else "")
                line = f"{where}: {r['stage']}: {r['message']}"
            else:
                tries = f" ({r['attempts']} attempt(s))" if r["attempts"] is not None else ""
                line = f"{r['input']}: {r['message']}{tries}"
            out.print(line, highlight=False, markup=False, soft_wrap=True)
    noun = "article(s) with stage errors" if articles else "failed or skipped input(s)"
    err.print(f"{len(rows)} of {page['total']} {noun}" if page["total"]
              else f"No {noun.replace('(s)', 's')} in {db_path(db)}.", highlight=False)
    if not articles and page["articles_with_errors"]:
        err.print(f"{page['articles_with_errors']} stored article(s) have stage errors: "
                  "list them with `detente failures --articles`", highlight=False)


def export(
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="parquet, jsonl or csv.")] = "jsonl",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File (jsonl; default detente-export.jsonl) or directory "
        "(parquet, csv; default detente-export/).", show_default=False)] = None,
) -> None:
    """Export the store: JSON lines of full records, or one Parquet/CSV file per table plus
    the de-duplicated events (clusters.*, and events_gdelt.* in the manner of GDELT).

    Example: detente export --format parquet --output dataset/
    """
    from detente.analyze.dedup import ensure_deduped
    from detente.store.export import EXPORT_FORMATS, export_store

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    with open_store(db) as store:
        require_articles(store)
        if fmt == "jsonl":
            target = writable_file(output or Path("detente-export.jsonl")) \
                if output is None or not output.is_dir() else output
        else:
            target = writable_dir(output or Path("detente-export"))
            ensure_deduped(store)
        written = export_store(store, fmt, target)
    for path in written:
        err.print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add ``stats``, ``info``, ``failures`` and ``export`` to ``app``."""
    app.command()(stats)
    app.command()(info)
    app.command()(failures)
    app.command()(export)
