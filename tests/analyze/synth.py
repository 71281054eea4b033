"""Synthetic stored events for the analyze tests: insert rows straight into a temp store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from detente.store.db import Store

__all__ = ["add_article", "add_event", "dyad_run"]

_GOLDSTEIN = {"CONSULT": ("040", 1.0, 1), "AGREE": ("057", 8.0, 1), "AID": ("070", 7.0, 2),
              "COOPERATE": ("061", 6.4, 2), "ACCUSE": ("112", -2.0, 3),
              "THREATEN": ("138", -7.0, 3), "SANCTION": ("163", -8.0, 4),
              "ASSAULT": ("190", -10.0, 4), "REQUEST": ("020", 3.0, 1),
              "MOBILIZE": ("154", -7.2, 4)}
_counter = {"n": 0}


def add_article(store: Store, article_id: str, *, outlet: str = "Outlet",
                published: str = "2025-01-01", input: str | None = None,
                text: str = "text") -> str:
    store.con.execute(
        "INSERT INTO articles (id, outlet, published, text, input, title) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [article_id, outlet, published, text, input, f"Title {article_id}"],
    )
    return article_id


def add_event(store: Store, *, article_id: str, source: str = "USA", target: str | None = "RUS",
              category: str = "CONSULT", day: str | date = "2025-01-01",
              precision: str | None = "day", channel: str = "public", confidence: float = 0.9,
              evidence: str = "", negated: bool = False, goldstein: float | None = None,
              modality: str = "asserted", event_id: str | None = None,
              source_code: str | None = None, source_id: str | None = None) -> str:
    """Insert one event; ``source``/``target`` are country codes (codes default to ``XXXGOV``)."""
    _counter["n"] += 1
    eid = event_id or f"ev{_counter['n']:07d}"
    cameo, gold, quad = _GOLDSTEIN[category]
    day_s = day.isoformat() if isinstance(day, date) else day
    store.con.execute(
        "INSERT INTO events (id, article_id, idx, source_country, source_code, source_id, "
        "target_country, target_code, category, cameo, goldstein, quad_class, event_date, "
        "date_value, date_precision, modality, negated, channel, confidence, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [eid, article_id, _counter["n"], source, source_code or f"{source}GOV", source_id,
         target, f"{target}GOV" if target else None, category, cameo,
         gold if goldstein is None else goldstein, quad, day_s,
         day_s if precision else None, precision, modality, negated, channel, confidence,
         evidence],
    )
    return eid


def dyad_run(store: Store, weeks: Sequence[tuple[str, ...]], *, start: date = date(2025, 1, 6),
             a: str = "USA", b: str = "RUS", channel: str = "public",
             tag: str = "w") -> dict[int, list[str]]:
    """One article per week with one event per category listed for that week, alternating
    direction; returns the event ids per week index."""
    out: dict[int, list[str]] = {}
    for i, cats in enumerate(weeks):
        day = start + timedelta(weeks=i, days=2)
        art = add_article(store, f"{tag}{channel}{i}", published=day.isoformat(),
                          outlet=f"Outlet {i % 3}")
        ids = []
        for j, cat in enumerate(cats):
            src, tgt = (a, b) if j % 2 == 0 else (b, a)
            ids.append(add_event(store, article_id=art, source=src, target=tgt, category=cat,
                                 day=day, channel=channel,
                                 evidence=f"{cat.lower()} number {i} {j} {tag}{channel}"))
        out[i] = ids
    return out


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    return store.con.execute(sql, params or []).fetchall()
