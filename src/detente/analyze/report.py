"""The corpus report's data: what is stored, where the main relationship stands, what moved
it, which deadlines are running and who said what. :mod:`detente.render` draws it for a
terminal, as a PNG chart and as one self-contained offline HTML file.

The report's clock is the newest publication date in the store (``as_of``), not today: a
historical corpus (the demo's 2025 briefs) is reported as of its own last day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.analyze.dedup import ensure_deduped
from detente.analyze.relations import RelationsResult, relations
from detente.store.db import Store
from detente.store.summary import corpus_summary, most_active_dyad, top_events, top_quotes

__all__ = ["Report", "build_report", "most_active_dyad", "sparkline"]

_BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass
class Report:
    """Everything the renderers of :mod:`detente.render` show."""

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


def build_report(store: Store, *, dyad: tuple[str, str] | None = None,
                 freq: str = "week") -> Report:
    """Summarize the store; the relations part covers ``dyad`` or, without one, the most
    active country dyad."""
    ensure_deduped(store)
    corpus = corpus_summary(store)
    as_of = corpus.get("last")
    pair = (dyad[0].upper(), dyad[1].upper()) if dyad else most_active_dyad(store)
    result = relations(store, pair[0], pair[1], freq=freq) if pair else None
    return Report(corpus=corpus, dyad=pair, relations=result,
                  deadlines=_deadlines(store, as_of), quotes=top_quotes(store, pair),
                  events=top_events(store, pair), as_of=as_of, ended=_ended(store, as_of))
