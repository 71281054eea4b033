"""RSS and Atom feeds: one article per entry, by fetching the entry's page or from the
entry's own content when ``fetch_feed_items`` is off (or the entry has no link)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.ingest.dates import parse_date
from detente.ingest.html import fragment_text
from detente.model import Article

__all__ = ["looks_like_feed", "read_feed"]

# Fetches one entry's page and reads it as an article; ``fallback`` is the entry's metadata.
PageReader = Callable[[str, Meta], Iterator[Article | IngestError]]


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, Atom or RDF feed."""
    lowered = head[:2048].lower()
    return any(tag in lowered for tag in ("<rss", "<feed", "<rdf:rdf"))


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw and parse_date(str(raw)) is not None:
            return str(raw)
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
        if raw:
            return str(raw)  # unparseable: make_article reports it
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return fragment_text(str(value))
    return fragment_text(str(entry.get("summary") or ""))


def read_feed(
    data: bytes,
    *,
    input: str,
    overrides: Meta,
    fetch_items: bool,
    read_page: PageReader,
) -> Iterator[Article | IngestError]:
    """Every entry of the feed in ``data``. A feed that cannot be parsed into any entry is
    one failure; an entry that fails is one failure and the others go on."""
    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        yield IngestError(input, "malformed feed" if parsed.get("bozo") else "feed has no entries")
        return
    outlet = parsed.get("feed", {}).get("title")
    for number, entry in enumerate(entries, start=1):
        link = entry.get("link")
        name = str(link) if link else f"{input}#entry-{number}"
        meta = Meta(
            title=entry.get("title"),
            url=str(link) if link else None,
            author=entry.get("author"),
            published=_entry_date(entry),
        )
        if fetch_items and link:
            # The page's own site name beats the feed's title as the outlet.
            yield from read_page(str(link), Meta(title=meta.title, author=meta.author,
                                                 published=meta.published, outlet=outlet))
            continue
        yield make_article_from(
            _entry_text(entry), input=name, meta=overrides.over(meta.over(Meta(outlet=outlet)))
        )
