"""CLI: ``detente code "SENTENCE"`` prints the events coded from a piece of text (for trying
the event coder and debugging the lexicon; the stored-events listing is ``detente events``)."""

from __future__ import annotations

import dataclasses

import typer

from detente.cli.options import print_json_line
from detente.model import Event

__all__ = ["format_event", "register"]


def format_event(event: Event) -> str:
    """One line for an event: dyad, PLOVER and CAMEO coding, modality, channel, trigger.

    >>> from detente.model import Actor, EventDate, Span
    >>> e = Event("t-e1", Actor("Trump"), Actor("India"), "THREATEN", None, "1312", -5.8, 3,
    ...           EventDate(None, None), "threatened", False, "public", Span(0, 0, ""),
    ...           Span(6, 16, "threatened"), 0.8)
    >>> format_event(e)
    'Trump -> India: THREATEN (CAMEO 1312, -5.8) threatened, public [threatened] 0.80'
    """
    target = event.target.text if event.target else "-"
    mode = f"/{event.mode}" if event.mode else ""
    flags = event.modality + (", negated" if event.negated else "") + f", {event.channel}"
    said = f" (said by {event.speaker.text})" if event.speaker else ""
    return (f"{event.source.text} -> {target}: {event.category}{mode} (CAMEO {event.cameo}, "
            f"{event.goldstein:g}) {flags} [{event.trigger.text}]{said} {event.confidence:.2f}")


def code_command(
    text: str = typer.Argument(..., help="Sentence(s) to code."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) for actor resolution."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of events."),
) -> None:
    """Code the events of TEXT in PLOVER and CAMEO (source, target, category, mode,
    CAMEO code, Goldstein score, modality, channel, trigger, confidence).

    Example: detente code "Trump threatened to impose tariffs on India and China."
    """
    from detente.extract.events.stage import code_text

    events = code_text(text, published=published)
    if as_json:
        print_json_line([dataclasses.asdict(e) for e in events])
        return
    if not events:
        typer.echo("no codable event")
    for e in events:
        typer.echo(format_event(e))


def register(app: typer.Typer) -> None:
    """Add ``code`` to the main app."""

    app.command("code")(code_command)
