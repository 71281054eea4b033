"""``detente extract-dist``, ``detente load`` and ``detente watch``: the scale-out commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.options import (
    ActorsOpt,
    AllowPrivateOpt,
    DbOpt,
    ModelOpt,
    PublishedOpt,
    err,
    extract_options,
    ingest_options,
    open_store,
    print_json,
    progress,
    report_failures,
)
from detente.config import ExtractOptions, IngestOptions
from detente.errors import UsageError
from detente.scale.units import PartitionOptions

__all__ = ["extract_shards", "register", "run_distributed"]

SchedulerOpt = Annotated[
    str, typer.Option("--scheduler", help="tcp://HOST:PORT of a running Dask scheduler, or "
                      "local:N for a local cluster of N worker processes.")
]


def run_distributed(
    inputs: list[str], output: Path | None, scheduler: str, ingest_options: IngestOptions,
    options: ExtractOptions, *, chunk_lines: int = PartitionOptions().jsonl_lines,
) -> int:
    """Run :func:`extract_distributed` with a progress bar and a summary on stderr; return
    the exit code (1 when an input or a unit failed). ``detente extract --scheduler`` and
    ``detente extract-dist`` both call this."""
    from detente.scale import extract_distributed

    if output is None:
        raise UsageError("--scheduler writes Parquet shards: give the directory with --output")
    with progress("extracting", None) as tick:
        summary = extract_distributed(
            inputs, output, scheduler, ingest_options, options,
            partition_options=PartitionOptions(jsonl_lines=chunk_lines), progress=tick)
    err.print(f"{summary.units} unit(s) on {summary.workers} worker(s): "
              f"{summary.written} shard(s) written ({summary.articles} article(s)), "
              f"{summary.skipped} already done, {summary.failed} failure(s) "
              f"in {summary.seconds:.1f} s")
    report_failures(summary.failures)
    return 1 if summary.failed else 0


def extract_shards(
    inputs: list[str], output: Path | None, scheduler: str, *, published: str | None = None,
    model: str | None = None, actors: list[Path] | None = None,
    lexicon: list[Path] | None = None, allow_private: bool = False,
    max_bytes: int | None = None, chunk_lines: int = PartitionOptions().jsonl_lines,
) -> int:
    """What ``detente extract --scheduler`` and ``detente extract-dist`` do: extract the
    inputs on a Dask cluster into Parquet shards; the exit code."""
    options = extract_options(published=published, model=model, actors=actors, lexicon=lexicon)
    iopts = ingest_options(published=published, allow_private=allow_private,
                           max_bytes=max_bytes)
    return run_distributed(inputs, output, scheduler, iopts, options, chunk_lines=chunk_lines)


def extract_dist(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, directories, URLs, WARC(.gz) or JSONL files.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory of Parquet "
                                         "shards (created; re-runs skip done shards).")],
    scheduler: SchedulerOpt = "local:2",
    published: PublishedOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    allow_private: AllowPrivateOpt = False,
    chunk_lines: Annotated[int, typer.Option("--chunk-lines", min=1, help="JSONL lines "
                                             "per unit of work.")]
    = PartitionOptions().jsonl_lines,
) -> None:
    """Extract on a Dask cluster: one Parquet shard per unit (a file, or a run of JSONL
    lines or WARC records) in the DESIGN.md record layout.

    Example: detente extract-dist news.jsonl --scheduler local:4 --output shards/
    """
    raise typer.Exit(extract_shards(inputs, output, scheduler, published=published, model=model,
                                    actors=actors, allow_private=allow_private,
                                    chunk_lines=chunk_lines))


def load(
    directory: Annotated[Path, typer.Argument(help="Directory of Parquet shards.",
                                              show_default=False)],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary on "
                                          "stdout.")] = False,
) -> None:
    """Import Parquet shards (from extract-dist) into the store; loading twice changes
    nothing.

    Example: detente load shards/ --db corpus.duckdb
    """
    from detente.scale import load_shards

    with open_store(db, write=True) as store, progress("loading", None) as tick:
        summary = load_shards(store, directory, progress=tick)
    err.print(f"loaded {summary.shards} shard(s): {summary.records} record(s), "
              f"{summary.new} new article(s), {summary.failed} ingest failure(s)")
    if as_json:
        print_json({"shards": summary.shards, "records": summary.records,
                    "new": summary.new, "failed": summary.failed,
                    "failures": [{"input": f.input, "stage": f.stage,
                                  "message": f.message} for f in summary.failures]})


def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files or feed URLs.",
                                                 show_default=False)],
    interval: Annotated[float, typer.Option("--interval", min=1.0, help="Seconds "
                                            "between polls.")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    db: DbOpt = None,
    published: PublishedOpt = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    allow_private: AllowPrivateOpt = False,
) -> None:
    """Poll folders and feeds; ingest, extract and store what is new. Restarting never
    duplicates: files and feed entries already handled are remembered in the store.

    Example: detente watch ./inbox https://example.org/world.rss --interval 600
    """
    from detente.scale import watch as run_watch
    from detente.scale.watch import PollSummary

    def report(poll: PollSummary) -> None:
        err.print(f"poll: {poll.items} new item(s), {poll.new} new article(s), "
                  f"{poll.processed} extracted, {poll.failed} failure(s)")
        report_failures(poll.failures)

    with open_store(db, write=True) as store:
        run_watch(store, sources, ingest_options(published=published,
                                                 allow_private=allow_private),
                  extract_options(published=published, model=model, actors=actors),
                  interval=interval, once=once, on_poll=report)


def register(app: typer.Typer) -> None:
    """Add ``extract-dist``, ``load`` and ``watch`` to ``app``."""

    app.command("extract-dist")(extract_dist)
    app.command("load")(load)
    app.command("watch")(watch)
