"""The core commands: ingest, extract, process, run, export, stats, failures, eval."""

from __future__ import annotations

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
    out,
    parse_date_option,
    print_json,
    progress,
    report_failures,
)
from detente.config import ExtractOptions, IngestOptions
from detente.errors import UsageError
from detente.store.db import Store


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
) -> None:
    """Read articles into the store (no extraction). Re-running changes nothing.

    Example: detente ingest ./news/ https://example.org/feed.xml --db news.duckdb
    """
    with Store(db_path(db)) as store:
        summary = _ingest(store, inputs, _ingest_options(published, outlet, allow_private,
                                                         max_bytes))
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
    with Store(db_path(db)) as store:
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
) -> None:
    """The main job: ingest inputs, then extract everything not yet processed.

    Example: detente run ./news/ --db news.duckdb && detente report --db news.duckdb
    """
    with Store(db_path(db)) as store:
        summary = _ingest(store, inputs, _ingest_options(published, outlet, allow_private,
                                                         max_bytes))
        done = _process(store, extract_options(workers=workers, published=published,
                                               model=model, actors=actors, lexicon=lexicon),
                        reprocess=False)
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
            with output.open("w", encoding="utf-8") as fh:
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
    with Store(db_path(db)) as store:
        counts = store.stats()
    if as_json:
        print_json(counts)
    else:
        for key, value in counts.items():
            out.print(f"{key:>10}  {value:,}")


@app.command()
def failures(db: DbOpt = None,
             as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Inputs that could not be ingested and articles that could not be extracted, with the
    reason (and, for articles, how many times extraction was attempted).

    Example: detente failures --db news.duckdb
    """
    with Store(db_path(db)) as store:
        rows = store.failures()
    if as_json:
        print_json(rows)
    else:
        for r in rows:
            tries = f" ({r['attempts']} attempt(s))" if r["attempts"] is not None else ""
            out.print(f"{r['input']}: {r['message']}{tries}", highlight=False, markup=False,
                      soft_wrap=True)


@app.command()
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
