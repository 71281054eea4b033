"""The ``/api/v1`` routes: parse the request, call one library function, return its data."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from detente import __version__
from detente.analyze.deadlines import DeadlineFilter, filter_deadlines
from detente.api import ingest as api_ingest
from detente.api.conformance import iso_date
from detente.api.errors import ApiError
from detente.api.fast_lane import INLINE_PERIODS, answer_key, window_json
from detente.api.models import (
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
from detente.api.state import ServerState
from detente.store.browse import (
    ArticleFilter,
    busiest_dyads,
    get_article,
    get_event,
    list_articles,
    network,
)
from detente.store.positions import PositionFilter, list_positions, positions_side_by_side
from detente.store.queries import EventFilter, QuoteFilter, list_events, list_quotes

if TYPE_CHECKING:
    from detente.analyze.relations import DyadFrame

__all__ = ["router"]

router = APIRouter(responses=ERROR_RESPONSES)
router.include_router(api_ingest.router)


def _server(request: Request) -> ServerState:
    """The server's shared state. (Read from the app, not through ``Depends``: FastAPI
    solving a sub-dependency took 20 of the 310 microseconds of a cached /relations answer.)"""
    s: ServerState = request.app.state.detente
    return s


Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]
IsoDate = Annotated[date, BeforeValidator(iso_date)]
From = Annotated[IsoDate | None, Query(alias="from", description="Earliest date, inclusive.")]
To = Annotated[IsoDate | None, Query(alias="to", description="Latest date, inclusive.")]
Text = Annotated[str | None, Query(max_length=200)]
ActorCode = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.\-]{1,40}$",
                                description="Country code (USA), actor code (USAGOV) or id.")]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _key(request: Request, *extra: Any) -> tuple[Any, ...]:
    """What an answer is cached under: the request's path and query (and ``extra``)."""
    return answer_key(request.url.path, request.query_params.multi_items(), *extra)


async def _cached_json(s: ServerState, request: Request, compute: Callable[[], Any],
                       *extra: Any, inline: bool = False) -> Response:
    """The JSON of ``compute()``, computed once per store version and request (path and
    query); the server is the store's only writer, so a write is what makes it stale.
    A cache hit is answered on the event loop; a miss computes in the thread pool, or on
    the event loop too with ``inline``: an answer from memory that takes a millisecond or
    two costs less there than the hand-over to a thread and back (bench/bench_api.py).
    """
    body = s.cache_get(_key(request, *extra))
    if body is None:

        def render() -> bytes:
            value = compute()
            if isinstance(value, bytes):  # already JSON
                return value
            return json.dumps(value, default=_default, ensure_ascii=False,
                              separators=(",", ":")).encode()

        if inline:
            body = render()
            s.cache_put(_key(request, *extra), body)
        else:
            body = await run_in_threadpool(s.cached, _key(request, *extra), render)
    return Response(body, media_type="application/json")


def _not_found(what: str, key: str) -> ApiError:
    return ApiError(404, f"no {what} with id {key!r}")


@router.get("/health", response_model=Health, tags=["meta"])
def health(request: Request) -> dict[str, Any]:
    """Liveness and what the store holds."""
    s = _server(request)
    with s.reader() as store:
        counts = store.stats()
    return {"status": "ok", "version": __version__,
            "schema_version": getattr(s.store, "version", None), "counts": counts,
            "ingest_enabled": s.token is not None}


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
async def articles(request: Request, q: Text = None, outlet: Text = None,
             start: From = None, end: To = None, limit: Limit = 50,
             offset: Offset = 0) -> Response:
    """Articles, newest first; ``q`` searches titles and texts (case-insensitive)."""
    s = _server(request)
    f = ArticleFilter(q=q, outlet=outlet, start=_iso(start), end=_iso(end), limit=limit,
                      offset=offset)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            rows, total = list_articles(store, f)
        return {"total": total, "limit": limit, "offset": offset, "articles": rows}

    return await _cached_json(s, request, run)


@router.get("/articles/{article_id}", tags=["articles"])
async def article(request: Request,
            article_id: Annotated[str, Path(max_length=64)]) -> Response:
    """One article's full record: text, mentions, events, quotes, timexes, deadlines."""
    s = _server(request)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            found = get_article(store, article_id)
        if found is None:
            raise _not_found("article", article_id)
        return found

    return await _cached_json(s, request, run)


