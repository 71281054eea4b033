"""``detente quote-text``: the quotes of a piece of text, for checking quote extraction."""

from __future__ import annotations

import dataclasses
from typing import Annotated

import typer

from detente.cli.options import print_json

__all__ = ["register"]


def quote_text_cmd(
    text: Annotated[str, typer.Argument(help="The text to read (quote it in the shell).")],
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) for resolving speakers.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: quotes and the "
                                          "sourcing summary.")] = False,
) -> None:
    """Print every quote in TEXT with its speaker, role, anonymity and cue.

    Example: detente quote-text '"We will win," said Jane Doe, a senator from Ohio.' --json
    """
    from detente.extract.quotes.stage import quote_text, render_quotes, sourcing_summary

    quotes = quote_text(text, published=published)
    if as_json:
        print_json({"quotes": [dataclasses.asdict(q) for q in quotes],
                    "summary": sourcing_summary(quotes)})
    else:
        typer.echo(render_quotes(quotes) if quotes else "no quotes found")


def register(app: typer.Typer) -> None:
    """Add ``quote-text`` to ``app``."""

    app.command("quote-text")(quote_text_cmd)
