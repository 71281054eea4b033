"""``GET /api/v1/relations/{a}/{b}`` answered without FastAPI's request handling
(:class:`FastLane`) when its parameters are plainly valid and its answer is cached or a
short window of the dyad's history (built first if it is not). Anything else goes on to
the route, which answers it, or its error, as always: the lane only skips work, it never
decides an answer.

FastAPI's handling of a request (matching the route, reading and validating each
parameter again from its annotations, the response object) took about 200 of the 250
microseconds of a cached /relations answer in-process, and a fifth of the event loop's
time over the first 50 distinct /relations requests of bench/bench_api.py on the
1M-event store (cProfile of the server's main thread).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from detente.api.cluster_index import ClusterIndex
    from detente.api.state import ServerState

__all__ = ["INLINE_PERIODS", "FastLane", "answer_key", "window_json"]

# The most periods of a built history a window answered on the event loop shows: a year
# of days takes 2-3 ms, a whole 3,650-day history 25 ms, in which no other request would
# be answered.
INLINE_PERIODS = 400

# The route's path and its ActorCode pattern (routes.py).
_PATH = re.compile(r"/api/v1/relations/([A-Za-z0-9_.\-]{1,40})/([A-Za-z0-9_.\-]{1,40})")
_PARAMS = frozenset({"freq", "from", "to"})
_FREQS = frozenset({"day", "week", "month"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class FastLane:
    """ASGI middleware: the relations answers it can give from memory, given at once
    (innermost of the app's own middleware: HEAD, ``.csv`` and the security headers apply
    as to any answer). ``answered`` counts them."""

    def __init__(self, app: ASGIApp, state: ServerState) -> None:
        self.app = app
        self.state = state
        self.answered = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = (await self._answer(scope)
                if scope["type"] == "http" and scope["method"] == "GET" else None)
        if body is None:
            await self.app(scope, receive, send)
            return
        self.answered += 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", str(len(body)).encode()),
                                (b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    async def _answer(self, scope: Scope) -> bytes | None:
        """The answer's JSON, or None for the route to answer."""
        path = _PATH.fullmatch(scope["path"])
        if path is None:
            return None
        items = QueryParams(scope["query_string"]).multi_items()  # as the route reads them
        params = dict(items)
        if len(params) < len(items) or not params.keys() <= _PARAMS:
            return None  # a parameter twice, or one the lane does not know
        freq = params.get("freq", "week")
        start, end = params.get("from"), params.get("to")
        if freq not in _FREQS or not (_plain_date(start) and _plain_date(end)):
            return None
        if start and end and start > end:
            return None  # the route's 400
        s = self.state
        key = answer_key(scope["path"], items)
        body: bytes | None = s.cache_get(key)
        if body is not None:
            return body
        index = s.built_indexes()[1]
        if index is None:
            return None
        a, b = path.groups()
        built = s.memo_get(("dyad-series", a.upper(), b.upper(), freq))
        try:
            if built is None:
                # Built in a thread, as the route does: the event loop answers other
                # requests meanwhile.
                s.prefetch(index, a, b, freq)
                built = (await run_in_threadpool(s.dyad_history, index, a, b, freq))[1]
            if built.periods(start, end) > INLINE_PERIODS:
                return None
            body = window_json(s, index, a, b, freq, start, end)
        except Exception:  # the route computes it again and answers its error
            return None
        s.cache_put(key, body)
        return body


def answer_key(path: str, query: Sequence[tuple[str, str]], *extra: Any) -> tuple[Any, ...]:
    """What an answer is cached under: the request's path and query (and ``extra``)."""
    return (path, tuple(sorted(query)), *extra)


def window_json(s: ServerState, index: ClusterIndex, a: str, b: str, freq: str,
                start: str | None, end: str | None) -> bytes:
    """The JSON of the window ``start``-``end`` of the dyad's history at ``freq``, from the
    in-memory clusters (the history built first if it is not)."""
    rows, series = s.dyad_history(index, a, b, freq)
    return series.window(start, end, lambda ids: index.details(rows, ids)).to_json().encode()


def _plain_date(value: str | None) -> bool:
    """Absent, or a real day written YYYY-MM-DD (the route reads it as that day)."""
    if value is None:
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
