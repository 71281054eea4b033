"""Every list the API answers, also as CSV: ``/api/v1/events.csv?...`` is ``/api/v1/events?...``
with the rows of its list (``events``, ``quotes``, ``series`` ...) as a CSV table, header
first, nested values as compact JSON. Errors stay JSON, with their status."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["CsvSuffix", "rows_to_csv"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def _rows(body: Any) -> list[dict[str, Any]] | None:
    """The table in an answer: the answer itself when it is a list, else its first list of
    objects (a page's ``events``, a relations answer's ``series``)."""
    if isinstance(body, list):
        return [r if isinstance(r, dict) else {"value": r} for r in body]
    if isinstance(body, dict):
        for value in body.values():
            if isinstance(value, list) and all(isinstance(r, dict) for r in value):
                return value
        return [body]
    return None


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "" if value is None else value


def rows_to_csv(body: Any) -> str | None:
    """CSV of the table in a JSON answer (columns in first-seen order), or None when the
    answer holds no table."""
    rows = _rows(body)
    if rows is None:
        return None
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


class CsvSuffix:
    """ASGI middleware: a GET under ``prefix`` whose path ends in ``.csv`` is answered by the
    route without the suffix, its JSON turned into CSV."""

    def __init__(self, app: App, prefix: str = "/api/v1/") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD")
                or not path.startswith(self.prefix) or not path.endswith(".csv")):
            await self.app(scope, receive, send)
            return
        inner = dict(scope, path=path[:-4], raw_path=path[:-4].encode())
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner, receive, capture)
        body = b"".join(chunks)
        headers = [(k, v) for k, v in start.get("headers", [])
                   if k.lower() not in (b"content-length", b"content-type")]
        status = int(start.get("status", 500))
        text = None
        if status < 400:
            try:
                text = rows_to_csv(json.loads(body))
            except ValueError:
                text = None
        if text is None:  # an error, or nothing tabular: answer as the route did
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        data = text.encode("utf-8")
        await send({"type": "http.response.start", "status": status, "headers": [
            *headers, (b"content-type", b"text/csv; charset=utf-8"),
            (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD"
                    else data})
