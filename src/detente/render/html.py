"""The report as one self-contained offline HTML file (``detente report --html``)."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from detente.analyze.report import Report
from detente.render.chart import TRACK_COLORS, png_bytes
from detente.render.text import clip

__all__ = ["render_html", "sparkline_svg"]


def sparkline_svg(values: list[float | None], *, width: int = 600, height: int = 48,
                  color: str = TRACK_COLORS["index"]) -> str:
    """An inline SVG line of ``values`` on the -10..+10 scale (a gap where there is no data),
    with the zero line: what a browser shows for the HTML report's sparkline."""
    n = len(values)
    if not n:
        return ""

    def xy(i: int, v: float) -> tuple[str, str]:
        return f"{width * (i + 0.5) / n:.1f}", f"{height * (10 - v) / 20:.1f}"

    runs: list[list[tuple[str, str]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(xy(i, v))
    lines = "".join(
        f'<polyline points="{" ".join(f"{x},{y}" for x, y in run)}" fill="none" '
        f'stroke="{color}" stroke-width="1.5"/>' if len(run) > 1 else
        f'<circle cx="{run[0][0]}" cy="{run[0][1]}" r="1.5" fill="{color}"/>'
        for run in runs if run)
    return (f'<svg class="spark" role="img" aria-label="relations index" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}">'
            f'<line x1="0" y1="{height / 2}" x2="{width}" y2="{height / 2}" stroke="#bbbbbb" '
            f'stroke-width="0.5"/>{lines}</svg>')


def render_html(report: Report, path: str | Path) -> Path:
    """One self-contained HTML file (the chart embedded as a base64 PNG, no external
    assets); every piece of article text is escaped."""
    e = html.escape
    r = report.relations
    png = base64.b64encode(png_bytes(r)).decode("ascii")
    c = report.corpus
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>detente report {e(' - '.join(report.dyad or ()))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;"
        "vertical-align:top}svg.spark{display:block;max-width:100%;height:auto}</style>"
        "</head><body>",
        "<h1>detente report</h1>",
        f"<p>{e(str(c['articles']))} articles from {e(str(c['outlets']))} outlets, "
        f"{e(str(c['first']))} to {e(str(c['last']))}; {e(str(c['events']))} events in "
        f"{e(str(c['clusters']))} clusters; {e(str(c['failures']))} failed inputs, "
        f"{e(str(c['skipped_inputs']))} skipped (not articles).</p>",
    ]
    if r is not None:
        parts += [f"<h2>{e(r.dyad[0])} &ndash; {e(r.dyad[1])}</h2>",
                  sparkline_svg([p.index for p in r.series]),
                  f"<img alt='relations index chart' src='data:image/png;base64,{png}'>"]
        for label, ext in (("Lowest point", r.lowest), ("Highest point", r.highest)):
            if ext:
                parts.append(f"<h3>{label}: {e(ext.period)} ({ext.value:+.1f})</h3>")
                parts.append(_html_events(ext.events))
        if r.turning_points:
            parts.append("<h3>Turning points</h3><ul>")
            for t in r.turning_points:
                lead = clip(t.events[0]["evidence"], 160) if t.events else ""
                parts.append(f"<li>{e(t.date)} {e(t.direction)} ({t.change:+.1f}): {e(lead)}</li>")
            parts.append("</ul>")
        if r.background:
            parts.append("<h3>Background (dated well before the corpus; not in the index)</h3>")
            parts.append(_html_events(r.background))
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
        f"<td>{e(str(x['mentions']))}</td><td>{e(clip(x['evidence'], 200))}</td></tr>"
        for x in events)
    return ("<table><tr><th>date</th><th>event</th><th>Goldstein</th><th>mentions</th>"
            f"<th>evidence</th></tr>{rows}</table>")
