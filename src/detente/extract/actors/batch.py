"""Actors as DESIGN.md's ACTOR objects, and a JSONL file of queries resolved in one go
(``detente actors resolve --batch``)."""

from __future__ import annotations

from collections.abc import Iterable

from detente.errors import UsageError
from detente.extract.actors.resolver import Resolver, default_resolver
from detente.model import Actor

__all__ = ["actor_dict", "resolve_batch"]


def actor_dict(actor: Actor) -> dict[str, str | None]:
    """The DESIGN.md ACTOR object."""
    return {"text": actor.text, "name": actor.name, "code": actor.code,
            "country": actor.country, "sector": actor.sector, "sector2": actor.sector2,
            "id": actor.id}


def resolve_batch(lines: Iterable[str], resolver: Resolver | None = None,
                  ) -> Iterable[dict[str, str | None]]:
    """One ACTOR dict per JSONL line ``{"query", "date", "context"}``, in order. A bad line
    raises :class:`UsageError` naming its number."""
    import json

    r = resolver or default_resolver()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            query = str(row["query"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise UsageError(f"line {n}: expected a JSON object with \"query\" ({exc})") from None
        yield actor_dict(r.resolve(query, date=str(row.get("date") or "") or None,
                                   context=str(row.get("context") or "") or None))
