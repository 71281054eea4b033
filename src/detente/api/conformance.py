"""HTTP details the OpenAPI document promises: HEAD wherever GET is served, ``Allow`` listing
every method of a path, dates only as ``YYYY-MM-DD``, and the token checked before the body.

Found by schemathesis with ``--checks all`` (tests/api/test_openapi_fuzz.py runs it).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet", "allowed_methods", "iso_date"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(value: Any) -> Any:
    """A query date as ``YYYY-MM-DD`` only: pydantic alone would read ``0`` as 1970-01-01
    (a Unix time) and ``2025-08-07T10:00`` as a day."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise ValueError("use a date as YYYY-MM-DD, e.g. 2025-08-07")
    return value.strip()


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: Any, scope: Scope) -> list[str]:
    """Every method some route serves at this request's path (HEAD wherever GET is), found
    by asking each route (FastAPI nests included routers) whether it takes the method."""
    methods = {m for m in _METHODS for route in getattr(app, "routes", ())
               if route.matches({**scope, "method": m})[0] == Match.FULL}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class HeadAsGet:
    """Answers HEAD as GET without the body (FastAPI routes declare GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
