"""The relations index as a PNG chart (matplotlib): combined, public and private index,
events per period, the lowest and highest points and the turning points."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from detente.analyze.relations import RelationsResult
from detente.analyze.report import Report

__all__ = ["TRACK_COLORS", "png_bytes", "render_png"]


# One colour per track, the same in the PNG, the HTML report and the dashboard (the
# dashboard's app.css defines the same values as --ink, --public, --private; a test holds them
# together). Blue and purple, not red and green: those mean conflict and cooperation there.
TRACK_COLORS = {"index": "#1d2430", "public": "#2563eb", "private": "#8b3fd1"}


def _result(obj: Report | RelationsResult) -> RelationsResult | None:
    return obj.relations if isinstance(obj, Report) else obj


def render_png(obj: Report | RelationsResult, path: str | Path) -> Path:
    """A chart of the index (combined, public, private), event counts, the lowest and
    highest points and the turning points, written to ``path`` (PNG)."""
    path = Path(path)
    path.write_bytes(png_bytes(_result(obj)))
    return path


def png_bytes(r: RelationsResult | None) -> bytes:
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
    ax.plot(xs, [p.index for p in r.series], color=TRACK_COLORS["index"], lw=2, label="index")
    ax.plot(xs, [p.public for p in r.series], color=TRACK_COLORS["public"], lw=1, ls="--",
            label="public")
    ax.plot(xs, [p.private for p in r.series], color=TRACK_COLORS["private"], lw=1, ls=":",
            label="private")
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
