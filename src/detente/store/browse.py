"""Read queries the API and dashboard need beyond :mod:`detente.store.queries`: articles
(search, one with its layers), one event, the busiest dyads and the actor network of a period.

Each takes a :class:`Store` and returns plain data; the routes only render it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from detente.store.db import Store, unpack_record
from detente.store.sql import Where, contains

__all__ = [
    "ArticleFilter",
    "busiest_dyads",
    "get_article",
    "get_event",
    "list_articles",
    "network",
]

# Characters of context either side of a search hit in an article's snippet.
_SNIPPET = 90


@dataclass(frozen=True, kw_only=True)
class ArticleFilter:
    q: str | None = None  # case-insensitive substring of the title or the text
    outlet: str | None = None
    start: str | None = None  # ISO date, inclusive, on the publication date
    end: str | None = None
    limit: int = 50
    offset: int = 0


def _count(store: Store, sql: str, params: list[Any]) -> int:
    row = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
    return int(row[0]) if row else 0


def _snippet(text: str, q: str | None) -> str:
    if not q:
        return text[: 2 * _SNIPPET].strip()
    at = text.lower().find(q.lower())
    if at < 0:
        return text[: 2 * _SNIPPET].strip()
    lo, hi = max(0, at - _SNIPPET), min(len(text), at + len(q) + _SNIPPET)
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def list_articles(store: Store, f: ArticleFilter) -> tuple[list[dict[str, Any]], int]:
    """Articles matching ``f``, newest first, each with a snippet around the search hit and
    its event and quote counts; and how many match in all."""
    where = Where()
    if f.q and f.q.strip():
        where.add("(lower(a.title) LIKE ? ESCAPE '\\' OR lower(a.text) LIKE ? ESCAPE '\\')",
                  contains(f.q.strip()), contains(f.q.strip()))
    if f.outlet:
        where.add("lower(a.outlet) = ?", f.outlet.strip().lower())
    if f.start:
        where.add("a.published >= CAST(? AS DATE)", f.start)
    if f.end:
        where.add("a.published <= CAST(? AS DATE)", f.end)
    base = "SELECT a.id FROM articles a" + where.sql()
    params = where.params
    total = _count(store, base, params)
    rows = store.query(
        "SELECT a.id, a.title, a.outlet, a.author, a.published, a.url, a.language, "
        "a.processed_at IS NOT NULL AS processed, a.text, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
        f"FROM articles a WHERE a.id IN ({base}) "
        "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        [*params, f.limit, f.offset],
    )
    for r in rows:
        r["snippet"] = _snippet(r.pop("text"), f.q.strip() if f.q else None)
    return rows, total


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The full ``detente.article/1`` record of one article (empty layers when it has not
    been processed yet), plus ``processed``; None when no article has that id."""
    rows = store.query(
        "SELECT id, url, title, outlet, author, strftime(published, '%Y-%m-%d') AS published, "
        "dateline, language, text, r.record, processed_at IS NOT NULL AS processed "
        "FROM articles a LEFT JOIN records r ON r.article_id = a.id WHERE a.id = ?",
        [article_id],
    )
    if not rows:
        return None
    row = rows[0]
    if row["record"]:
        record = unpack_record(row["record"])
    else:
        article = {k: row[k] for k in ("id", "url", "title", "outlet", "author", "published",
                                        "dateline", "language", "text")}
        record = {"schema": "detente.article/1", "article": article, "mentions": [],
                  "events": [], "quotes": [], "timexes": [], "deadlines": [], "positions": [],
                  "errors": []}
    record["processed"] = bool(row["processed"])
    return record


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event as in the record (evidence and trigger spans included) with its article's
    id, title, outlet and date; None when no event has that id."""
    rows = store.query(
        "SELECT e.data, e.article_id, a.title, a.outlet, "
        "strftime(a.published, '%Y-%m-%d') AS published "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    row = rows[0]
    event: dict[str, Any] = json.loads(row["data"])
    event["article"] = {"id": row["article_id"], "title": row["title"],
                        "outlet": row["outlet"], "published": row["published"]}
    return event


def busiest_dyads(store: Store, *, limit: int = 20) -> list[dict[str, Any]]:
    """Pairs of countries by how many events they share (either direction), busiest first,
    with the first and last event date. ``a`` is the side that acts more often (USA-RUS
    when Washington is more often the source)."""
    return store.query(
        "SELECT CASE WHEN fwd >= events - fwd THEN x ELSE y END AS a, "
        "CASE WHEN fwd >= events - fwd THEN y ELSE x END AS b, events, first, last FROM ("
        "SELECT least(source_country, target_country) AS x, "
        "greatest(source_country, target_country) AS y, count(*) AS events, "
        "count(*) FILTER (WHERE source_country < target_country) AS fwd, "
        "min(event_date) AS first, max(event_date) AS last FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country AND off_topic IS NULL GROUP BY ALL) "
        "ORDER BY events DESC, a, b LIMIT ?",
        [limit],
    )


def network(store: Store, *, start: str | None = None, end: str | None = None,
            limit: int = 40) -> dict[str, Any]:
    """The actor network of a period: nodes are actors (by actor code, else country) of a
    known country or international organisations, edges the ``limit`` busiest directed pairs
    with their event count and mean Goldstein score."""
    where = ["s IS NOT NULL", "t IS NOT NULL", "s <> t"]
    params: list[Any] = []
    if start:
        where.append("event_date >= CAST(? AS DATE)")
        params.append(start)
    if end:
        where.append("event_date <= CAST(? AS DATE)")
        params.append(end)
    edges = store.query(
        "SELECT s AS source, t AS target, count(*) AS events, "
        "round(avg(goldstein), 2) AS goldstein FROM ("
        "SELECT coalesce(source_code, source_country) AS s, "
        "coalesce(target_code, target_country) AS t, goldstein, event_date FROM events "
        # Actors known only by a sector (a court, "officials") have no place on the map.
        "WHERE (source_country IS NOT NULL OR source_sector = 'IGO') "
        "AND (target_country IS NOT NULL OR target_sector = 'IGO') AND off_topic IS NULL) "
        f"WHERE {' AND '.join(where)} GROUP BY ALL ORDER BY events DESC, source, target "
        "LIMIT ?",
        [*params, limit],
    )
    degree: dict[str, int] = {}
    for e in edges:
        for side in ("source", "target"):
            degree[e[side]] = degree.get(e[side], 0) + int(e["events"])
    nodes = [{"id": k, "label": k, "country": k[:3] if len(k) >= 3 else k, "events": v}
             for k, v in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}
