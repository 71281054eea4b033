"""Streaming: poll folders and feeds, ingest what is new, extract it, update the store.

Surviving restarts without duplicates takes two things. Articles are keyed by content hash,
so the store's primary key never holds one twice. And the table ``watch_seen`` remembers
every file (path, size, modification time) and feed entry (id, updated) already handled, so
an unchanged item is not read again. An item is marked seen only after its articles are
stored *and* extracted, so a watcher killed in between reads it again on restart and
extracts whatever of it is still unprocessed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions, IngestOptions
from detente.errors import IngestError
from detente.extract.pipeline import Pipeline
from detente.model import Article
from detente.store.db import Store
from detente.store.watch import create_seen_table, mark_seen, unprocessed_ids
from detente.store.watch import seen as seen_items

__all__ = ["PollSummary", "poll", "watch"]

Reader = Callable[[], Iterator[Article | IngestError]]


@dataclass
class PollSummary:
    """What one or more polls did."""

    polls: int = 0
    items: int = 0  # files and feed entries read (new or changed)
    articles: int = 0  # articles read from them
    new: int = 0  # articles not in the store before
    processed: int = 0  # articles extracted
    failures: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, other: PollSummary) -> None:
        self.polls += other.polls
        self.items += other.items
        self.articles += other.articles
        self.new += other.new
        self.processed += other.processed
        self.failures.extend(other.failures)


@dataclass(frozen=True, slots=True)
class _Change:
    source: str
    item: str
    version: str
    read: Reader


class _LazyPipeline:
    """The Pipeline, built on first use: a poll that finds nothing new loads no model."""

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options
        self._pipeline: Pipeline | None = None

    def get(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.options)
        return self._pipeline


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


# --- what changed -------------------------------------------------------------------------


def _file_changes(
    store: Store, source: str, options: IngestOptions, failures: list[IngestError]
) -> Iterator[_Change]:
    from detente.ingest import read_inputs
    from detente.ingest.sources import is_article_file

    root = Path(source)
    if not root.exists():
        failures.append(IngestError(source, "no such file or directory"))
        return
    if root.is_dir():
        paths: list[Path] = []
        for directory, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            # Files that are not articles (README, LICENSE, .csv) are left alone, as the
            # ingest walk does; not reported on every poll.
            paths.extend(
                Path(directory) / n
                for n in sorted(names)
                if not n.startswith(".") and is_article_file(n)
            )
    else:
        paths = [root]
    seen = seen_items(store, source)
    for path in paths:
        try:
            info = path.stat()
        except OSError:  # vanished between listing and stat, or a missing source
            continue
        version = f"{info.st_size}:{info.st_mtime_ns}"
        if seen.get(str(path)) == version:
            continue
        name = str(path)
        yield _Change(source, name, version, partial(read_inputs, [name], options))


def _feed_entry_reader(entry: Any, feed_title: str | None, options: IngestOptions) -> Reader:
    """Read one feed entry as the ingest feed reader would: its page when it has a link
    (the entry's date beating the page's), else its own content."""
    from detente.ingest import make_article, read_inputs
    from detente.ingest.html import fragment_text
    from detente.timeml import news_date

    link = entry.get("link")
    raw_date = dict.get(entry, "published") or dict.get(entry, "updated")
    date = news_date(str(raw_date)) if raw_date else None

    def read() -> Iterator[Article | IngestError]:
        if link and options.fetch_feed_items:
            opts = replace(options, published=options.published or date)
            yield from read_inputs([str(link)], opts)
            return
        content = entry.get("content") or [{}]
        html = str(content[0].get("value") or entry.get("summary") or "")
        yield make_article(
            fragment_text(html), input=str(link or entry.get("id") or "feed entry"),
            title=entry.get("title"), url=str(link) if link else None,
            outlet=options.outlet or feed_title, author=entry.get("author"),
            published=options.published or date,
        )

    return read


def _feed_changes(
    store: Store, source: str, options: IngestOptions, failures: list[IngestError]
) -> Iterator[_Change]:
    import feedparser

    from detente.ingest.fetch import Fetcher

    fetcher = Fetcher(options)
    try:
        data = fetcher.get(source).body
    except IngestError as exc:
        failures.append(exc)
        return
    finally:
        fetcher.close()
    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        failures.append(IngestError(source, "malformed feed" if parsed.get("bozo")
                                    else "feed has no entries"))
        return
    seen = seen_items(store, source)
    title = parsed.get("feed", {}).get("title")
    for entry in entries:
        key = str(entry.get("id") or entry.get("link") or entry.get("title") or "")
        # dict.get: feedparser's own get maps a missing "updated" to "published", warning.
        version = str(dict.get(entry, "updated") or dict.get(entry, "published") or "")
        if not key or seen.get(key) == version:
            continue
        yield _Change(source, key, version, _feed_entry_reader(entry, title, options))


# --- one poll -----------------------------------------------------------------------------


def _handle(store: Store, change: _Change, pipeline: _LazyPipeline, out: PollSummary) -> None:
    items = list(change.read())
    articles = [a for a in items if isinstance(a, Article)]
    failures = [f for f in items if isinstance(f, IngestError)]
    out.items += 1
    out.articles += len(articles)
    out.new += store.add_articles(articles)
    store.add_failures(failures)
    out.failures.extend(failures)
    ids = list({a.id for a in articles})
    pending = unprocessed_ids(store, ids)
    todo = [a for a in dict((a.id, a) for a in articles).values() if a.id in pending]
    if todo:
        records = list(pipeline.get().run(todo))
        store.save_records(records)
        out.processed += len(records)
    mark_seen(store, change.source, change.item, change.version)


def poll(
    store: Store,
    sources: Sequence[str],
    ingest_options: IngestOptions,
    options: ExtractOptions,
    *,
    _pipeline: _LazyPipeline | None = None,
) -> PollSummary:
    """Look at every source once; ingest, extract and store what is new or changed."""
    create_seen_table(store)
    pipeline = _pipeline or _LazyPipeline(options)
    out = PollSummary(polls=1)
    for source in sources:
        if _is_url(source):
            changes = _feed_changes(store, source, ingest_options, out.failures)
        else:
            changes = _file_changes(store, source, ingest_options, out.failures)
        for change in changes:
            _handle(store, change, pipeline, out)
    return out


def watch(
    store: Store,
    sources: Sequence[str],
    ingest_options: IngestOptions,
    options: ExtractOptions,
    *,
    interval: float = 300.0,
    once: bool = False,
    on_poll: Callable[[PollSummary], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PollSummary:
    """Poll ``sources`` every ``interval`` seconds until interrupted (one poll with
    ``once``); ``on_poll`` gets each poll's summary. The model loads once, on the first
    article, and serves every later poll."""
    pipeline = _LazyPipeline(options)
    total = PollSummary()
    while True:
        began = time.monotonic()
        result = poll(store, sources, ingest_options, options, _pipeline=pipeline)
        total.add(result)
        if on_poll:
            on_poll(result)
        if once:
            return total
        sleep(max(0.0, interval - (time.monotonic() - began)))
