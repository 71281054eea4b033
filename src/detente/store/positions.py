"""Stored positions: who demands, supports, opposes or rejects what, filtered by actor and
issue, and one issue's two sides side by side (for the dashboard's positions panel)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.store.db import Store
from detente.store.queries import _actor_clause, _page
from detente.store.sql import Where

__all__ = ["PositionFilter", "list_positions", "positions_side_by_side"]


@dataclass(frozen=True, kw_only=True)
class PositionFilter:
    actor: str | None = None  # code, country, id or name, as the event filters take it
    issue: str | None = None
    stance: str | None = None
    limit: int = 100
    offset: int = 0


def list_positions(store: Store, f: PositionFilter) -> tuple[list[dict[str, Any]], int]:
    """Positions matching ``f`` (newest article first) with their article's title and date."""
    where = Where()
    if f.actor:
        clause, params = _actor_clause("p.actor", f.actor)
        where.add(clause, *params)
    if f.issue:
        where.add("p.issue = ?", f.issue.strip().lower())
    if f.stance:
        where.add("p.stance = ?", f.stance.strip().lower())
    sql = (
        "SELECT p.article_id, p.idx, p.actor_text, p.actor_name, p.actor_code, "
        "p.actor_country, p.stance, p.issue, p.evidence, a.title, a.outlet, a.published "
        "FROM positions p JOIN articles a ON a.id = p.article_id" + where.sql()
    )
    return _page(sql, where.params, store, "published DESC NULLS LAST, article_id, idx",
                 f.limit, f.offset)


def positions_side_by_side(store: Store, issue: str, a: str, b: str, *,
                           limit: int = 20) -> dict[str, Any]:
    """One issue, two actors: each side's positions and its stance counts."""
    sides = []
    for actor in (a, b):
        rows, total = list_positions(store, PositionFilter(actor=actor, issue=issue,
                                                           limit=limit))
        counts: dict[str, int] = {}
        clause, params = _actor_clause("p.actor", actor)
        for r in store.query(
            f"SELECT p.stance, count(*) AS n FROM positions p WHERE p.issue = ? AND {clause} "
            "GROUP BY p.stance", [issue.strip().lower(), *params]):
            counts[str(r["stance"])] = int(r["n"])
        sides.append({"actor": actor, "total": total, "stances": counts, "positions": rows})
    return {"issue": issue.strip().lower(), "sides": sides}
