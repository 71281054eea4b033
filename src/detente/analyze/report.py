"""The corpus report: what is stored, where the main relationship stands, what moved it,
which deadlines are running and who said what; rendered for a terminal (rich), as a PNG
chart (matplotlib) and as one self-contained offline HTML file.

The report's clock is the newest publication date in the store (``as_of``), not today: a
historical corpus (the demo's 2025 briefs) is reported as of its own last day.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import RelationsResult, relations
from detente.store.db import Store

__all__ = ["Report", "build_report", "most_active_dyad", "render_html", "render_png",
           "render_relations", "render_terminal", "sparkline"]

_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass
class Report:
    """Everything :func:`render_terminal`, :func:`render_png` and :func:`render_html` show."""

    corpus: dict[str, Any]
    dyad: tuple[str, str] | None
    relations: RelationsResult | None
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    as_of: str | None = None
    ended: list[dict[str, Any]] = field(default_factory=list)  # the latest no longer running

    @property
    def sparkline(self) -> str:
        return sparkline([p.index for p in self.relations.series]) if self.relations else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus, "as_of": self.as_of,
            "dyad": list(self.dyad) if self.dyad else None,
            "relations": self.relations.to_dict() if self.relations else None,
            "sparkline": self.sparkline, "deadlines": self.deadlines, "quotes": self.quotes,
            "events": self.events, "ended_deadlines": self.ended,
        }


def sparkline(values: list[float | None]) -> str:
    """One unicode block per value, scaled between the series' own minimum and maximum
    (a blank for a missing value)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    span = hi - lo
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            k = 0 if span < 1e-9 else round((v - lo) / span * (len(_BLOCKS) - 1))
            out.append(_BLOCKS[k])
    return "".join(out)


