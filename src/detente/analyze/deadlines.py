"""Running deadlines across the store: every deadline issued by a date, with its status that
day, revisions linked across articles and restatements folded into one row.

The status logic is :mod:`detente.extract.deadlines.timeline` (pure functions over
:class:`~detente.model.Deadline`); the rows come from :mod:`detente.store.queries`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from detente.extract.deadlines.timeline import countdown, link_revisions, statuses
from detente.store.db import Store
from detente.store.queries import deadline_of, deadline_rows

__all__ = ["DeadlineFilter", "filter_deadlines", "list_deadlines"]


@dataclass(frozen=True, kw_only=True)
class DeadlineFilter:
    as_of: date
    issuer: str | None = None
    target: str | None = None
    status: str | None = None  # one of detente.extract.deadlines.timeline.STATUSES
    limit: int = 50
    offset: int = 0


def list_deadlines(store: Store, as_of: str | None = None) -> list[dict[str, Any]]:
    """Deadlines issued on or before ``as_of`` (default: today; by their issue date, else
    their article's), each with its status that day and ``days_left`` (negative once passed,
    None when the expiry is unknown). Revisions are linked across articles (a later deadline
    from the same issuer to the same target with a similar demand revises the earlier one,
    :func:`detente.extract.deadlines.timeline.link_revisions`); restatements of one deadline
    by several articles fold into one row with ``reports`` and ``outlets``. Running ones
    first, soonest expiry first.
    """
    today = as_of or date.today().isoformat()
    rows = [
        r for r in deadline_rows(store)
        if ((r["issued"] or r["published"] or "")[:10] or today) <= today
    ]
    deadlines = [deadline_of(r) for r in rows]
    linked = link_revisions([(d, r["published"]) for d, r in zip(deadlines, rows, strict=True)])
    status = statuses(linked, today)
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for d, r in zip(linked, rows, strict=True):
        key = (d.issuer.country or d.issuer.code, d.target.country if d.target else None,
               d.expires, d.duration)
        if key in merged:
            row = merged[key]
            row["reports"] += 1
            row["outlets"].append(r["outlet"])
            row["revises"] = row["revises"] or d.revises
            row["issued"] = row["issued"] or d.issued
            continue
        merged[key] = {
            "id": d.id, "article_id": r["article_id"],
            "issuer": dataclasses.asdict(d.issuer), "issuer_code": d.issuer.code,
            "target": dataclasses.asdict(d.target) if d.target else None,
            "target_code": d.target.code if d.target else None,
            "demand": d.demand, "threat": d.threat, "issued": d.issued,
            "duration": d.duration, "expires": d.expires, "revises": d.revises,
            "stated_status": d.status, "status": status[d.id],
            "days_left": countdown(d, today), "evidence": d.evidence.text,
            "title": r["title"], "published": r["published"], "outlet": r["outlet"],
            "reports": 1, "outlets": [r["outlet"]],
        }
    rows_out = _fold_restatements(list(merged.values()))
    return sorted(rows_out,
                  key=lambda x: (x["status"] != "active", x["expires"] or "9999", x["id"]))


def _country(actor: dict[str, Any] | None) -> str | None:
    return None if actor is None else actor.get("country") or actor.get("code")


def _fold_restatements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fold a deadline with no expiry into an earlier-reported one it restates: same issuer,
    same duration, a compatible target (the same country, or none stated), reported before
    ("It capped a summer in which Trump gave Moscow 50 days ..." written weeks later)."""
    known = [r for r in rows if r["expires"]]
    out = []
    for r in rows:
        if r["expires"] is None and r["duration"]:
            same = [k for k in known
                    if _country(k["issuer"]) == _country(r["issuer"])
                    and k["duration"] == r["duration"]
                    and (r["target"] is None or _country(k["target"]) == _country(r["target"]))
                    and (k["published"] or "") <= (r["published"] or "")]
            if same:
                first = min(same, key=lambda k: k["published"] or "")
                first["reports"] += r["reports"]
                first["outlets"].extend(r["outlets"])
                continue
        out.append(r)
    return out


def _actor_is(actor: dict[str, Any] | None, value: str) -> bool:
    if not actor:
        return False
    v = value.strip().upper()
    return bool(actor.get("country") == v or (actor.get("code") or "").startswith(v)
                or actor.get("id") == value.strip())


def filter_deadlines(store: Store, f: DeadlineFilter) -> tuple[list[dict[str, Any]], int]:
    """:func:`list_deadlines` as of ``f.as_of``, filtered by status, issuer and target, and
    paginated."""
    out = [
        r for r in list_deadlines(store, f.as_of.isoformat())
        if (not f.status or r["status"] == f.status)
        and (not f.issuer or _actor_is(r["issuer"], f.issuer))
        and (not f.target or _actor_is(r["target"], f.target))
    ]
    return out[f.offset: f.offset + f.limit], len(out)
