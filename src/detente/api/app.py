"""The HTTP API and dashboard: :func:`create_app` builds the FastAPI application.

The server owns the DuckDB file as its single writer: one connection, writes serialized by a
lock, each read on its own cursor (DuckDB's MVCC lets reads run beside a write). Every error,
whatever raised it (a bad parameter, an unknown route, a bug), leaves as one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'"}}
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.api.conformance import HeadAsGet, allowed_methods
from detente.api.event_index import EventIndex
from detente.config import ExtractOptions, IngestOptions
from detente.errors import (
    DetenteError,
    IngestError,
    StoreError,
    StoreLockedError,
    UnsafeURLError,
    UsageError,
)
from detente.store.db import Store

__all__ = ["ApiError", "ServeOptions", "ServerState", "create_app", "error_body"]

log = logging.getLogger("detente.serve")
T = TypeVar("T")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
}


@dataclass(frozen=True, kw_only=True)
class ServeOptions:
    """How the server behaves; the defaults are what ``detente serve`` uses."""

    # 2 MB per request body: a long article is ~50 KB of text and its HTML rarely passes
    # 1 MB; an upload bigger than that is a dump, which belongs to `detente ingest`.
    max_body_bytes: int = 2_000_000
    # Fetching for POST /articles {"url"}: the CLI's guard, private addresses refused.
    ingest: IngestOptions = field(default_factory=lambda: IngestOptions(allow_private=False))
    # One worker: the server extracts one posted article at a time, in its own process.
    extract: ExtractOptions = field(default_factory=lambda: ExtractOptions(workers=1))
    # Read answers kept per store version (a write clears them).
    cache_size: int = 256
    # What answers are computed from, per store version: dyads' events for /relations.
    inputs_cache_size: int = 64
    # Requests querying DuckDB at once; the others wait their turn (4 against 40: 81 vs
    # 59 req/s for distinct /events queries in bench/bench_api.py, 2 cores).
    read_concurrency: int = 4
    # GET /events answers from an in-memory copy of the listing up to this many events
    # (about 1 KB each; see detente.api.event_index), from DuckDB above it.
    event_index_max: int = 100_000


class ApiError(Exception):
    """An error a route raises on purpose; rendered as the one error shape."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.headers = headers


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"),
                      "message": message}}


def _error(status: int, message: str, code: str | None = None,
           headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, code), status_code=status,
                        headers=dict(headers) if headers else None)


class _CursorStore(Store):
    """A read view of the server's store on its own DuckDB cursor (closed after use)."""

    def __init__(self, con: Any, path: str) -> None:  # no super().__init__: no new file open
        self.con = con
        self.path = path