@router.get("/events", response_model=EventPage, tags=["events"])
async def events(
    request: Request,
    actor: Annotated[str | None, Query(max_length=100, description="Either side.")] = None,
    source: Text = None,
    target: Text = None,
    category: Annotated[str | None, Query(max_length=20, description="PLOVER category.")] = None,
    channel: Literal["public", "private"] | None = None,
    start: From = None,
    end: To = None,
    country: Annotated[str | None, Query(max_length=3, description="Where it happened: "
                                         "ISO alpha-3 (UKR).")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="Inside min_lon,min_lat,"
                                      "max_lon,max_lat.")] = None,
    near: Annotated[str | None, Query(max_length=100, description="Within radius of a "
                                      "place (Kharkiv) or LAT,LON.")] = None,
    radius: Annotated[str | None, Query(max_length=20, description="Distance for near: "
                                        "50km (default), 30mi.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    all: Annotated[bool, Query(description="Also events whose source is not a coded actor "
                               "with a country and events of stories that are not political "
                               "(hidden by default).")] = False,
    min_confidence: Annotated[float | None, Query(
        ge=0.0, le=1.0, description="Only events with at least this calibrated confidence "
        "(0-1).")] = None,
) -> Response:
    """Events with their evidence sentence and place, newest first. Actor filters take a
    country (RUS), an actor code prefix (USAGOV), an id or a name (Witkoff); place filters
    take where the event happened. By default only events whose source is a coded actor,
    in political stories; ``all=true`` lists the rest too (``off_topic`` says why an
    article is not a political story)."""
    from detente.extract.where.filters import place_filter

    s = _server(request)
    f = EventFilter(actor=actor, source=source, target=target, category=category,
                    channel=channel, start=_iso(start), end=_iso(end), limit=limit,
                    offset=offset, coded=not all, min_confidence=min_confidence,
                    **place_filter(country=country, near=near, radius=radius, bbox=bbox))

    def run() -> dict[str, Any] | bytes:
        index = s.event_index()
        if index is not None:  # the page is JSON already
            page, total = index.select_json(f)
            return (f'{{"total":{total},"limit":{limit},"offset":{offset},'
                    f'"events":{page}}}').encode()
        with s.reader() as store:
            rows, total = list_events(store, f)
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    return await _cached_json(s, request, run, inline=s.built_indexes()[0] is not None)


