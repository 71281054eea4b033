"""The pipeline commands: ingest, process, run and extract."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer

from detente import jobs
from detente.cli.options import (
    ActorsOpt,
    AllowPrivateOpt,
    DbOpt,
    LexiconOpt,
    ModelOpt,
    PublishedOpt,
    WorkersOpt,
    err,
    extract_options,
    ingest_options,
    open_store,
    print_json,
    progress,
    report_failures,
)
from detente.cli.output import writable_file
from detente.config import ExtractOptions, IngestOptions
from detente.errors import UsageError
from detente.scale.units import PartitionOptions
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
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs (or WARC records) above this size.")
]
_DEFAULT_MAX_BYTES = IngestOptions().max_bytes
_DEFAULT_CHUNK_LINES = PartitionOptions().jsonl_lines
ChunkLinesOpt = Annotated[
    int, typer.Option("--chunk-lines", min=1, help="With --scheduler: JSONL lines per unit of "
                      "work.")
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet name for every input.")]


def _ingest(store: Store, inputs: list[str], options: IngestOptions,
            workers: jobs.EarlyWorkers | None = None) -> jobs.IngestSummary:
    with progress("ingesting", None) as tick:
        summary = jobs.ingest(store, inputs, options, tick=tick,
                              on_more=workers.start if workers else None)
    err.print(f"ingested {summary.read} article(s), {summary.new} new, "
              f"{summary.failed} failed input(s)")
    report_ingest(summary)
    return summary


def _process(store: Store, options: ExtractOptions, reprocess: bool,
             workers: jobs.EarlyWorkers | None = None) -> jobs.ProcessSummary:
    with progress("extracting", store.count_unprocessed(reprocess=reprocess)) as tick:
        summary = jobs.process(store, options, reprocess=reprocess, tick=tick,
                               pool=workers.pool if workers else None)
    err.print(f"processed {summary.processed} article(s): {summary.events} events, "
              f"{summary.quotes} quotes; {summary.skipped} skipped (not English or empty), "
              f"{summary.stage_errors} stage error(s)")
    if summary.failed:
        err.print(f"[red]{summary.failed} article(s) could not be extracted[/red] "
                  "(see `detente failures`)")
    return summary


def ingest(
    inputs: Inputs,
    db: DbOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    as_json: SummaryJsonOpt = False,
) -> None:
    """Read articles into the store (no extraction). Re-running changes nothing.

    Example: detente ingest ./news/ https://example.org/feed.xml --db news.duckdb
    """
    with open_store(db, write=True) as store:
        summary = _ingest(store, inputs, ingest_options(
            published=published, outlet=outlet, allow_private=allow_private,
            max_bytes=max_bytes))
    if as_json:
        print_json(summary_dict(summary))
    raise typer.Exit(1 if summary.failed else 0)


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


def run(
    inputs: Inputs,
    db: DbOpt = None,
    workers: WorkersOpt = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    lexicon: LexiconOpt = None,
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    as_json: SummaryJsonOpt = False,
) -> None:
    """The main job: ingest inputs, then extract everything not yet processed.

    Example: detente run ./news/ --db news.duckdb && detente report --db news.duckdb
    """
    options = extract_options(workers=workers, published=published, model=model,
                              actors=actors, lexicon=lexicon)
    # Extraction's workers start loading the model while the store opens and ingest reads.
    with jobs.EarlyWorkers(options) as early, open_store(db, write=True) as store:
        summary = _ingest(store, inputs, ingest_options(
            published=published, outlet=outlet, allow_private=allow_private,
            max_bytes=max_bytes), early)
        done = _process(store, options, reprocess=False, workers=early)
    if as_json:
        print_json(summary_dict(summary) | {"processed": dataclasses.asdict(done)})
    raise typer.Exit(1 if summary.failed or done.failed else 0)


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
    allow_private: AllowPrivateOpt = False,
    max_bytes: MaxBytes = _DEFAULT_MAX_BYTES,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on Dask: tcp://HOST:PORT or local:N; writes Parquet shards "
        "to the --output directory.")] = None,
    chunk_lines: ChunkLinesOpt = _DEFAULT_CHUNK_LINES,
) -> None:
    """Stateless extraction: one DESIGN.md record per article as JSON lines; no database.
    With --scheduler, the same records as Parquet shards, extracted on a Dask cluster.

    Example: detente extract article.txt --published 2025-08-07 --output records.jsonl
    """
    if fmt != "jsonl":
        raise UsageError(f"unknown --format {fmt!r}: extract writes jsonl")
    if scheduler is not None:
        from detente.cli.scale import extract_shards

        if output is None:
            raise UsageError("--scheduler writes Parquet shards: give --output DIR")
        raise typer.Exit(extract_shards(
            inputs, output, scheduler, published=published, model=model, actors=actors,
            lexicon=lexicon, allow_private=allow_private, max_bytes=max_bytes,
            chunk_lines=chunk_lines))
    options = extract_options(workers=workers, published=published, model=model, actors=actors,
                              lexicon=lexicon)
    iopts = ingest_options(published=published, allow_private=allow_private,
                           max_bytes=max_bytes)
    with progress("extracting", None) as tick:
        if output is None:
            summary = jobs.extract_to(sys.stdout, inputs, iopts, options, tick=tick)
        else:
            with writable_file(output).open("w", encoding="utf-8") as fh:
                summary = jobs.extract_to(fh, inputs, iopts, options, tick=tick)
    err.print(f"extracted {summary.read} article(s), {summary.failed} failed input(s)")
    report_ingest(summary)
    raise typer.Exit(1 if summary.failed else 0)


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``process``, ``run`` and ``extract`` to ``app``."""
    app.command()(ingest)
    app.command()(process)
    app.command()(run)
    app.command()(extract)