def most_active_dyad(store: Store) -> tuple[str, str] | None:
    """The pair of distinct countries with the most de-duplicated events between them."""
    row = store.con.execute("""
        SELECT least(source_country, target_country) AS x,
               greatest(source_country, target_country) AS y, count(*) AS n
        FROM clusters
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country AND NOT negated
        GROUP BY ALL ORDER BY n DESC, x, y LIMIT 1
    """).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def _corpus(store: Store) -> dict[str, Any]:
    row = store.con.execute("""
        SELECT (SELECT count(*) FROM articles),
               (SELECT count(*) FROM articles WHERE processed_at IS NOT NULL),
               (SELECT count(DISTINCT outlet) FROM articles),
               (SELECT CAST(min(published) AS VARCHAR) FROM articles),
               (SELECT CAST(max(published) AS VARCHAR) FROM articles),
               (SELECT count(*) FROM failures),
               (SELECT count(DISTINCT article_id) FROM record_errors),
               (SELECT count(*) FROM events),
               (SELECT count(*) FROM clusters),
               (SELECT count(*) FROM quotes),
               (SELECT count(*) FROM deadlines)
    """).fetchone()
    keys = ("articles", "processed", "outlets", "first", "last", "failures",
            "articles_with_errors", "events", "clusters", "quotes", "deadlines")
    out = dict(zip(keys, row or (), strict=True))
    out["top_outlets"] = [r["outlet"] for r in store.query(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 5")]
    return out


def _deadlines(store: Store, as_of: str | None) -> list[dict[str, Any]]:
    """Deadlines still running on ``as_of``, soonest expiry first, with days left (linked
    and judged by :func:`detente.analyze.deadlines.list_deadlines`)."""
    from detente.analyze.deadlines import list_deadlines

    return [r for r in list_deadlines(store, as_of) if r["status"] == "active"][:8]


def _ended(store: Store, as_of: str | None, n: int = 3) -> list[dict[str, Any]]:
    """The ``n`` deadlines that ended last by ``as_of`` (expired, met, superseded ...):
    what an ultimatum came to when none is running any more."""
    from detente.analyze.deadlines import list_deadlines

    done = [r for r in list_deadlines(store, as_of) if r["status"] != "active"]
    done.sort(key=lambda r: (str(r["issued"] or ""), str(r["expires"] or "")), reverse=True)
    return done[:n]


def _quotes(store: Store, dyad: tuple[str, str] | None, n: int = 5) -> list[dict[str, Any]]:
    """Direct quotes by named speakers first, from the dyad's actors or articles."""
    params: list[Any] = []
    where = "TRUE"
    if dyad:
        params = list(dyad)
        where = ("(q.speaker_country IN ($1, $2) OR starts_with(q.speaker_code, $1) "
                 "OR starts_with(q.speaker_code, $2) OR q.article_id IN (SELECT article_id FROM "
                 "events WHERE source_country IN ($1, $2) AND target_country IN ($1, $2)))")
    return store.query(f"""
        SELECT q.text, q.kind, q.speaker_text, q.speaker_name, q.role, q.anonymous,
               a.outlet, CAST(a.published AS VARCHAR) AS published, q.article_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {where} AND length(q.text) BETWEEN 20 AND 400
        ORDER BY (q.kind = 'direct') DESC, coalesce(q.anonymous, false),
                 (q.speaker_name IS NULL), a.published DESC, q.article_id, q.idx
        LIMIT {int(n)}
    """, params)


def _top_events(store: Store, dyad: tuple[str, str] | None, n: int = 8) -> list[dict[str, Any]]:
    """The dyad's most reported events, the most extreme first among equals."""
    params: list[Any] = []
    where = "NOT negated"
    if dyad:
        params = list(dyad)
        where += (" AND ((source_country = $1 OR starts_with(source_code, $1)) AND "
                  "(target_country = $2 OR starts_with(target_code, $2)) OR "
                  "(source_country = $2 OR starts_with(source_code, $2)) AND "
                  "(target_country = $1 OR starts_with(target_code, $1)))")
    return store.query(f"""
        SELECT event_id, CAST(event_date AS VARCHAR) AS date, category, cameo,
               round(goldstein, 2) AS goldstein, channel,
               coalesce(source_code, source_country) AS source,
               coalesce(target_code, target_country) AS target,
               mentions, n_articles, outlets, evidence
        FROM clusters WHERE {where}
        ORDER BY n_articles DESC, abs(goldstein) DESC NULLS LAST, event_date DESC, event_id
        LIMIT {int(n)}
    """, params)


def build_report(store: Store, *, dyad: tuple[str, str] | None = None,
                 freq: str = "week") -> Report:
    """Summarize the store; the relations part covers ``dyad`` or, without one, the most
    active country dyad."""
    ensure_deduped(store)
    corpus = _corpus(store)
    as_of = corpus.get("last")
    pair = (dyad[0].upper(), dyad[1].upper()) if dyad else most_active_dyad(store)
    result = relations(store, pair[0], pair[1], freq=freq) if pair else None
    return Report(corpus=corpus, dyad=pair, relations=result,
                  deadlines=_deadlines(store, as_of), quotes=_quotes(store, pair),
                  events=_top_events(store, pair), as_of=as_of, ended=_ended(store, as_of))


# -- rendering --------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:+.1f}"


def render_terminal(report: Report, console: Console) -> None:
    """A rich summary: corpus, the index sparkline, lowest/highest, turning points,
    deadlines, quotes and top events. Article text is printed without markup."""
    c = report.corpus
    console.print(Panel(
        f"{c['articles']} articles ({c['processed']} processed) from {c['outlets']} outlets, "
        f"{c['first'] or '?'} to {c['last'] or '?'}; {c['events']} events in "
        f"{c['clusters']} de-duplicated clusters; {c['quotes']} quotes; "
        f"{c['failures']} failed inputs, {c['articles_with_errors']} articles with errors",
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
        t.add_row(p.period, _fmt(p.index), _fmt(p.goldstein), str(p.events), _fmt(p.ab),
                  _fmt(p.ba), _fmt(p.public), _fmt(p.private), "diverging" if p.diverging else "")
    console.print(t)


def _render_index(r: RelationsResult | None, console: Console) -> None:
    if r is None or not r.series:
        console.print("No events for this dyad yet: run `detente run ARTICLES` first.",
                      markup=False)
        return
    idx = [p.index for p in r.series if p.index is not None]
    console.print(f"[bold]{r.dyad[0]} - {r.dyad[1]}[/bold] relations index per {r.freq} "
                  f"({r.series[0].period} to {r.series[-1].period}; "
                  f"now {_fmt(idx[-1] if idx else None)}, range {_fmt(min(idx))} .. "
                  f"{_fmt(max(idx))} on -10..+10)")
    console.print(sparkline([p.index for p in r.series]), markup=False)
    for label, ext in (("lowest", r.lowest), ("highest", r.highest)):
        if ext:
            console.print(f"[bold]{label}[/bold] {ext.period}: {_fmt(ext.value)}")
            for e in ext.events[:3]:
                console.print(f"   {e['date']} {e['category']} {e['source']}->{e['target']}"
                              f": {_clip(e['evidence'])}", markup=False, highlight=False)
    for t in r.turning_points:
        arrow = "↑" if t.direction == "up" else "↓"
        lead = t.events[0] if t.events else None
        why = f" ({lead['category']}: {_clip(lead['evidence'], 90)})" if lead else ""
        console.print(f"turning point {arrow} {t.date} {_fmt(t.change)}{why}",
                      markup=False, highlight=False)
    if r.diverging_periods:
        console.print(f"public hostile while the private channel is open: "
                      f"{', '.join(r.diverging_periods[:6])}"
                      f"{' ...' if len(r.diverging_periods) > 6 else ''}", markup=False)


def _tables(report: Report, console: Console) -> None:
    if report.deadlines:
        t = Table(title=f"running deadlines (as of {report.as_of})")
        for col in ("issuer", "target", "demand", "expires", "days left", "status"):
            t.add_column(col)
        for d in report.deadlines:
            t.add_row(*(str(v) if v is not None else "-" for v in (
                d["issuer_code"], d["target_code"], _clip(d["demand"], 50), d["expires"],
                d["days_left"], d["status"])))
        console.print(t)
    if report.ended:
        t = Table(title=f"latest deadlines no longer running (as of {report.as_of})")
        for col in ("issuer", "target", "demand", "issued", "expires", "status"):
            t.add_column(col)
        for d in report.ended:
            t.add_row(*(str(v) if v is not None else "-" for v in (
                d["issuer_code"], d["target_code"], _clip(d["demand"], 50), d["issued"],
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
            t.add_row(_clip(who, 40), _clip(q["text"], 120))
        console.print(t)
    if report.events:
        t = Table(title="top events")
        for col in ("date", "event", "reports", "evidence"):
            t.add_column(col)
        for e in report.events:
            t.add_row(str(e["date"]), f"{e['source']} {e['category']} {e['target']} "
                      f"({_fmt(e['goldstein'])})", str(e["n_articles"]), _clip(e["evidence"], 90))
        console.print(t)


def _clip(text: str | None, n: int = 110) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _result(obj: Report | RelationsResult) -> RelationsResult | None:
    return obj.relations if isinstance(obj, Report) else obj


def render_png(obj: Report | RelationsResult, path: str | Path) -> Path:
    """A chart of the index (combined, public, private), event counts, the lowest and
    highest points and the turning points, written to ``path`` (PNG)."""
    path = Path(path)
    path.write_bytes(_png_bytes(_result(obj)))
    return path


def _png_bytes(r: RelationsResult | None) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=110)
    try:
        if r is None or not r.series:
            ax.text(0.5, 0.5, "no events for this dyad", ha="center", va="center")
        else:
            _draw(ax, r)
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
            fig.autofmt_xdate()
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def _draw(ax: Any, r: RelationsResult) -> None:
    xs = [date.fromisoformat(p.period) for p in r.series]
    bars = ax.twinx()
    bars.bar(xs, [p.events for p in r.series], width=0.8 * {"day": 1, "week": 7}.get(r.freq, 28),
             color="#bbbbbb", alpha=0.5, align="edge", label="events")
    bars.set_ylabel("events per period")
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.plot(xs, [p.index for p in r.series], color="black", lw=2, label="index")
    ax.plot(xs, [p.public for p in r.series], color="#d62728", lw=1, ls="--", label="public")
    ax.plot(xs, [p.private for p in r.series], color="#1f77b4", lw=1, ls=":", label="private")
    ax.axhline(0, color="#888888", lw=0.6)
    for p, x in zip(r.series, xs, strict=True):
        if p.diverging:
            ax.axvspan(x, x, color="#ff7f0e", alpha=0.25, lw=6)
    for t in r.turning_points:
        ax.axvline(date.fromisoformat(t.date), color="green" if t.direction == "up" else "red",
                   lw=1, alpha=0.7)
    for ext, label in ((r.lowest, "lowest"), (r.highest, "highest")):
        if ext:
            x = date.fromisoformat(ext.period)
            ax.annotate(f"{label} {ext.value:+.1f}", (x, ext.value), textcoords="offset points",
                        xytext=(0, -14 if label == "lowest" else 8), ha="center", fontsize=8)
            ax.plot([x], [ext.value], "o", color="black", ms=4)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("relations index (-10 .. +10)")
    ax.set_title(f"{r.dyad[0]} - {r.dyad[1]} relations per {r.freq}")
    ax.legend(loc="upper left", fontsize=8)


def render_html(report: Report, path: str | Path) -> Path:
    """One self-contained HTML file (the chart embedded as a base64 PNG, no external
    assets); every piece of article text is escaped."""
    e = html.escape
    r = report.relations
    png = base64.b64encode(_png_bytes(r)).decode("ascii")
    c = report.corpus
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>detente report {e(' - '.join(report.dyad or ()))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;"
        "vertical-align:top}.spark{font-size:1.6em;letter-spacing:-.05em}</style></head><body>",
        "<h1>detente report</h1>",
        f"<p>{e(str(c['articles']))} articles from {e(str(c['outlets']))} outlets, "
        f"{e(str(c['first']))} to {e(str(c['last']))}; {e(str(c['events']))} events in "
        f"{e(str(c['clusters']))} clusters; {e(str(c['failures']))} failed inputs.</p>",
    ]
    if r is not None:
        parts += [f"<h2>{e(r.dyad[0])} &ndash; {e(r.dyad[1])}</h2>",
                  f"<p class='spark'>{e(report.sparkline)}</p>",
                  f"<img alt='relations index chart' src='data:image/png;base64,{png}'>"]
        for label, ext in (("Lowest point", r.lowest), ("Highest point", r.highest)):
            if ext:
                parts.append(f"<h3>{label}: {e(ext.period)} ({ext.value:+.1f})</h3>")
                parts.append(_html_events(ext.events))
        if r.turning_points:
            parts.append("<h3>Turning points</h3><ul>")
            for t in r.turning_points:
                lead = _clip(t.events[0]["evidence"], 160) if t.events else ""
                parts.append(f"<li>{e(t.date)} {e(t.direction)} ({t.change:+.1f}): {e(lead)}</li>")
            parts.append("</ul>")
    for title, rows, cols in (
        ("Running deadlines", report.deadlines,
         ("issuer_code", "target_code", "demand", "expires", "days_left", "status")),
        ("Latest deadlines no longer running", report.ended,
         ("issuer_code", "target_code", "demand", "issued", "expires", "status")),
        ("Quotes", report.quotes, ("speaker_name", "role", "text", "outlet", "published")),
    ):
        if rows:
            parts.append(f"<h3>{title}</h3><table><tr>"
                         + "".join(f"<th>{e(col)}</th>" for col in cols) + "</tr>")
            for row in rows:
                parts.append("<tr>" + "".join(f"<td>{e(str(row.get(col) or ''))}</td>"
                                              for col in cols) + "</tr>")
            parts.append("</table>")
    if report.events:
        parts.append("<h3>Top events</h3>" + _html_events(report.events))
    parts.append("</body></html>")
    path = Path(path)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _html_events(events: list[dict[str, Any]]) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(str(x['date']))}</td><td>{e(str(x['source']))} {e(str(x['category']))} "
        f"{e(str(x['target']))}</td><td>{e(str(x['goldstein']))}</td>"
        f"<td>{e(str(x['mentions']))}</td><td>{e(_clip(x['evidence'], 200))}</td></tr>"
        for x in events)
    return ("<table><tr><th>date</th><th>event</th><th>Goldstein</th><th>mentions</th>"
            f"<th>evidence</th></tr>{rows}</table>")
