"""JSONL: one article per line, a news JSON object (``{"id", "text" | "html", "title", "url",
"published", "outlet", "author"}``, or the news-please keys; see :mod:`.newsjson`). Each line
is named ``path:LINENO``; a bad line is one failure and the other lines still ingest."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from detente.errors import IngestError
from detente.ingest.article import Meta
from detente.ingest.decode import cap_message, decode_bytes
from detente.ingest.newsjson import HtmlReader, news_article
from detente.model import Article

__all__ = ["read_jsonl"]


def read_jsonl(
    lines: Iterable[bytes],
    *,
    input: str,
    max_bytes: int,
    overrides: Meta,
    read_html: HtmlReader,
) -> Iterator[Article | IngestError]:
    """One article or failure per non-blank line of ``lines``; ``max_bytes`` caps a line."""
    for lineno, raw in enumerate(lines, start=1):
        name = f"{input}:{lineno}"
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield IngestError(name, cap_message(len(raw), max_bytes, "line"))
            continue
        try:
            obj = json.loads(decode_bytes(raw, input=name))
        except (IngestError, ValueError, RecursionError):
            yield IngestError(name, "line is not valid JSON")
            continue
        if not isinstance(obj, dict):
            yield IngestError(name, "line is not a JSON object")
            continue
        yield news_article(obj, name=name, overrides=overrides, read_html=read_html)
