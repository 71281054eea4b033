"""``detente actors``: resolve actor strings and browse the actor knowledge base."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.options import ActorsOpt, print_json, print_json_line
from detente.cli.output import FormatOpt, OffsetOpt, listing_format, write_csv
from detente.errors import UsageError

__all__ = ["register"]

def _resolver(actors: list[Path] | None):  # type: ignore[no-untyped-def]
    from detente.extract.actors.resolver import default_resolver

    return default_resolver(tuple(actors or ()))


def resolve_cmd(
    text: Annotated[str | None, typer.Argument(help="The actor string.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="As of this date "
                                             "(YYYY-MM-DD; default today).")] = None,
    context: Annotated[str | None, typer.Option("--context", help="Text around the "
                                                "string (gives a missing country).")] = None,
    batch: Annotated[Path | None, typer.Option("--batch", help="JSONL file of "
                     "{\"query\",\"date\",\"context\"}; one ACTOR per output line.",
                     exists=True, dir_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ACTOR as JSON.")]
    = False,
    explain: Annotated[bool, typer.Option("--explain", help="Also print which rules and "
                                          "table rows decided.")] = False,
    actors: ActorsOpt = None,
) -> None:
    """Resolve one actor string (or a --batch file) as of a date (no date: a person as
    last known in office).

    Example: detente actors resolve "Angela Merkel" --date 2022-01-10 --json
    """
    from detente.extract.actors.batch import actor_dict, resolve_batch

    resolver = _resolver(actors)
    if batch is not None:
        with batch.open(encoding="utf-8") as fh:
            for row in resolve_batch(fh, resolver):
                print_json_line(row)
        return
    if text is None:
        raise UsageError("give an actor string or --batch FILE.jsonl")
    found, why = resolver.explain(text, date=date, context=context)
    actor = actor_dict(found)
    if as_json:
        print_json_line({**actor, "explain": why} if explain else actor)
        return
    typer.echo(" ".join(f"{k}={v}" for k, v in actor.items() if v is not None))
    if explain:
        typer.echo("\n".join(f"  - {line}" for line in why))


def list_cmd(
    kind: Annotated[str | None, typer.Option("--kind", help="state, igo, org, person "
                                             "or agent.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-3 code.")]
    = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")]
    = False,
    actors: ActorsOpt = None,
    fmt: FormatOpt = "table",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Rows to show.")]
    = None,
    offset: OffsetOpt = 0,
) -> None:
    """List knowledge-base entries (table: tab-separated id, kind, name, country, sector).

    Example: detente actors list --kind person --country UKR
    """
    from detente.extract.actors.knowledge import list_entries

    form = listing_format(fmt, as_json)
    rows = list(list_entries(_resolver(actors).kb, kind=kind,
                             country=country.upper() if country else None))
    rows = rows[offset:offset + limit if limit else None]
    if form == "csv":
        write_csv(rows)
        return
    for row in rows:
        if form == "json":
            print_json_line(row)
        else:
            sys.stdout.write(f"{row['id']}\t{row['kind']}\t{row['name']}\t"
                             f"{row['country'] or '-'}\t{row['sector'] or '-'}\n")


def show_cmd(
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="Person/org id or ISO code.")],
    actors: ActorsOpt = None,
) -> None:
    """Show everything known about one entry, roles included, as JSON.

    Example: detente actors show vladimir-putin
    """
    from detente.extract.actors.knowledge import describe

    print_json(describe(_resolver(actors).kb, entry_id))


def register(app: typer.Typer) -> None:
    """Add the ``actors`` sub-app (resolve, list, show) to ``app``."""
    actors_app = typer.Typer(help="Resolve actor strings; browse the actor knowledge base.\n\n"
                             "Example: detente actors resolve \"Russian state media\" --json",
                             no_args_is_help=True)
    app.add_typer(actors_app, name="actors")

    actors_app.command("resolve")(resolve_cmd)
    actors_app.command("list")(list_cmd)
    actors_app.command("show")(show_cmd)
