"""Commands that read one piece of text and print one layer of what extraction finds in
it: ``detente code`` (events), ``detente quote-text`` (quotes) and ``detente timex`` (time
expressions). Each runs :func:`detente.jobs.annotate_text`, the main job's stages on one
text (``timex`` without ``--parse`` runs the tagger alone, without spaCy)."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.options import err, parse_date_option, print_json, print_json_line
from detente.errors import UsageError
from detente.extract.deadlines.timeline import countdown, status_as_of
from detente.model import Deadline, Event

__all__ = ["format_countdown", "format_event", "register"]


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


def read_text_argument(text: str) -> str:
    """The TEXT argument itself; or, when it is ``-``, standard input; or, when it is one word
    naming a file, that file's text (``detente code article.txt`` means the article, not the
    eleven characters of its name)."""
    if text == "-":
        return sys.stdin.read()
    if text and not any(c.isspace() for c in text) and Path(text).is_file():
        try:
            body = Path(text).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {text}: {exc}") from exc
        err.print(f"reading the text of the file {text}", highlight=False, markup=False)
        return body
    return text


def code_command(
    text: str = typer.Argument(..., help="Sentence(s) to code, a file holding them, or - "
                               "for standard input."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) for actor resolution."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of events."),
) -> None:
    """Code the events of TEXT in PLOVER and CAMEO (source, target, category, mode,
    CAMEO code, Goldstein score, modality, channel, trigger, confidence).

    Example: detente code "Trump threatened to impose tariffs on India and China."
    """
    from detente.jobs import annotate_text

    events = annotate_text(read_text_argument(text), published=published).events
    if as_json:
        print_json_line([dataclasses.asdict(e) for e in events])
        return
    if not events:
        typer.echo("no codable event")
    for e in events:
        typer.echo(format_event(e))


def quote_text_cmd(
    text: Annotated[str, typer.Argument(help="The text to read (quote it in the shell), a "
                                        "file holding it, or - for standard input.")],
    published: Annotated[str | None, typer.Option(
        "--published", help="Publication date (YYYY-MM-DD) for resolving speakers.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: quotes and the "
                                          "sourcing summary.")] = False,
) -> None:
    """Print every quote in TEXT with its speaker, role, anonymity and cue.

    Example: detente quote-text '"We will win," said Jane Doe, a senator from Ohio.' --json
    """
    from detente.extract.quotes.stage import render_quotes, sourcing_summary
    from detente.jobs import annotate_text

    quotes = annotate_text(read_text_argument(text), published=published).quotes
    if as_json:
        print_json({"quotes": [dataclasses.asdict(q) for q in quotes],
                    "summary": sourcing_summary(quotes)})
    else:
        typer.echo(render_quotes(quotes) if quotes else "no quotes found")


def timex_command(
    text: str = typer.Argument(..., help="Text to tag, a file holding it, or - for standard "
                               "input."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date (YYYY-MM-DD) to resolve against."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
    parse: bool = typer.Option(False, "--parse", help="Use the spaCy parse for tense."),
) -> None:
    """Tag TEXT with normalized TIMEX3 time expressions.

    Example: detente timex "He left last week and returns in March." --published 2025-08-07
    """
    published = parse_date_option(published)
    text = read_text_argument(text)
    if parse:
        from detente.jobs import annotate_text

        found = annotate_text(text, published=published).timexes
    else:
        from detente.extract.time.stage import TimexTagger

        found = TimexTagger().tag(text, published)
    if as_json:
        print_json_line([dataclasses.asdict(t) for t in found])
        return
    for t in found:
        typer.echo(f"{t.start}-{t.end}\t{t.type}\t{t.value}\t{t.text}")


def format_countdown(deadline: Deadline, as_of: str | date) -> str:
    """One line for a deadline: who gave whom what, until when, and how long is left.

    >>> from detente.model import Actor, Span
    >>> d = Deadline("a:deadline1", Actor("US"), Actor("Russia"), "halt its offensive",
    ...              "2025-07-29", "P10D", "2025-08-08", None, "active", Span(0, 0, ""))
    >>> format_countdown(d, "2025-08-07")
    'US -> Russia: halt its offensive (P10D, expires 2025-08-08): 1 day left'
    """
    target = deadline.target.text if deadline.target else "?"
    what = deadline.demand or "(demand not stated)"
    window = ", ".join(x for x in (deadline.duration,
                                    f"expires {deadline.expires}" if deadline.expires else None)
                       if x)
    head = f"{deadline.issuer.text} -> {target}: {what}" + (f" ({window})" if window else "")
    status = status_as_of(deadline, as_of) if deadline.status == "active" else deadline.status
    left = countdown(deadline, as_of)
    if status != "active":
        return f"{head}: {status}"
    if left is None:
        return f"{head}: active, expiry unknown"
    if left == 0:
        return f"{head}: expires today"
    return f"{head}: {left} day{'s' if left != 1 else ''} left"


def register(app: typer.Typer) -> None:
    """Add ``code``, ``quote-text`` and ``timex`` to ``app``."""
    app.command("code")(code_command)
    app.command("quote-text")(quote_text_cmd)
    app.command("timex")(timex_command)
