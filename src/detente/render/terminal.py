"""The report and the relations index for a terminal (rich): what ``detente report`` and
``detente relations`` print."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from detente.analyze.relations import RelationsResult
from detente.analyze.report import Report, sparkline
from detente.render.text import clip, signed

__all__ = ["render_relations", "render_terminal"]


def render_terminal(report: Report, console: Console) -> None:
    """A rich summary: corpus, the index sparkline, lowest/highest, turning points,
    deadlines, quotes and top events. Article text is printed without markup."""
    c = report.corpus
    console.print(Panel(
        f"{c['articles']} articles ({c['processed']} processed) from {c['outlets']} outlets, "
        f"{c['first'] or '?'} to {c['last'] or '?'}; {c['events']} events in "
        f"{c['clusters']} de-duplicated clusters; {c['quotes']} quotes; "
        f"{c['failures']} failed inputs, {c['skipped_inputs']} skipped (not articles), "
        f"{c['articles_with_errors']} articles with errors",
        title="corpus"), markup=False)
    _render_index(report.relations, console)
    _tables(report, console)


def render_relations(result: RelationsResult, console: Console) -> None:
    """The ``detente relations`` view: the index summary and one row per period."""
    _render_index(result, console)
    if not result.series:
        return
    t = Table(title=f"{result.dyad[0]} - {result.dyad[1]} per {result.freq}")
    for col in ("period", "index", "goldstein", "events", "A->B", "B->A", "public", "private",
                ""):
        t.add_column(col, justify="right" if col not in ("period", "") else "left")
    for p in result.series:
        t.add_row(p.period, signed(p.index), signed(p.goldstein), str(p.events), signed(p.ab),
                  signed(p.ba), signed(p.public), signed(p.private),
                  "diverging" if p.diverging else "")
    console.print(t)


def _render_index(r: RelationsResult | None, console: Console) -> None:
    if r is None:
        console.print("No events between two countries yet: run `detente run ARTICLES` first.",
                      markup=False)
        return
    if not r.series:
        console.print(f"No events between {r.dyad[0]} and {r.dyad[1]} in this store.",
                      markup=False)
        _render_background(r, console)
        return
    idx = [p.index for p in r.series if p.index is not None]
    console.print(f"[bold]{r.dyad[0]} - {r.dyad[1]}[/bold] relations index per {r.freq} "
                  f"({r.series[0].period} to {r.series[-1].period}; "
                  f"now {signed(idx[-1] if idx else None)}, range {signed(min(idx))} .. "
                  f"{signed(max(idx))} on -10..+10)")
    console.print(sparkline([p.index for p in r.series], width=console.width), markup=False,
                  soft_wrap=True)
    for label, ext in (("lowest", r.lowest), ("highest", r.highest)):
        if ext:
            console.print(f"[bold]{label}[/bold] {ext.period}: {signed(ext.value)}")
            for e in ext.events[:3]:
                console.print(f"   {e['date']} {e['category']} {e['source']}->{e['target']}"
                              f": {clip(e['evidence'])}", markup=False, highlight=False)
    for t in r.turning_points:
        arrow = "↑" if t.direction == "up" else "↓"
        lead = t.events[0] if t.events else None
        why = f" ({lead['category']}: {clip(lead['evidence'], 90)})" if lead else ""
        console.print(f"turning point {arrow} {t.date} {signed(t.change)}{why}",
                      markup=False, highlight=False)
    if r.diverging_periods:
        console.print(f"public hostile while the private channel is open: "
                      f"{', '.join(r.diverging_periods[:6])}"
                      f"{' ...' if len(r.diverging_periods) > 6 else ''}", markup=False)
    _render_background(r, console)


def _render_background(r: RelationsResult, console: Console) -> None:
    if not r.background:
        return
    console.print(f"background (dated over {r.options.background_days} days before the corpus, "
                  "not in the index):", markup=False)
    for e in r.background[:5]:
        console.print(f"   {e['date']} {e['category']} {e['source']}->{e['target']}: "
                      f"{clip(e['evidence'], 90)}", markup=False, highlight=False)


def _tables(report: Report, console: Console) -> None:
    if report.deadlines:
        t = Table(title=f"running deadlines (as of {report.as_of})")
        for col in ("issuer", "target", "demand", "expires", "days left", "status"):
            t.add_column(col)
        for d in report.deadlines:
            t.add_row(*(str(v) if v is not None else "-" for v in (
                d["issuer_code"], d["target_code"], clip(d["demand"], 50), d["expires"],
                d["days_left"], d["status"])))
        console.print(t)
    if report.ended:
        t = Table(title=f"latest deadlines no longer running (as of {report.as_of})")
        for col in ("issuer", "target", "demand", "issued", "expires", "status"):
            t.add_column(col)
        for d in report.ended:
            t.add_row(*(str(v) if v is not None else "-" for v in (
                d["issuer_code"], d["target_code"], clip(d["demand"], 50), d["issued"],
                d["expires"], d["status"])))
        console.print(t)
    if report.quotes:
        t = Table(title="quotes")
        t.add_column("speaker")
        t.add_column("quote")
        for q in report.quotes:
            who = q["speaker_name"] or q["speaker_text"] or "?"
            if q["role"]:
                who += f", {q['role']}"
            t.add_row(clip(who, 40), clip(q["text"], 120))
        console.print(t)
    if report.events:
        t = Table(title="top events")
        for col in ("date", "event", "reports", "evidence"):
            t.add_column(col)
        for e in report.events:
            t.add_row(str(e["date"]), f"{e['source']} {e['category']} {e['target']} "
                      f"({signed(e['goldstein'])})", str(e["n_articles"]), clip(e["evidence"], 90))
        console.print(t)
