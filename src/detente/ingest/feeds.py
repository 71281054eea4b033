"""RSS and Atom feeds: one article per entry, by fetching the entry's page or from the
entry's own content when ``fetch_feed_items`` is off (or the entry has no link)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import feedparser

from detente.errors import IngestError
from detente.ingest.article import Meta, make_article_from
from detente.ingest.html import fragment_text
from detente.model import Article
from detente.timeml import news_date

__all__ = ["looks_like_feed", "read_feed"]

# Fetches one entry's page and reads it as an article: (url, prefer, fallback), where
# ``prefer`` beats what the page says and ``fallback`` fills in what it does not say.
PageReader = Callable[[str, Meta, Meta], Iterator[Article | IngestError]]


def looks_like_feed(head: str) -> bool:
    """Whether the start of a document is an RSS, Atom or RDF feed."""
    lowered = head[:2048].lower()
    return any(tag in lowered for tag in ("<rss", "<feed", "<rdf:rdf"))


def _entry_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw and news_date(str(raw)) is not None:
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
    try:
        # A stream, never bytes: given bytes, feedparser first tries them as a file name
        # (a feed whose body is "/etc/passwd" would read that file).
        parsed = feedparser.parse(io.BytesIO(data))
    except (ValueError, UnicodeError, LookupError):
        # feedparser trips over garbage in the XML declaration's encoding (found by fuzzing).
        yield IngestError(input, "malformed feed")
        return
    # A cut-off feed can parse into an entry with nothing in it; that is not an entry.
    entries = [e for e in parsed.get("entries") or [] if e.get("link") or _entry_text(e).strip()]
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
            # The entry's title, date and author are structured data and beat what is
            # scraped from the page; the page's site name beats the feed's title as outlet.
            yield from read_page(str(link), meta, Meta(outlet=outlet))
            continue
        yield make_article_from(
            _entry_text(entry), input=name, meta=overrides.over(meta.over(Meta(outlet=outlet)))
        )
