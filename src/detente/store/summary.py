"""The reads behind the corpus report: what the store holds, the most active dyad, and the
quotes and events worth showing for a dyad."""

from __future__ import annotations

from typing import Any

from detente.store.db import Store

__all__ = ["corpus_summary", "most_active_dyad", "top_events", "top_quotes"]


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


def corpus_summary(store: Store) -> dict[str, Any]:
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


def top_quotes(store: Store, dyad: tuple[str, str] | None, n: int = 5) -> list[dict[str, Any]]:
    """Direct quotes by named speakers first; with a dyad, only quotes in articles that
    report an event between its two sides (a quote on anything else is not the dyad's)."""
    params: list[Any] = []
    where = "TRUE"
    if dyad:
        params = list(dyad)
        where = (f"q.article_id IN (SELECT article_id FROM events WHERE {_DYAD_EVENT} "
                 "AND off_topic IS NULL)")
    return store.query(f"""
        SELECT q.text, q.kind, q.speaker_text, q.speaker_name, q.role, q.anonymous,
               a.outlet, CAST(a.published AS VARCHAR) AS published, q.article_id
        FROM quotes q JOIN articles a ON a.id = q.article_id
        WHERE {where} AND length(q.text) BETWEEN 20 AND 400
        ORDER BY (q.kind = 'direct') DESC, coalesce(q.anonymous, false),
                 (q.speaker_name IS NULL), a.published DESC, q.article_id, q.idx
        LIMIT {int(n)}
    """, params)


def top_events(store: Store, dyad: tuple[str, str] | None, n: int = 8) -> list[dict[str, Any]]:
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
