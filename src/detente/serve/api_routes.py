"""The ``/api/v1`` routes: parse the request, call one library function, return its data."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from detente import __version__
from detente.serve import api_ingest
from detente.serve.api import ApiError, ServerState
from detente.serve.api_models import (
    ERROR_RESPONSES,
    ActorOut,
    ArticlePage,
    DeadlinePage,
    DyadRow,
    EventPage,
    Health,
    Network,
    QuotePage,
)
from detente.serve.api_queries import (
    ArticleFilter,
    DeadlineFilter,
    busiest_dyads,
    get_article,
    get_event,
    list_articles,
    list_deadlines,
    network,
)
from detente.store.queries import EventFilter, QuoteFilter, list_events, list_quotes

__all__ = ["router"]

router = APIRouter(responses=ERROR_RESPONSES)
router.include_router(api_ingest.router)


def state(request: Request) -> ServerState:
    s: ServerState = request.app.state.detente
    return s


State = Annotated[ServerState, Depends(state)]
Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]
From = Annotated[date | None, Query(alias="from", description="Earliest date, inclusive.")]
To = Annotated[date | None, Query(alias="to", description="Latest date, inclusive.")]
Text = Annotated[str | None, Query(max_length=200)]
ActorCode = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.\-]{1,40}$",
                                description="Country code (USA), actor code (USAGOV) or id.")]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars turned into Python ones (JSON cannot carry them)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        return value.item()
    return value


def _not_found(what: str, key: str) -> ApiError:
    return ApiError(404, f"no {what} with id {key!r}")


@router.get("/health", response_model=Health, tags=["meta"])
def health(s: State) -> dict[str, Any]:
    """Liveness and what the store holds."""
    with s.reader() as store:
        counts = store.stats()
    return {"status": "ok", "version": __version__,
            "schema_version": getattr(s.store, "version", None), "counts": counts,
            "ingest_enabled": s.token is not None}


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def articles(s: State, q: Text = None, outlet: Text = None, start: From = None,
             end: To = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Articles, newest first; ``q`` searches titles and texts (case-insensitive)."""
    f = ArticleFilter(q=q, outlet=outlet, start=_iso(start), end=_iso(end), limit=limit,
                      offset=offset)
    with s.reader() as store:
        rows, total = list_articles(store, f)
    return {"total": total, "limit": limit, "offset": offset, "articles": rows}


@router.get("/articles/{article_id}", tags=["articles"])
def article(s: State, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One article's full record: text, mentions, events, quotes, timexes, deadlines."""
    with s.reader() as store:
        found = get_article(store, article_id)
    if found is None:
        raise _not_found("article", article_id)
    return found


@router.get("/events", response_model=EventPage, tags=["events"])
def events(
    s: State,
    actor: Annotated[str | None, Query(max_length=100, description="Either side.")] = None,
    source: Text = None,
    target: Text = None,
    category: Annotated[str | None, Query(max_length=20, description="PLOVER category.")] = None,
    channel: Literal["public", "private"] | None = None,
    start: From = None,
    end: To = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events with their evidence sentence, newest first. Actor filters take a country
    (RUS), an actor code prefix (USAGOV), an id or a name (Witkoff)."""
    f = EventFilter(actor=actor, source=source, target=target, category=category,
                    channel=channel, start=_iso(start), end=_iso(end), limit=limit,
                    offset=offset)
    with s.reader() as store:
        rows, total = list_events(store, f)
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


@router.get("/events/{event_id}", tags=["events"])
def event(s: State, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """One event as in the record, with its evidence and trigger spans and its article."""
    with s.reader() as store:
        found = get_event(store, event_id)
    if found is None:
        raise _not_found("event", event_id)
    return found


@router.get("/quotes", response_model=QuotePage, tags=["quotes"])
def quotes(s: State, speaker: Text = None, about: Text = None, anonymous: bool | None = None,
           start: From = None, end: To = None, limit: Limit = 50,
           offset: Offset = 0) -> dict[str, Any]:
    """Quotes with speaker, role and the anonymous-source flag, newest first."""
    f = QuoteFilter(speaker=speaker, about=about, anonymous=anonymous, start=_iso(start),
                    end=_iso(end), limit=limit, offset=offset)
    with s.reader() as store:
        rows, total = list_quotes(store, f)
    return {"total": total, "limit": limit, "offset": offset, "quotes": rows}


@router.get("/deadlines", response_model=DeadlinePage, tags=["deadlines"])
def deadlines(
    s: State,
    as_of: Annotated[date | None, Query(description="Status on this day (default: today).")
                     ] = None,
    issuer: Text = None,
    target: Text = None,
    status: Literal["active", "expired", "met", "shortened", "extended", "superseded"
                    ] | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Ultimatums and deadlines issued by ``as_of``, with their status that day and the
    days left for running ones."""
    day = as_of or date.today()
    f = DeadlineFilter(as_of=day, issuer=issuer, target=target, status=status, limit=limit,
                       offset=offset)
    with s.reader() as store:
        rows, total = list_deadlines(store, f)
    return {"total": total, "limit": limit, "offset": offset, "as_of": day, "deadlines": rows}


@router.get("/actors/resolve", response_model=ActorOut, tags=["actors"])
def resolve_actor(
    text: Annotated[str, Query(min_length=1, max_length=200, description="A name or phrase.")],
    on: Annotated[date | None, Query(alias="date", description="As of this day.")] = None,
    context: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict[str, Any]:
    """Who ``text`` names, as of ``date`` (e.g. "the Russian president" on 2025-08-07)."""
    try:
        from detente.extract.actors import resolve
    except ImportError:
        raise ApiError(503, "actor resolution is not available in this build") from None
    import dataclasses

    actor = resolve(text, date=_iso(on), context=context)
    return dataclasses.asdict(actor)


@router.get("/relations/{a}/{b}", tags=["relations"])
def relations(
    s: State, a: ActorCode, b: ActorCode,
    freq: Literal["day", "week", "month"] = "week",
    start: From = None,
    end: To = None,
) -> dict[str, Any]:
    """The relations index of a dyad over time (public and private tracks), its lowest and
    highest points and turning points, each with the events behind it."""
    from detente.analyze.relations import relations as compute

    if start and end and start > end:
        raise ApiError(400, "from is after to")
    s.ensure_deduped()

    def run() -> dict[str, Any]:
        with s.reader() as store:
            result = compute(store, a, b, freq=freq, start=_iso(start), end=_iso(end))
        plain: dict[str, Any] = _plain(result.to_dict())
        return plain

    return s.cached(("relations", a.upper(), b.upper(), freq, start, end), run)


@router.get("/dyads", response_model=list[DyadRow], tags=["relations"])
def dyads(s: State, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict[str, Any]]:
    """Pairs of countries by how many events they share, busiest first (the dashboard's
    dyad picker)."""
    with s.reader() as store:
        return busiest_dyads(store, limit=limit)


@router.get("/network", response_model=Network, tags=["relations"])
def actor_network(s: State, start: From = None, end: To = None,
                  limit: Annotated[int, Query(ge=1, le=200)] = 40) -> dict[str, Any]:
    """The actor network of a period: actors as nodes, event counts on the edges."""
    with s.reader() as store:
        return network(store, start=_iso(start), end=_iso(end), limit=limit)
