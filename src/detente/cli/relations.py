"""``detente relations``, ``detente report`` and ``detente dedupe``: thin commands over
:mod:`detente.analyze`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.options import DbOpt, err, open_store, out, parse_date_option, print_json
from detente.cli.output import (
    FormatOpt,
    OffsetOpt,
    listing_format,
    require_articles,
    writable_file,
    write_csv,
)

__all__ = ["register"]

ActorArg = Annotated[str, typer.Argument(
    help="Country code (USA), finer actor code prefix (USAGOV) or actor id.", show_default=False)]
FreqOpt = Annotated[str, typer.Option("--freq", help="Period: day, week or month.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the DESIGN.md JSON.")]
SERIES_COLUMNS = ("period", "index", "goldstein", "events", "public", "private", "a_to_b",
                  "b_to_a", "events_public", "events_private", "mentions", "diverging")


def relations_cmd(a: ActorArg, b: ActorArg, start: FromOpt = None, end: ToOpt = None,
                  freq: FreqOpt = "week", as_json: JsonOpt = False,
                  db: DbOpt = None,
                  png: Annotated[Path | None, typer.Option(
                      "--png", help="Also write the chart here.")] = None,
                  fmt: FormatOpt = "table", offset: OffsetOpt = 0) -> None:
    """The relations index of two actors over time: lowest and highest points, turning
    points, public and private tracks.

    Example: detente relations USA RUS --from 2025-01-01 --freq week --json
    """
    from detente.analyze.relations import relations
    from detente.render.chart import render_png
    from detente.render.terminal import render_relations
    from detente.store.vocab import check_actor

    form = listing_format(fmt, as_json)
    if png is not None:
        writable_file(png)
    with open_store(db) as store:
        require_articles(store)
        check_actor(store, a)
        check_actor(store, b)
        result = relations(store, a, b, freq=freq, start=parse_date_option(start),
                           end=parse_date_option(end))
    result.series = result.series[offset:]
    # Files first, then stdout: a closed pipe (| head) must not lose the chart.
    if png is not None:
        render_png(result, png)
        err.print(f"wrote {png}", highlight=False)
    if form == "json":
        print_json(result.to_dict())
    elif form == "csv":
        write_csv([p.to_dict() for p in result.series], SERIES_COLUMNS)
    else:
        render_relations(result, out)


def report_cmd(
    db: DbOpt = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option(
        "--dyad", help="The two actors to report on (default: the most active dyad).",
        show_default=False)] = None,
    freq: FreqOpt = "week",
    png: Annotated[Path | None, typer.Option("--png", help="Write the chart here.")] = None,
    html_path: Annotated[Path | None, typer.Option(
        "--html", help="Write a self-contained HTML report here.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Summarize the store: corpus, relations index with its sparkline, lowest point,
    turning points, running deadlines, quotes and top events.

    Example: detente report --dyad USA RUS --png usa-rus.png --html report.html
    """
    from detente.analyze.report import build_report
    from detente.render.chart import render_png
    from detente.render.html import render_html
    from detente.render.terminal import render_terminal
    from detente.store.vocab import check_actor

    pair = dyad
    for path in (png, html_path):
        if path is not None:
            writable_file(path)
    with open_store(db) as store:
        require_articles(store)
        for value in pair or ():
            check_actor(store, value)
        report = build_report(store, dyad=pair, freq=freq)
    # Files first, then stdout: a closed pipe (| head) must not lose them.
    if png is not None:
        err.print(f"wrote {render_png(report, png)}", highlight=False)
    if html_path is not None:
        err.print(f"wrote {render_html(report, html_path)}", highlight=False)
    if as_json:
        print_json(report.to_dict())
    else:
        render_terminal(report, out)


def dedupe_cmd(db: DbOpt = None) -> None:
    """Group the stored events into real-world events (one per cluster, with its
    mentions, outlets, first and last report). Relations and report run it when needed.

    Example: detente dedupe --db corpus.duckdb
    """
    from detente.analyze.dedup import dedupe

    with open_store(db, write=True) as store:
        n_events = store.stats()["events"]
        n = dedupe(store)
    err.print(f"{n_events} events in {n} clusters", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``relations``, ``report`` and ``dedupe`` to the main app."""

    app.command("relations")(relations_cmd)
    app.command("report")(report_cmd)
    app.command("dedupe")(dedupe_cmd)
