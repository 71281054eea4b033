"""The core commands: ingest, extract, process, run, export, stats, failures, eval."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer

from detente import jobs
from detente.cli.main import (
    ActorsOpt,
    DbOpt,
    LexiconOpt,
    ModelOpt,
    PublishedOpt,
    WorkersOpt,
    app,
    db_path,
    err,
    extract_options,
    open_store,
    out,
    parse_date_option,
    print_json,
    progress,
    report_failures,
)
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
from detente.config import ExtractOptions, IngestOptions
from detente.errors import UsageError
from detente.store.db import Store

SummaryJsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")]


def summary_dict(summary: jobs.IngestSummary) -> dict[str, object]:
    """An ingest summary as ``--json`` prints it."""
    return {
        "read": summary.read, "new": summary.new, "failed": summary.failed,
        "skipped": summary.skipped,
        "failures": [{"input": f.input, "stage": f.stage, "message": f.reason}
                     for f in summary.failures],
        "warnings": [{"input": name, "message": w} for name, w in summary.warnings],
    }


def report_ingest(summary: jobs.IngestSummary) -> None:
    """Failures, skipped files and warnings of an ingest, on stderr."""
    report_failures([f for f in summary.failures if f.stage != "skip"])
    if summary.skipped:
        err.print(f"{summary.skipped} file(s) skipped: not article files "
                  "(listed by `detente failures`)")
    for name, warning in summary.warnings[:20]:
        err.print(f"warning {name}: {warning}", highlight=False, markup=False)
    if len(summary.warnings) > 20:
        err.print(f"... and {len(summary.warnings) - 20} more warning(s)")


Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, directories, URLs, RSS/Atom feeds, WARC(.gz) or JSONL files.",
                   show_default=False),
]
AllowPrivate = Annotated[
    bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs (or WARC records) above this size.")
]
_DEFAULT_MAX_BYTES = IngestOptions().max_bytes
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name for every input.")]


def _ingest_options(published: str | None, outlet: str | None, allow_private: bool,
                    max_bytes: int) -> IngestOptions:
    return IngestOptions(published=parse_date_option(published), outlet=outlet,
                         allow_private=allow_private, max_bytes=max_bytes)


def _ingest(store: Store, inputs: list[str], options: IngestOptions) -> jobs.IngestSummary:
    with progress("ingesting", None) as tick:
        summary = jobs.ingest(store, inputs, options, tick=tick)
    err.print(f"ingested {summary.read} article(s), {summary.new} new, "
              f"{summary.failed} failed input(s)")
    report_ingest(summary)
    return summary


def _process(store: Store, options: ExtractOptions, reprocess: bool) -> jobs.ProcessSummary:
    with progress("extracting", store.count_unprocessed(reprocess=reprocess)) as tick:
        summary = jobs.process(store, options, reprocess=reprocess, tick=tick)
    err.print(f"processed {summary.processed} article(s): {summary.events} events, "
              f"{summary.quotes} quotes; {summary.skipped} skipped (not English or empty), "
              f"{summary.stage_errors} stage error(s)")
    if summary.failed:
        err.print(f"[red]{summary.failed} article(s) could not be extracted[/red] "
                  "(see `detente failures`)")
    return summary


@app.command()
def ingest(
    inputs: Inputs,
    db: DbOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    allow_private: AllowPrivate = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    as_json: SummaryJsonOpt = False,
) -> None:
    """Read articles into the store (no extraction). Re-running changes nothing.

    Example: detente ingest ./news/ https://example.org/feed.xml --db news.duckdb
    """
    with open_store(db, write=True) as store:
        summary = _ingest(store, inputs, _ingest_options(published, outlet, allow_private,
                                                         max_bytes))
    if as_json:
        print_json(summary_dict(summary))
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def process(
    db: DbOpt = None,
    workers: WorkersOpt = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="Date (YYYY-MM-DD) relative dates resolve against in stored "
        "articles that have no publication date.")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="Redo processed articles.")
    ] = False,
) -> None:
    """Extract events, quotes, dates and deadlines from stored articles not yet processed.

    Example: detente process --db news.duckdb --workers 2
    """
    with open_store(db, write=True) as store:
        summary = _process(store, extract_options(workers=workers, published=published,
                                                  model=model, actors=actors,
                                                  lexicon=lexicon), reprocess)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def run(
    inputs: Inputs,
    db: DbOpt = None,
    workers: WorkersOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    allow_private: AllowPrivate = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    as_json: SummaryJsonOpt = False,
) -> None:
    """The main job: ingest inputs, then extract everything not yet processed.

    Example: detente run ./news/ --db news.duckdb && detente report --db news.duckdb
    """
    with open_store(db, write=True) as store:
        summary = _ingest(store, inputs, _ingest_options(published, outlet, allow_private,
                                                         max_bytes))
        done = _process(store, extract_options(workers=workers, published=published,
                                               model=model, actors=actors, lexicon=lexicon),
                        reprocess=False)
    if as_json:
        print_json(summary_dict(summary) | {"processed": dataclasses.asdict(done)})
    raise typer.Exit(1 if summary.failed or done.failed else 0)


@app.command()
def extract(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]
    = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format (jsonl).")] = "jsonl",
    workers: WorkersOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    allow_private: AllowPrivate = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on Dask: tcp://HOST:PORT or local:N; writes Parquet shards "
        "to the --output directory.")] = None,
) -> None:
    """Stateless extraction: one DESIGN.md record per article as JSON lines; no database.
    With --scheduler, the same records as Parquet shards, extracted on a Dask cluster.

    Example: detente extract article.txt --published 2025-08-07 --output records.jsonl
    """
    if fmt != "jsonl":
        raise UsageError(f"unknown --format {fmt!r}: extract writes jsonl")
    options = extract_options(workers=workers, published=published, model=model, actors=actors,
                              lexicon=lexicon)
    iopts = _ingest_options(published, None, allow_private, max_bytes)
    if scheduler is not None:
        from detente.cli.scale import run_distributed

        if output is None:
            raise UsageError("--scheduler writes Parquet shards: give --output DIR")
        raise typer.Exit(run_distributed(inputs, output, scheduler, iopts, options))
    with progress("extracting", None) as tick:
        if output is None:
            summary = jobs.extract_to(sys.stdout, inputs, iopts, options, tick=tick)
        else:
            with writable_file(output).open("w", encoding="utf-8") as fh:
                summary = jobs.extract_to(fh, inputs, iopts, options, tick=tick)
    err.print(f"extracted {summary.read} article(s), {summary.failed} failed input(s)")
    report_ingest(summary)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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


def _register_subcommands() -> None:
    """Commands each layer contributes (``cli/<group>.py``)."""
    from detente.cli import (
        actors,
        code,
        evaluate,
        listing,
        quote_text,
        relations,
        scale,
        serve,
        timex,
    )

    for module in (actors, evaluate, code, listing, quote_text, relations, scale, serve, timex):
        module.register(app)


_register_subcommands()
