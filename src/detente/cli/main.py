"""The ``detente`` command line: thin commands over library functions.

Every command prints data on stdout and progress/diagnostics on stderr. Exit codes: 0 when
everything worked, 1 when some inputs or articles failed (a summary says how many) or an
error stopped the command, 2 for usage errors (a missing store included), 75 when another
process holds the store (EX_TEMPFAIL: try again when it is done). See docs/reliability.md.

The store is named the same way by every command: ``--db``, else ``$DETENTE_DB``, else
``./detente.duckdb``. Commands that only read open it read-only (any number at once, beside
``detente serve``); commands that write hold it alone (:func:`detente.cli.options.open_store`).

Each command group lives in its own module (``cli/<group>.py``) and adds its commands to
the app here; what they share is in :mod:`detente.cli.options`.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from detente import __version__
from detente.cli import (
    actors,
    evaluate,
    listing,
    pipeline,
    relations,
    scale,
    serve,
    store,
    text,
)
from detente.cli.options import err, out
from detente.errors import DetenteError, StoreLockedError, UsageError

__all__ = ["app", "main"]


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


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"detente {__version__}")
        raise typer.Exit()


for _group in (pipeline, store, actors, evaluate, text, listing, relations, scale, serve):
    _group.register(app)


def main() -> None:
    """Entry point of the ``detente`` console script."""
    app()
