"""``detente eval``: score detente on the gold sets in ../shared/data."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.options import err, print_json, print_json_line
from detente.errors import UsageError
from detente.evaluate import EvalReport, shared_data_dir

EVALS = ("actors", "time", "events", "quotes", "dedup", "where", "real")


def _module(name: str) -> Any:
    try:
        return importlib.import_module(f"detente.evaluate.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"detente.evaluate.{name}":
            raise UsageError(
                f"no evaluation named {name!r}: choose from {', '.join(EVALS)}, all"
            ) from None
        raise


def run_evals(names: list[str], data: Path, split: str) -> list[EvalReport]:
    if not data.is_dir():
        raise UsageError(f"gold data directory {data} not found; pass --data or set "
                         "DETENTE_SHARED_DATA")
    return [_module(n).evaluate(data, split=split) for n in names]


def eval_cmd(
    name: Annotated[str, typer.Argument(help=f"One of {', '.join(EVALS)}, or all.")] = "all",
    data: Annotated[Path | None, typer.Option("--data", help="Gold data directory "
                                              "(default: ../shared/data).")] = None,
    split: Annotated[str, typer.Option("--split", help="Which half to score.")] = "dev",
    check_floors: Annotated[Path | None, typer.Option(
        "--check-floors", help="Fail when a score is below its floor in this JSON file.")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score detente on gold data and print the figures (and a confusion matrix).

    Example: detente eval events --data ../shared/data
    """
    from detente.evaluate.floors import check_floors as check

    names = list(EVALS) if name == "all" else [name]
    reports = run_evals(names, data or shared_data_dir(), split)
    if as_json:
        print_json([{"name": r.name, "n": r.n, "metrics": r.metrics,
                     "checksum": r.data_checksum} for r in reports])
    else:
        for rep in reports:
            typer.echo(_module(rep.name).render(rep))
            print_json_line({"eval": rep.name, "n": rep.n,
                             **{k: round(v, 4) for k, v in rep.metrics.items()}})
    if check_floors:
        problems = check(reports, check_floors)
        for p in problems:
            err.print(f"[red]FLOOR[/red] {p}", highlight=False)
        if problems:
            raise typer.Exit(1)
        err.print(f"all scores at or above their floors in {check_floors}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cmd)
