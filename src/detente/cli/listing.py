"""``detente events``, ``detente quotes`` and ``detente positions``: stored rows with their
evidence."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from detente.cli.options import DbOpt, err, open_store, out, parse_date_option, print_json
from detente.cli.output import (
    FormatOpt,
    JsonOpt,
    OffsetOpt,
    listing_format,
    require_articles,
    write_csv,
)
from detente.store.positions import PositionFilter, list_positions
from detente.store.queries import EventFilter, QuoteFilter, list_events, list_quotes
from detente.store.vocab import check_actor, check_category, check_channel

FromOpt = Annotated[str | None, typer.Option("--from", help="Earliest date (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Latest date (YYYY-MM-DD).")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Rows to show.")]
DEADLINE_COLUMNS = ("id", "status", "issuer_code", "target_code", "demand", "threat", "issued",
                    "duration", "expires", "days_left", "revises", "reports", "outlet",
                    "published", "article_id", "evidence")



def _actor(name: str | None, code: str | None, text: str | None) -> str:
    label = name or text or "?"
    return f"{label} ({code})" if code else label


def _place(row: dict[str, object]) -> str:
    name, country = row.get("location_name"), row.get("location_country")
    if not name:
        return ""
    return f"{name} ({country})" if country and name != country else str(name)


def positions(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Code, id or name (RUS, "
                                              "UKRGOV, Zelensky).")] = None,
    issue: Annotated[str | None, typer.Option("--issue", help="Issue id: territory, "
                                              "neutrality, ceasefire, sanctions, ...")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help="demand, support, oppose "
                                               "or reject.")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """Stored positions (who demands, supports, opposes or rejects what), newest first.

    Example: detente positions --actor RUS --issue territory
    """
    f = PositionFilter(actor=actor, issue=issue, stance=stance, limit=limit)
    with open_store(db) as store:
        rows, total = list_positions(store, f)
    if as_json:
        print_json({"total": total, "positions": rows})
        return
    table = Table("date", "actor", "stance", "issue", "evidence", show_lines=True)
    for r in rows:
        table.add_row(str(r["published"] or ""),
                      _actor(r["actor_name"], r["actor_code"], r["actor_text"]),
                      r["stance"], r["issue"], r["evidence"])
    out.print(table)
    err.print(f"{len(rows)} of {total} position(s)")


def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Either side: code, id "
                                              "or name (RUS, USAGOV, Witkoff).")] = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option(
        "--dyad", help="Source and target, e.g. --dyad USA RUS.")] = None,
    category: Annotated[str | None, typer.Option("--category",
                                                 help="PLOVER category.")] = None,
    channel: Annotated[str | None, typer.Option("--channel",
                                                help="public or private.")] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Where it happened: ISO alpha-3 (UKR).")] = None,
    near: Annotated[str | None, typer.Option(
        "--near", help="Within --radius of a place (Kharkiv) or LAT,LON.")] = None,
    radius: Annotated[str | None, typer.Option(
        "--radius", help="Distance for --near: 50km (default), 30mi.")] = None,
    bbox: Annotated[str | None, typer.Option(
        "--bbox", help="Inside min_lon,min_lat,max_lon,max_lat.")] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = "table",
    as_json: JsonOpt = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Also events whose source is not a coded actor with a country, and "
        "aid, support, threats, retreats, concessions, protests, agreements and coercion "
        "whose named target is not one, and the events of sports, business and accident "
        "stories (their off_topic column says why; hidden by default: most of them are "
        "wrong).")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Only events with at least this calibrated confidence (0-1): higher is more "
        "precise, lower finds more; `detente eval real` prints both at several cut-offs.")]
    = None,
) -> None:
    """Stored events with their evidence sentence and place, newest first.

    Example: detente events --country UKR --near Kharkiv --radius 50km
    """
    from detente.extract.where.filters import place_filter

    form = listing_format(fmt, as_json)
    pair = dyad
    with open_store(db) as store:
        require_articles(store)
        for value in (actor, *(pair or ())):
            if value is not None:
                check_actor(store, value)
        f = EventFilter(actor=actor, source=pair[0] if pair else None,
                        target=pair[1] if pair else None,
                        category=check_category(category) if category else None,
                        channel=check_channel(channel) if channel else None,
                        start=parse_date_option(start), end=parse_date_option(end),
                        **place_filter(country=country, near=near, radius=radius,
                                       bbox=bbox),
                        limit=limit, offset=offset, coded=not show_all,
                        min_confidence=min_confidence)
        rows, total = list_events(store, f)
    if form == "json":
        print_json({"total": total, "offset": offset, "events": rows})
        return
    if form == "csv":
        write_csv(rows)
        return
    table = Table("date", "source", "event", "target", "where", "channel", "evidence",
                  show_lines=True)
    for r in rows:
        table.add_row(str(r["event_date"] or ""),
                      _actor(r["source_name"], r["source_code"], r["source_text"]),
                      f"{r['category']} {r['cameo'] or ''}"
                      + (f" ({r['modality']})" if r["modality"] != "asserted" else ""),
                      _actor(r["target_name"], r["target_code"], r["target_text"]),
                      _place(r), r["channel"], r["evidence"])
    out.print(table)
    err.print(f"{len(rows)} of {total} event(s)")


def quotes(
    db: DbOpt = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker code, id or "
                                                "name.")] = None,
    about: Annotated[str | None, typer.Option("--about", help="An actor the quote "
                                              "mentions.")] = None,
    anonymous: Annotated[bool | None, typer.Option("--anonymous/--named",
                                                   help="Only anonymous (or named) "
                                                   "sources.")] = None,
    start: FromOpt = None,
    end: ToOpt = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = "table",
    as_json: JsonOpt = False,
) -> None:
    """Stored quotes with speaker, role and an anonymous-source marker.

    Example: detente quotes --speaker Trump --about RUS
    """
    form = listing_format(fmt, as_json)
    f = QuoteFilter(speaker=speaker, about=about, anonymous=anonymous,
                    start=parse_date_option(start), end=parse_date_option(end), limit=limit,
                    offset=offset)
    with open_store(db) as store:
        require_articles(store)
        rows, total = list_quotes(store, f)
    if form == "json":
        print_json({"total": total, "offset": offset, "quotes": rows})
        return
    if form == "csv":
        write_csv(rows)
        return
    for r in rows:
        who = r["speaker_name"] or r["speaker_text"] or "unattributed"
        tag = " [anonymous]" if r["anonymous"] else ""
        role = f", {r['role']}" if r["role"] else ""
        out.print(f"[bold]{who}{role}{tag}[/bold] ({r['kind']}, {r['outlet'] or '?'} "
                  f"{r['published'] or ''})", highlight=False)
        out.print(f"  {r['text']}", highlight=False, markup=False)
    err.print(f"{len(rows)} of {total} quote(s)")


def deadlines(
    db: DbOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status as of this date "
                                              "(default: today).")] = None,
    limit: LimitOpt = 100,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = "table",
    as_json: JsonOpt = False,
) -> None:
    """Deadlines and ultimatums: who gave whom how long to do what, and what is running.

    Example: detente deadlines --as-of 2025-08-07
    """
    from detente.analyze.deadlines import list_deadlines

    form = listing_format(fmt, as_json)
    with open_store(db) as store:
        require_articles(store)
        every = list_deadlines(store, parse_date_option(as_of))
    rows = every[offset:offset + limit]
    if form == "json":
        print_json(rows)
        return
    if form == "csv":
        write_csv(rows, DEADLINE_COLUMNS)
        return
    table = Table("status", "issuer", "target", "demand", "issued", "duration", "expires",
                  "left", "reports", show_lines=True)
    for r in rows:
        left = r["days_left"]
        issuer, target = r["issuer"], r["target"] or {}
        table.add_row(r["status"] + (" (revision)" if r["revises"] else ""),
                      _actor(issuer["name"], issuer["code"], issuer["text"]),
                      _actor(target.get("name"), target.get("code"), target.get("text")),
                      r["demand"] or "",
                      r["issued"] or "", r["duration"] or "", r["expires"] or "?",
                      "" if left is None or r["status"] != "active" else f"{left} d",
                      str(r["reports"]))
    out.print(table)
    err.print(f"{len(rows)} of {len(every)} deadline(s)" if every
              else "No deadlines in this store.")


def register(app: typer.Typer) -> None:
    app.command()(positions)
    app.command()(events)
    app.command()(quotes)
    app.command()(deadlines)
