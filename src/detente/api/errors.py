"""Every error the API returns, whatever raised it (a bad parameter, an unknown route, a
bug), leaves as one JSON shape::

    {"error": {"status": 404, "code": "not_found", "message": "no article with id 'x'"}}
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.api.conformance import allowed_methods
from detente.errors import DetenteError, IngestError, StoreError, UnsafeURLError, UsageError

__all__ = ["ApiError", "error_body", "error_response", "install_error_handlers"]

log = logging.getLogger("detente.api")

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


def error_response(status: int, message: str, code: str | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one error shape as a response."""
    return JSONResponse(error_body(status, message, code), status_code=status,
                        headers=dict(headers) if headers else None)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path")]
        where = ".".join(loc)
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else
                     str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install_error_handlers(
    app: FastAPI, *, before_body: Mapping[tuple[str, str], Callable[[Request], None]] | None = None,
) -> None:
    """Render every exception a request raises as the one error shape (500 for a bug, with
    the details in the server log only). ``before_body`` maps a (method, path) to a check
    that outranks a malformed body: FastAPI parses the body before it runs a route's
    dependencies, so a caller without the token would otherwise learn what is wrong with
    its JSON instead (401 before 422)."""
    checks = dict(before_body or {})

    async def api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.code, exc.headers)

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
        return error_response(exc.status_code, message, headers=headers or None)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        check = checks.get((request.method, request.url.path))
        if check is not None:
            try:
                check(request)
            except ApiError as refused:
                return await api_error(request, refused)
        return error_response(422, _validation_message(exc))

    async def detente_error(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, UnsafeURLError):
            return error_response(400, str(exc), "unsafe_url")
        if isinstance(exc, IngestError):
            return error_response(422, str(exc), "ingest_failed")
        if isinstance(exc, UsageError):
            return error_response(400, str(exc))
        if isinstance(exc, StoreError):
            return error_response(503, str(exc))
        log.exception("detente error in a request", exc_info=exc)
        return error_response(500, str(exc))

    async def crash(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error in a request", exc_info=exc)
        return error_response(500, "internal error; the server log has the details")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(Exception, crash)
