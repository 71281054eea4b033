"""The ``detente`` console script's entry point, ahead of the command line's imports.

``detente run``, ``process`` and ``extract`` with more than one worker fork their workers from
a pipeline built once in multiprocessing's fork server (:mod:`detente.extract.template`).
Importing the command line takes about half a second (Typer, rich, DuckDB, pyarrow); this
module starts that server first, before those imports, so it imports spaCy and the stages
meanwhile and the workers code that much sooner. The options of its pipeline reach it once
the command has parsed its arguments. Nothing here may import the command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

__all__ = ["main", "wants_workers"]

_EXTRACTING = ("run", "process", "extract")


def wants_workers(args: Sequence[str]) -> bool:
    """Whether the arguments (``sys.argv[1:]``) ask for an extracting command with more
    than one worker: ``--workers N``, ``--workers=N``, ``-w N``, ``-wN``, or none given on
    a machine with more than one core. A cheap look, not the parse: when it is wrong the
    server is started for nothing (and stopped at exit) or later, as without it."""
    if not args or args[0] not in _EXTRACTING or "--help" in args:
        return False
    if any(arg == "--scheduler" or arg.startswith("--scheduler=") for arg in args):
        return False  # Dask's workers build their own
    workers: str | None = None
    for i, arg in enumerate(args):
        if arg in ("--workers", "-w") and i + 1 < len(args):
            workers = args[i + 1]
        elif arg.startswith("--workers="):
            workers = arg.partition("=")[2]
        elif arg.startswith("-w") and len(arg) > 2 and not arg.startswith("--"):
            workers = arg[2:]
    if workers is None:
        return (os.cpu_count() or 1) > 1
    return workers.isdigit() and int(workers) > 1


def main() -> None:
    """Entry point of the ``detente`` console script (and of ``python -m detente``)."""
    if wants_workers(sys.argv[1:]):
        from detente.extract import template

        template.prestart()
    from detente.cli.main import main as cli_main

    cli_main()
