"""What every request shares (:class:`ServerState`): the store, its write lock, the token,
the answer caches and the in-memory events listing; and how the server behaves
(:class:`ServeOptions`).

The server owns the DuckDB file as its single writer: one connection, writes serialized by a
lock, each read on its own cursor (DuckDB's MVCC lets reads run beside a write).
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import itertools
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from detente.analyze.relations.frame import FREQS
from detente.api.cluster_index import ClusterIndex, DyadRows
from detente.api.event_index import EventIndex
from detente.api.prebuild import BuildPool, PrebuildOptions, Prepared, rss_bytes
from detente.config import ExtractOptions, IngestOptions
from detente.errors import StoreLockedError
from detente.store.db import Store
from detente.store.queries import event_count

if TYPE_CHECKING:
    from detente.analyze.relations import DyadFrame, DyadSeries, RelationsOptions
    from detente.analyze.relations.columns import SeriesParts
    from detente.extract.pipeline import Pipeline

__all__ = ["ServeOptions", "ServerState"]

T = TypeVar("T")
log = logging.getLogger("detente.api")


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
    # Histories built at start-up, before the first request (see PrebuildOptions).
    prebuild: PrebuildOptions = field(default_factory=PrebuildOptions)
    # Processes that build the histories of `build_pool_days` periods or more
    # (detente.api.prebuild.BuildPool), started when the store holds at least
    # `build_pool_events` events (they take a second or so to start); 0: none, all in the
    # server's process. As many histories are built at once as there are processes.
    # Ten years of days go there (a sparse dyad's: 30 ms, most of it turning points) and
    # ten years of weeks: built in the server's process instead, among the first 50
    # distinct /relations requests of bench/bench_api.py, they kept the event loop from
    # the interpreter (p99 122-186 ms against about 100-160). A third process did not help.
    build_pool_workers: int = 2
    build_pool_events: int = 50_000
    build_pool_days: int = 500
    # Their priority below the server's (os.nice): a build is waited for by one request,
    # the event loop by all of them. Among the first 50 distinct /relations requests of
    # bench/bench_api.py on 2 cores, the 31st answer (what sets the p99 of its 2,000)
    # came after 118 ms at 10 against 140 ms at 0 (means of 11 runs each, two sets; sooner
    # in 8 of the 11 pairs).
    build_pool_nice: int = 10
    # GET /events answers from an in-memory copy of the listing up to this many events
    # (about 200 bytes each on the 1M-event benchmark store, plus their evidence and
    # titles; see detente.api.event_index), and GET /relations from one of the clusters
    # (detente.api.cluster_index); from DuckDB above it.
    event_index_max: int = 5_000_000
    # Short relations windows of built histories answered without FastAPI's request
    # handling (detente.api.fast_lane); off, every request goes through the route.
    fast_lane: bool = True


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

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Queue:
    """``holders`` at a time, the waiting one with the lowest cost next (then the first to
    ask): shortest job first, so that a request for a short history does not wait behind
    the builds of long ones."""

    def __init__(self, holders: int = 1) -> None:
        self._cond = threading.Condition()
        self.holders = holders  # at once
        self._busy = 0
        self._waiting: list[tuple[float, int]] = []
        self._tickets = itertools.count()

    @contextlib.contextmanager
    def slot(self, cost: float) -> Iterator[None]:
        with self._cond:
            ticket = (cost, next(self._tickets))
            heapq.heappush(self._waiting, ticket)
            while self._busy >= self.holders or self._waiting[0] != ticket:
                self._cond.wait()
            heapq.heappop(self._waiting)
            self._busy += 1
            self._cond.notify_all()  # the next in line may hold a slot too
        try:
            yield
        finally:
            with self._cond:
                self._busy -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Inside :meth:`slot`: give the slot to the next in line while this one waits for
        something that does not hold the interpreter (another process's search). It counts
        again afterwards, without waiting: what is left of its job is short."""
        with self._cond:
            self._busy -= 1
            self._cond.notify_all()
        try:
            yield
        finally:
            with self._cond:
                self._busy += 1


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
        self.store.set_threads(1)
        self._open = True
        self.token = token
        self.options = options
        self.write_lock = threading.Lock()
        self.extract_lock = threading.Lock()
        # One dyad history built at a time (one a process of the build pool), the shortest
        # first (see the relations route).
        self._builds = _Queue()
        self._build_pool: BuildPool | None = None
        # Histories built ahead of their first request (see prefetch).
        self._prefetcher: ThreadPoolExecutor | None = None
        self._prefetching: set[tuple[int, tuple[str, str], str]] = set()
        self._prefetch_lock = threading.Lock()
        self.version = 0  # bumped by every write; keys the cache
        self._answers = _Lru(options.cache_size)
        self._inputs = _Lru(options.inputs_cache_size)
        # What :meth:`prepare` built, kept out of the LRU until the next write.
        self._kept: dict[Hashable, Any] = {}
        self._readers = threading.BoundedSemaphore(options.read_concurrency)
        self._pipeline: Pipeline | None = None
        self._deduped_at: int | None = None
        self._event_index: tuple[int, EventIndex | None] | None = None
        self._event_index_lock = threading.Lock()
        self._cluster_index: tuple[int, ClusterIndex | None] | None = None
        self._cluster_index_lock = threading.Lock()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A store view on a fresh cursor, for one request's reads."""
        with self._readers, self.store.cursor() as view:
            yield view

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
                self._kept.clear()

    def cache_get(self, key: Hashable) -> Any:
        """The cached answer for ``key`` at the current store version, or None."""
        return self._answers.get((self.version, key))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """An answer: ``compute()`` once per store version and key (an LRU of
        ``cache_size``)."""
        return self._answers.get_or_compute((self.version, key), compute)

    def cache_put(self, key: Hashable, body: Any) -> None:
        """Keep ``body`` as the answer for ``key`` at the current store version."""
        self._answers.put((self.version, key), body)

    def dyad_history(self, index: ClusterIndex, a: str, b: str,
                     freq: str) -> tuple[DyadRows, DyadSeries]:
        """A dyad's rows in the in-memory clusters and its whole history at ``freq``, each
        made once per store version. B-A is A-B seen from the other side (when no row
        matches both orders): built once, for the first order. Builds hold the interpreter,
        so they run one at a time, the shortest history first, and the windows of
        histories already built are answered in between."""
        from detente.analyze.relations import dyad_series

        dyad = (a.strip().upper(), b.strip().upper())
        rows: DyadRows = self.memo(("dyad-rows", *dyad), lambda: index.dyad(*dyad))

        def build(rows: DyadRows) -> DyadSeries:
            frame = rows.frame
            # What a build's cost grows with: the periods of its history (its turning points
            # most: 100 ms for 3,650 noisy days, 10 ms for 520 weeks) and its rows (the
            # sums: 10 ms for USA-RUS's 34,000 on the 1M-event benchmark store).
            periods = 1 + int(frame.day[-1] - frame.day[0]) // FREQS[freq] if len(frame) else 0
            pool = self._build_pool
            with self._builds.slot(periods + len(frame) / 10):
                rows.where()  # what its windows look their events up in, made here
                if pool is not None and periods >= self.options.build_pool_days:
                    return dyad_series(frame, freq, parts_of=self._built_elsewhere(pool))
                return dyad_series(frame, freq)

        def history() -> DyadSeries:
            other = (dyad[1], dyad[0])
            if other < dyad:
                mirror: DyadRows = self.memo(("dyad-rows", *other), lambda: index.dyad(*other))
                if rows.frame.is_reverse_of(mirror.frame):
                    base: DyadSeries = self.memo(("dyad-series", *other, freq),
                                                 lambda: build(mirror))
                    rows.share(mirror)
                    return base.reversed(rows.frame)
            return build(rows)

        series: DyadSeries = self.memo(("dyad-series", *dyad, freq), history)
        return rows, series

    def prefetch(self, index: ClusterIndex, a: str, b: str, freq: str) -> None:
        """Start building the dyad's histories at the other frequencies, when the server
        has build processes (a big store): one who asks for a dyad by week asks for it by
        day or month next (the dashboard's frequency switch), and in the first 50 distinct
        /relations requests of bench/bench_api.py the daily history of a dyad asked for
        by month was needed tens of milliseconds later."""
        if self._build_pool is None:
            return
        dyad = (a.strip().upper(), b.strip().upper())
        for other in FREQS:
            key = (self.version, dyad, other)
            if other == freq or self.memo_get(("dyad-series", *dyad, other)) is not None:
                continue
            with self._prefetch_lock:
                if key in self._prefetching:
                    continue
                self._prefetching.add(key)
                if self._prefetcher is None:
                    self._prefetcher = ThreadPoolExecutor(2, thread_name_prefix="prefetch")
                self._prefetcher.submit(self._prefetch_one, index, key)

    def _prefetch_one(self, index: ClusterIndex, key: tuple[int, tuple[str, str], str]) -> None:
        version, (a, b), freq = key
        try:
            if version == self.version:
                self.dyad_history(index, a, b, freq)
        except Exception:  # the request that needs it builds it again and reports it
            log.exception("building the %s history of %s-%s ahead failed", freq, a, b)
        finally:
            with self._prefetch_lock:
                self._prefetching.discard(key)

    def _built_elsewhere(self, pool: BuildPool) -> Callable[..., SeriesParts]:
        """``series_parts`` in ``pool``'s processes, the build's slot given to the next
        build meanwhile: two daily histories waiting for their turning points held both
        slots, and a monthly history that takes 6 ms to build waited 155 ms behind them
        among the first 50 distinct /relations requests (bench/bench_api.py)."""

        def build(frame: DyadFrame, freq: str, opts: RelationsOptions) -> SeriesParts:
            with self._builds.paused():
                return pool.parts(frame, freq, opts)

        return build

    def memo_get(self, key: Hashable) -> Any:
        """What :meth:`memo` holds for ``key`` at the current store version, or None."""
        kept = self._kept.get((self.version, key))
        return kept if kept is not None else self._inputs.get((self.version, key))

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What answers are computed from (a dyad's events, say): ``compute()`` once per
        store version and key, in an LRU of its own, which a stream of distinct answers
        does not push out (and what start-up built, which nothing pushes out)."""
        kept = self._kept.get((self.version, key))
        if kept is not None:
            return kept  # type: ignore[no-any-return]
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

    def built_indexes(self) -> tuple[EventIndex | None, ClusterIndex | None]:
        """The in-memory listing and clusters when both are built for the current store
        version (Nones otherwise: nothing is built here)."""
        version, events, clusters = self.version, self._event_index, self._cluster_index
        return (events[1] if events is not None and events[0] == version else None,
                clusters[1] if clusters is not None and clusters[0] == version
                and self._deduped_at in (None, version) else None)

    def cluster_index(self) -> ClusterIndex | None:
        """The in-memory clusters of the current store version (brought up to date first),
        or None when the store holds too many events for one."""
        self.ensure_deduped()
        version = self.version
        built = self._cluster_index
        if built is not None and built[0] == version:
            return built[1]
        with self._cluster_index_lock:
            built = self._cluster_index
            if built is None or built[0] != version:
                with self.reader() as store:
                    index = (ClusterIndex.build(store) if event_count(store)
                             <= self.options.event_index_max else None)
                built = self._cluster_index = (version, index)
        return built[1]

    def prepare(self) -> Prepared:
        """Build what answers are computed from before the first request, so that no
        request waits for it: the events listing and the clusters (4 s and 2 s on the
        1M-event benchmark store), and the histories of the densest dyads
        (:meth:`prebuild`)."""
        start = time.perf_counter()
        opts = self.options
        if opts.build_pool_workers > 0 and self._build_pool is None:
            with self.reader() as store:
                if event_count(store) >= opts.build_pool_events:
                    self._build_pool = BuildPool(opts.build_pool_workers,  # starts meanwhile
                                                 nice=opts.build_pool_nice)
                    self._builds.holders = opts.build_pool_workers
        self.event_index()
        clusters = self.cluster_index()
        indexed = time.perf_counter()
        rss = rss_bytes()
        dyads = self.prebuild(clusters) if clusters is not None else 0
        done = time.perf_counter()
        # What start-up made lives as long as the server: out of the collector's sight, a
        # full collection does not walk it in the middle of requests.
        gc.collect()
        gc.freeze()
        return Prepared(indexes_seconds=indexed - start, dyads=dyads,
                        histories=len(self._kept), prebuild_seconds=done - indexed,
                        prebuild_bytes=max(rss_bytes() - rss, 0))

    def prebuild(self, clusters: ClusterIndex) -> int:
        """Build and keep the histories of the densest dyads, both orders, every
        frequency, within the options' budget (:class:`PrebuildOptions`): how many dyads."""
        opts = self.options.prebuild
        if opts.seconds <= 0 or opts.max_dyads <= 0:
            return 0
        deadline = time.perf_counter() + opts.seconds
        dense = clusters.dense(opts.min_events)[:opts.max_dyads]
        version = self.version

        def build(dyad: tuple[str, str, int]) -> bool:
            if time.perf_counter() >= deadline:
                return False
            a, b = dyad[0].strip().upper(), dyad[1].strip().upper()
            for freq in FREQS:
                for x, y in ((a, b), (b, a)):
                    self.dyad_history(clusters, x, y, freq)
            for key in [("dyad-rows", a, b), ("dyad-rows", b, a),
                        *[("dyad-series", x, y, f) for f in FREQS
                          for x, y in ((a, b), (b, a))]]:
                value = self._inputs.get((version, key))
                if value is not None:
                    self._kept[(version, key)] = value
            return True

        # As many dyads at once as histories may be built at once (see build_pool_workers).
        with ThreadPoolExecutor(self._builds.holders) as threads:
            return sum(threads.map(build, dense))

    def pipeline(self) -> Pipeline:
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
            if self._prefetcher is not None:
                self._prefetcher.shutdown(wait=True, cancel_futures=True)
                self._prefetcher = None
            if self._build_pool is not None:
                self._build_pool.close()
                self._build_pool = None
                self._builds.holders = 1