class _Lru:
    """A thread-safe least-recently-used map whose values are computed once per key: when
    several requests miss the same key at once, one computes and the others wait for it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]  # type: ignore[no-any-return]
                busy = self._computing.get(key)
                if busy is None:
                    mine = self._computing[key] = threading.Lock()
                    mine.acquire()
                    break
            with busy:  # another request is computing it: wait, then look again
                pass
        try:
            value = compute()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._computing[key]
            mine.release()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class ServerState:
    """What every request shares: the store, its write lock, the token and a small cache."""

    def __init__(self, db_path: Path, *, token: str | None, options: ServeOptions) -> None:
        self.db_path = db_path
        # Without a token nothing is written: the store is opened read-only, so that read
        # commands (and other servers) can use it at the same time.
        self.read_only = token is None
        self.store = self._open_store()
        # One DuckDB thread per query: the server's queries are small and many run at once;
        # bench/bench_api.py measured 117 req/s for distinct /events queries with 1 thread
        # against 81 with the default 2 (50 clients, 2 cores, a loaded machine).
        self.store.con.execute("SET threads TO 1")
        self._open = True
        self.token = token
        self.options = options
        self.write_lock = threading.Lock()
        self.extract_lock = threading.Lock()
        self.version = 0  # bumped by every write; keys the cache
        self._answers = _Lru(options.cache_size)
        self._inputs = _Lru(options.inputs_cache_size)
        self._readers = threading.BoundedSemaphore(options.read_concurrency)
        self._pipeline: Any = None
        self._deduped_at: int | None = None
        self._event_index: tuple[int, EventIndex | None] | None = None
        self._event_index_lock = threading.Lock()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A store view on a fresh cursor, for one request's reads."""
        with self._readers:
            cursor = self.store.con.cursor()
            try:
                yield _CursorStore(cursor, self.store.path)
            finally:
                cursor.close()

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """The store itself, held by this request alone; the cache is dropped after."""
        with self.write_lock:
            try:
                yield self.store
            finally:
                self.version += 1
                self._answers.clear()
                self._inputs.clear()

    def cache_get(self, key: Hashable) -> Any:
        """The cached answer for ``key`` at the current store version, or None."""
        return self._answers.get((self.version, key))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """An answer: ``compute()`` once per store version and key (an LRU of
        ``cache_size``)."""
        return self._answers.get_or_compute((self.version, key), compute)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What answers are computed from (a dyad's events, say): ``compute()`` once per
        store version and key, in an LRU of its own, which a stream of distinct answers
        does not push out."""
        return self._inputs.get_or_compute((self.version, key), compute)

    def ensure_deduped(self) -> None:
        """Bring the event clusters relations are computed on up to date with the store:
        it writes, so it runs under the write lock, once per store version."""
        if self._deduped_at == self.version or self.read_only:
            return
        from detente.analyze.dedup import ensure_deduped

        with self.write_lock:
            if self._deduped_at != self.version:
                ensure_deduped(self.store)
                self._deduped_at = self.version

    def event_index(self) -> EventIndex | None:
        """The in-memory events listing of the current store version (built by the first
        request that needs it), or None when the store holds too many events for one."""
        version = self.version
        built = self._event_index
        if built is not None and built[0] == version:
            return built[1]
        with self._event_index_lock:
            built = self._event_index
            if built is None or built[0] != version:
                with self.reader() as store:
                    index = EventIndex.build(store, max_events=self.options.event_index_max)
                built = self._event_index = (version, index)
        return built[1]

    def pipeline(self) -> Any:
        """The extraction pipeline, loaded on first use (spaCy takes a second or two)."""
        if self._pipeline is None:
            from detente.extract.pipeline import Pipeline

            self._pipeline = Pipeline(self.options.extract)
        return self._pipeline

    def open(self) -> None:
        """Open the store again after :meth:`close` (an app may be started more than once,
        as test clients do)."""
        with self.write_lock:
            if not self._open:
                self.store = self._open_store()
                self._open = True
                self.version += 1

    def _open_store(self) -> Store:
        """The store, read-only without a token. A read-only store's event clusters are
        brought up to date first (briefly writable) when they are out of date and no other
        process holds the file; nothing can change them while the server reads."""
        if not self.read_only:
            return Store(self.db_path)
        from detente.analyze.dedup import clusters_current, ensure_deduped

        store = Store(self.db_path, read_only=True)
        if clusters_current(store):
            return store
        store.close()
        with contextlib.suppress(StoreLockedError), Store(self.db_path) as writable:
            ensure_deduped(writable)
        return Store(self.db_path, read_only=True)

    def close(self) -> None:
        with self.write_lock:
            if self._open:
                self.store.close()
                self._open = False


class _BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, before any route reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = _error(413, f"request body over {self.limit} bytes: post long documents "
                         "with `detente ingest` instead")
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await too_big(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await too_big(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class _SecurityHeaders:
    """nosniff everywhere; a strict Content-Security-Policy (no inline script) on pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                    headers.append((b"content-security-policy", _CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path")]
        where = ".".join(loc)
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else
                     str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return _error(exc.status, exc.message, exc.code, exc.headers)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "no such endpoint; see /openapi.json"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers.pop("allow", None)
            allowed = headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
            message = f"{request.method} is not allowed here" + (
                f"; use {allowed}" if allowed else "")
        return _error(exc.status_code, message, headers=headers or None)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        if request.method == "POST" and request.url.path == "/api/v1/articles":
            # FastAPI parses the body before it runs the token check: check it first, so
            # that a caller without the token learns that, not what is wrong with its JSON.
            from detente.api.ingest import require_token

            try:
                require_token(request, request.headers.get("authorization"))
            except ApiError as refused:
                return await api_error(request, refused)
        return _error(422, _validation_message(exc))

    async def detente_error(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, UnsafeURLError):
            return _error(400, str(exc), "unsafe_url")
        if isinstance(exc, IngestError):
            return _error(422, str(exc), "ingest_failed")
        if isinstance(exc, UsageError):
            return _error(400, str(exc))
        if isinstance(exc, StoreError):
            return _error(503, str(exc))
        log.exception("detente error in a request", exc_info=exc)
        return _error(500, str(exc))

    async def crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error in a request", exc_info=exc)
        return _error(500, "internal error; the server log has the details")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(Exception, crash)


def create_app(db_path: Path, *, token: str | None = None,
               options: ServeOptions | None = None) -> FastAPI:
    """The API (under ``/api/v1``) and the dashboard (at ``/``) over the store at ``db_path``.

    ``token`` enables ``POST /api/v1/articles`` (default: ``$DETENTE_API_TOKEN``); without one,
    ingest over HTTP is refused. The store is opened now and closed when the app shuts down.
    """
    from detente.api import dashboard, routes
    from detente.api.csv_format import CsvSuffix

    opts = options or ServeOptions()
    state = ServerState(db_path, token=token or os.environ.get("DETENTE_API_TOKEN") or None,
                        options=opts)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.open()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="detente",
        version=__version__,
        summary="Events, quotes, deadlines and relations extracted from the news, with evidence.",
        description="Every error has the shape "
                    '`{"error": {"status": int, "code": str, "message": str}}`. '
                    "Lists take `limit` and `offset` and say how many rows match in `total`. "
                    "Every GET also answers as CSV: add `.csv` to the path "
                    "(`/api/v1/events.csv?actor=RUS`). Interactive docs at `/docs`.",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's loads from a CDN; dashboard.docs serves a vendored copy
        redoc_url=None,
    )
    app.state.detente = state
    _install_error_handlers(app)
    app.include_router(routes.router, prefix="/api/v1")
    app.include_router(dashboard.router)
    dashboard.mount_static(app)
    app.add_middleware(CsvSuffix)
    app.add_middleware(_BodyLimit, limit=opts.max_body_bytes)
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
