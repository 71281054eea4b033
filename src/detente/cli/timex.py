"""CLI: ``detente timex`` tags a string with TIMEX3 expressions (for debugging the time
stage), and :func:`format_countdown` renders a deadline's countdown for ``detente
deadlines``."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import typer

from detente.extract.deadlines.timeline import countdown, status_as_of
from detente.model import Deadline, Timex

__all__ = ["format_countdown", "register", "tag_text"]


def tag_text(text: str, published: str | None, *, parse: bool = False) -> list[Timex]:
    """The time expressions of ``text``; with ``parse``, tense comes from the spaCy parse."""
    from detente.extract.time.stage import TimexTagger, doc_tense_of

    tagger = TimexTagger()
    if not parse:
        return tagger.tag(text, published)
    from detente.config import ExtractOptions
    from detente.extract.nlp import load_nlp

    doc = load_nlp(ExtractOptions().model)(text)
    return tagger.tag(text, published, tense_of=doc_tense_of(doc))


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
    """Add ``timex`` to the main app."""

    @app.command("timex")
    def timex_command(
        text: str = typer.Argument(..., help="Text to tag."),
        published: str | None = typer.Option(
            None, "--published", help="Publication date (YYYY-MM-DD) to resolve against."),
        as_json: bool = typer.Option(False, "--json", help="Print a JSON list."),
        parse: bool = typer.Option(False, "--parse", help="Use the spaCy parse for tense."),
    ) -> None:
        """Tag TEXT with normalized TIMEX3 time expressions.

        Example: detente timex "He left last week and returns in March." --published 2025-08-07
        """
        from detente.cli.main import parse_date_option

        found = tag_text(text, parse_date_option(published), parse=parse)
        if as_json:
            typer.echo(json.dumps([dataclasses.asdict(t) for t in found], ensure_ascii=False))
            return
        for t in found:
            typer.echo(f"{t.start}-{t.end}\t{t.type}\t{t.value}\t{t.text}")