@router.get("/events/{event_id}", tags=["events"])
async def event(request: Request,
          event_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One event as in the record, with its evidence and trigger spans and its article."""
    s = _server(request)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            found = get_event(store, event_id)
        if found is None:
            raise _not_found("event", event_id)
        return found

    return await _cached_json(s, request, run)


@router.get("/positions", tags=["positions"])
async def positions(request: Request, actor: Text = None, issue: Text = None,
                    stance: Text = None, versus: Text = None, limit: Limit = 50,
                    offset: Offset = 0) -> Response:
    """Positions (actor, stance, issue, evidence), newest first. With ``issue``, ``actor``
    and ``versus``: the two sides' positions on that issue side by side."""
    s = _server(request)
    f = PositionFilter(actor=actor, issue=issue, stance=stance, limit=limit, offset=offset)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            if versus and actor and issue:
                return positions_side_by_side(store, issue, actor, versus, limit=limit)
            rows, total = list_positions(store, f)
        return {"total": total, "limit": limit, "offset": offset, "positions": rows}

    return await _cached_json(s, request, run)


@router.get("/quotes", response_model=QuotePage, tags=["quotes"])
async def quotes(request: Request, speaker: Text = None, about: Text = None,
           anonymous: bool | None = None, start: From = None, end: To = None,
           dyad: Annotated[str | None, Query(
               max_length=100, pattern=r"^[A-Za-z0-9]+,[A-Za-z0-9]+$",
               description="Two actors, USA,RUS: only quotes in articles reporting an event "
               "between them.")] = None,
           limit: Limit = 50, offset: Offset = 0) -> Response:
    """Quotes with speaker, role and the anonymous-source flag, newest first."""
    s = _server(request)
    pair = None
    if dyad:
        first, second = dyad.split(",", 1)
        pair = (first, second)
    f = QuoteFilter(speaker=speaker, about=about, anonymous=anonymous, start=_iso(start),
                    end=_iso(end), dyad=pair, limit=limit, offset=offset)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            rows, total = list_quotes(store, f)
        return {"total": total, "limit": limit, "offset": offset, "quotes": rows}

    return await _cached_json(s, request, run)


@router.get("/deadlines", response_model=DeadlinePage, tags=["deadlines"])
async def deadlines(
    request: Request,
    as_of: Annotated[IsoDate | None, Query(description="Status on this day (default: today).")
                     ] = None,
    issuer: Text = None,
    target: Text = None,
    status: Literal["active", "expired", "met", "shortened", "extended", "superseded"
                    ] | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Ultimatums and deadlines issued by ``as_of``, with their status that day and the
    days left until expiry (negative once passed)."""
    s = _server(request)
    day = as_of or date.today()
    f = DeadlineFilter(as_of=day, issuer=issuer, target=target, status=status, limit=limit,
                       offset=offset)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            rows, total = filter_deadlines(store, f)
        return {"total": total, "limit": limit, "offset": offset, "as_of": day,
                "deadlines": rows}

    return await _cached_json(s, request, run, day)


@router.get("/actors/resolve", response_model=ActorOut, tags=["actors"])
def resolve_actor(
    text: Annotated[str, Query(min_length=1, max_length=200, description="A name or phrase.")],
    on: Annotated[IsoDate | None, Query(alias="date", description="As of this day.")] = None,
    context: Annotated[str | None, Query(max_length=2000)] = None,
) -> dict[str, Any]:
    """Who ``text`` names, as of ``date`` (e.g. "the Russian president" on 2025-08-07)."""
    try:
        from detente.extract.actors.resolver import resolve
    except ImportError:
        raise ApiError(503, "actor resolution is not available in this build") from None
    return dataclasses.asdict(resolve(text, date=_iso(on), context=context))


@router.get("/relations/{a}/{b}", tags=["relations"])
async def relations(
    request: Request, a: ActorCode, b: ActorCode,
    freq: Literal["day", "week", "month"] = "week",
    start: From = None,
    end: To = None,
) -> Response:
    """The relations index of a dyad over time (public and private tracks), its lowest and
    highest points and turning points, each with the events behind it."""
    from detente.analyze.relations import (
        cluster_details,
        dyad_frame,
        dyad_series,
    )

    s = _server(request)
    if start and end and start > end:
        raise ApiError(400, "from is after to")

    def run() -> bytes:
        index = s.cluster_index()  # brings the clusters up to date once per store version
        dyad = (a.strip().upper(), b.strip().upper())
        if index is not None:
            # The dyad's frame and history from the in-memory clusters, no DuckDB query.
            return window_json(s, index, a, b, freq, _iso(start), _iso(end))

        def frame() -> DyadFrame:
            with s.reader() as store:
                return dyad_frame(store, a, b, dedupe=False)

        # The dyad's whole history once per store version and frequency; a request shows
        # a window of it. DuckDB is read (holding a reader slot) only to fill these.
        series = s.memo(("dyad-series", *dyad, freq),
                        lambda: dyad_series(s.memo(("dyad-frame", *dyad), frame), freq))
        # What the points show of their events, by cluster id, kept per dyad as well.
        known: dict[str, dict[str, Any]] = s.memo(("dyad-details", *dyad), dict)

        def details(ids: Sequence[str]) -> list[dict[str, Any]]:
            missing = [i for i in ids if i not in known]
            if missing:
                with s.reader() as store:
                    known.update((r["cluster_id"], r) for r in cluster_details(store, missing))
            return [known[i] for i in ids if i in known]

        return series.window(_iso(start), _iso(end), details).to_json().encode()

    dyad = (a.strip().upper(), b.strip().upper())
    index = s.built_indexes()[1]
    built = s.memo_get(("dyad-series", *dyad, freq))
    if index is not None and built is None and s.cache_get(_key(request)) is None:
        # A history not built yet is built in a thread (the event loop answers other
        # requests meanwhile), and its window shown as any built one's: in a thread, a
        # window of a year of days took 5-10 times its 1 ms of work among the first 50
        # distinct requests (bench/bench_api.py), waiting for the interpreter.
        s.prefetch(index, a, b, freq)
        built = (await run_in_threadpool(s.dyad_history, index, a, b, freq))[1]
    # A window of a built history is answered on the event loop when it is short (a
    # request the fast lane did not answer: detente.api.fast_lane).
    ready = (index is not None and built is not None
             and built.periods(_iso(start), _iso(end)) <= INLINE_PERIODS)
    return await _cached_json(s, request, run, inline=ready)


@router.get("/dyads", response_model=list[DyadRow], tags=["relations"])
async def dyads(request: Request,
          limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Response:
    """Pairs of countries by how many events they share, busiest first (the dashboard's
    dyad picker)."""
    s = _server(request)

    def run() -> list[dict[str, Any]]:
        with s.reader() as store:
            return busiest_dyads(store, limit=limit)

    return await _cached_json(s, request, run)


@router.get("/network", response_model=Network, tags=["relations"])
async def actor_network(request: Request, start: From = None, end: To = None,
                  limit: Annotated[int, Query(ge=1, le=200)] = 40) -> Response:
    """The actor network of a period: actors as nodes, event counts on the edges."""
    s = _server(request)

    def run() -> dict[str, Any]:
        with s.reader() as store:
            return network(store, start=_iso(start), end=_iso(end), limit=limit)

    return await _cached_json(s, request, run)


# A request tries the routes in order, each try costing a few microseconds (42 of the 310 a
# cached /relations answer took when it came tenth): the two the dashboard and scripts ask
# most come first. No other route's path matches theirs, so the order changes no answer.
_HOT = ("/events", "/relations/{a}/{b}")
router.routes.sort(key=lambda route: getattr(route, "path", None) not in _HOT)
