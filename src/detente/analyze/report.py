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
               (SELECT count(*) FROM failures WHERE stage <> 'skip'),
               (SELECT count(*) FROM failures WHERE stage = 'skip'),
               (SELECT count(DISTINCT article_id) FROM record_errors),
               (SELECT count(*) FROM events),
               (SELECT count(*) FROM clusters),
               (SELECT count(*) FROM quotes),
               (SELECT count(*) FROM deadlines)
    """).fetchone()
    keys = ("articles", "processed", "outlets", "first", "last", "failures", "skipped_inputs",
            "articles_with_errors", "events", "clusters", "quotes", "deadlines")
    out = dict(zip(keys, row or (), strict=True))
    out["top_outlets"] = [r["outlet"] for r in store.query(
        "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 5")]
    return out


# An event between the two sides of a dyad ($1, $2: country codes or code prefixes).
_DYAD_EVENT = ("((source_country = $1 OR starts_with(source_code, $1)) AND "
               "(target_country = $2 OR starts_with(target_code, $2)) OR "
               "(source_country = $2 OR starts_with(source_code, $2)) AND "
               "(target_country = $1 OR starts_with(target_code, $1)))")


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


def _quotes(store: Store, dyad: tuple[str, str] | None, n: int = 5) -> list[dict[str, Any]]:
    """Direct quotes by named speakers first; with a dyad, only quotes in articles that
    report an event between its two sides (a quote on anything else is not the dyad's)."""
    params: list[Any] = []
    where = "TRUE"
    if dyad:
        params = list(dyad)
        where = f"q.article_id IN (SELECT article_id FROM events WHERE {_DYAD_EVENT})"
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
        where += f" AND {_DYAD_EVENT}"
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
                  deadlines=_deadlines(store, as_of, pair), quotes=_quotes(store, pair),
                  events=_top_events(store, pair), as_of=as_of,
                  ended=_ended(store, as_of, dyad=pair))
