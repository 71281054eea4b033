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
        if not self.relations:
            return ""
        return sparkline([p.index for p in self.relations.series], width=120)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus, "as_of": self.as_of,
            "dyad": list(self.dyad) if self.dyad else None,
            "relations": self.relations.to_dict() if self.relations else None,
            "sparkline": self.sparkline, "deadlines": self.deadlines, "quotes": self.quotes,
            "events": self.events, "ended_deadlines": self.ended,
        }


def _fit(values: list[float | None], width: int) -> list[float | None]:
    """``values`` in at most ``width`` buckets of consecutive values: each bucket's mean of
    known values (None when it holds none)."""
    n = len(values)
    if n <= width:
        return values
    out: list[float | None] = []
    for k in range(width):
        known = [v for v in values[k * n // width:(k + 1) * n // width] if v is not None]
        out.append(sum(known) / len(known) if known else None)
    return out


def sparkline(values: list[float | None], *, width: int | None = None) -> str:
    """One unicode block per value (per bucket of values when there are more than
    ``width``), scaled between the series' own minimum and maximum; a blank for no data."""
    if width is not None:
        values = _fit(values, max(width, 1))
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


def _side(code: str | None, country: str | None, dyad: tuple[str, str]) -> str | None:
    for side in dyad:
        if country == side or (code or "").startswith(side):
            return side
    return None


def _of_dyad(row: dict[str, Any], dyad: tuple[str, str] | None) -> bool:
    """Whether a deadline was issued by one side of ``dyad`` to the other."""
    if dyad is None:
        return True
    issuer = _side(row.get("issuer_code"), (row.get("issuer") or {}).get("country"), dyad)
    target = _side(row.get("target_code"), (row.get("target") or {}).get("country"), dyad)
    return issuer is not None and target is not None and issuer != target


def _deadlines(store: Store, as_of: str | None,
               dyad: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """Deadlines still running on ``as_of`` (between the dyad's sides, given one), soonest
    expiry first, with days left (linked and judged by
    :func:`detente.analyze.deadlines.list_deadlines`)."""
    from detente.analyze.deadlines import list_deadlines

    return [r for r in list_deadlines(store, as_of)
            if r["status"] == "active" and _of_dyad(r, dyad)][:8]


def _ended(store: Store, as_of: str | None, n: int = 3,
           dyad: tuple[str, str] | None = None) -> list[dict[str, Any]]:
    """The ``n`` deadlines that ended last by ``as_of`` (expired, met, superseded ...):
    what an ultimatum came to when none is running any more."""
    from detente.analyze.deadlines import list_deadlines

    done = [r for r in list_deadlines(store, as_of)
            if r["status"] != "active" and _of_dyad(r, dyad)]
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
                  deadlines=_deadlines(store, as_of, pair), quotes=top_quotes(store, pair),
                  events=top_events(store, pair), as_of=as_of,
                  ended=_ended(store, as_of, dyad=pair))
