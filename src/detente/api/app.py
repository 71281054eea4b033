"""The HTTP API and dashboard: :func:`create_app` builds the FastAPI application from the
routes (:mod:`~detente.api.routes`), the shared state (:mod:`~detente.api.state`), the
error shape (:mod:`~detente.api.errors`) and the dashboard (:mod:`~detente.api.dashboard`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.api import dashboard, routes
from detente.api.conformance import HeadAsGet
from detente.api.csv_format import CsvSuffix
from detente.api.errors import error_response, install_error_handlers
from detente.api.fast_lane import FastLane
from detente.api.ingest import require_token
from detente.api.state import ServeOptions, ServerState

__all__ = ["create_app"]


class _BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, before any route reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_big = error_response(413, f"request body over {self.limit} bytes: post long documents "
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


def _read_endpoints(routers: Iterable[APIRouter]) -> None:
    """Do now what FastAPI does on each route's first request: read its endpoint's source
    (file and line, for its error messages; ``fastapi.routing._extract_endpoint_context``,
    kept per endpoint). For /relations that took 6 ms, among the first 50 requests to a
    cold server of bench/bench_api.py, every other request waiting."""
    from fastapi import routing

    extract = getattr(routing, "_extract_endpoint_context", None)
    if extract is None:  # another FastAPI: nothing to do ahead
        return
    for router in routers:
        for route in router.routes:
            if isinstance(route, APIRoute):
                extract(route.dependant.call)


def create_app(db_path: Path, *, token: str | None = None,
               options: ServeOptions | None = None,
               announce: Callable[[str], None] | None = None) -> FastAPI:
    """The API (under ``/api/v1``) and the dashboard (at ``/``) over the store at ``db_path``.

    ``token`` enables ``POST /api/v1/articles`` (default: ``$DETENTE_API_TOKEN``); without one,
    ingest over HTTP is refused. The store is opened now and closed when the app shuts down.
    What start-up built and how long it took (:class:`Prepared`) goes to ``announce``, one
    line, and is ``app.state.prepared``.
    """
    opts = options or ServeOptions()
    state = ServerState(db_path, token=token or os.environ.get("DETENTE_API_TOKEN") or None,
                        options=opts)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.open()
        prepared = await run_in_threadpool(state.prepare)
        _read_endpoints((routes.router, dashboard.router))
        app.state.prepared = prepared
        if announce is not None:
            announce(f"detente: {prepared.summary()}")
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
    install_error_handlers(app, before_body={
        ("POST", "/api/v1/articles"):
            lambda request: require_token(request, request.headers.get("authorization")),
    })
    app.include_router(routes.router, prefix="/api/v1")
    app.include_router(dashboard.router)
    dashboard.mount_static(app)
    if opts.fast_lane:
        app.add_middleware(FastLane, state=state)
    app.add_middleware(CsvSuffix)
    app.add_middleware(_BodyLimit, limit=opts.max_body_bytes)
    app.add_middleware(_SecurityHeaders)
    app.add_middleware(HeadAsGet)
    return app
