"""JSONL: one article per line, ``{"id", "text" | "html", "title", "url", "published",
"outlet", "author"}``. Each line is named ``path:LINENO``; a bad line is one failure and the
other lines still ingest. The ``id`` field is not used as the article id (that is always
the hash of the text, so the same article from two sources is one article)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.ingest.decode import cap_message, decode_bytes
from detente.model import Article

__all__ = ["JSONL_FIELDS", "read_jsonl"]

JSONL_FIELDS = ("title", "url", "published", "outlet", "author")
# (html, input name, metadata from the line) -> the article
HtmlReader = Callable[[str, str, Meta], Article | IngestError]


def _line_article(
    obj: Any, *, name: str, overrides: Meta, read_html: HtmlReader
) -> Article | IngestError:
    if not isinstance(obj, dict):
        return IngestError(name, "line is not a JSON object")
    for key in JSONL_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return IngestError(name, f'field "{key}" is not a string')
    meta = overrides.over(Meta(**{key: obj.get(key) for key in JSONL_FIELDS}))
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        return make_article_from(text, input=name, meta=meta)
    if isinstance(html, str) and html.strip():
        return read_html(html, name, meta)
    return IngestError(name, 'no "text" or "html" field')


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
        yield _line_article(obj, name=name, overrides=overrides, read_html=read_html)
