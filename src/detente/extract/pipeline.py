"""The extraction pipeline: spaCy parse in batches, then small stages, one layer each.

The stages (:class:`~detente.extract.stage.Stage`) are checked for order when the pipeline
is built. An exception in a stage, or a text spaCy cannot parse, is recorded on that article
(``Record.errors``) and the batch goes on (see :mod:`detente.extract.parse`).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import gc
import importlib
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from detente.config import ExtractOptions
from detente.errors import PipelineError
from detente.extract import template
from detente.extract.nlp import load_nlp
from detente.extract.parse import parse_texts
from detente.extract.stage import BASE_LAYERS, Draft, Stage
from detente.extract.workers import completed_map, exit_with_parent, ordered_map
from detente.model import Article, Record, StageError

__all__ = ["RECYCLE_EVERY", "STAGE_MODULES", "Pipeline", "WorkerPool", "default_stages",
           "extract_records"]

# Articles a pool's workers code before they are replaced by fresh ones. A long-lived worker
# grows with what it has coded: its caches fill (lemmas: up to 50,000 keys, about 15 MB;
# people decoded), spaCy's string store keeps every word new to it (a few per article) and
# the heap fragments. Measured with bench_memory.py (December 2026): peak 306 MB per worker
# after 1,000 articles, 335 MB after 20,000; bench_memory_slope.py shows it rising ~2 MB per
# 500 articles. Fresh workers cost each a model load (~3.6 s of CPU per RECYCLE_EVERY
# articles: ~3 % of the CPU of the benchmark's 400-character articles, under 1 % at news
# length).
RECYCLE_EVERY = 5000


def default_stages(options: ExtractOptions) -> list[Stage]:
    """The stages of the main job, in order: actors, time, events, quotes, quoted "we"/"I"
    (the quote's speaker), evaluative
    events (which need the quotes' speakers), the story test (events of a sports, business
    or accident story are marked), calibrated confidence, event dates, where, deadlines,
    positions. Imported here so that importing the pipeline stays cheap."""
    from detente.extract.actors.quoted import QuotedPersonStage
    from detente.extract.actors.stage import ActorStage
    from detente.extract.deadlines.stage import DeadlineStage
    from detente.extract.events.confidence import ConfidenceStage
    from detente.extract.events.dating import EventDatingStage
    from detente.extract.events.evaluative import EvaluativeStage
    from detente.extract.events.stage import EventStage
    from detente.extract.events.story import StoryStage
    from detente.extract.positions.stage import PositionStage
    from detente.extract.quotes.stage import QuoteStage
    from detente.extract.time.stage import TimexStage
    from detente.extract.where.stage import LocationStage

    return [
        ActorStage(options),
        TimexStage(),
        EventStage(options),
        QuoteStage(options, lexicon_files=options.lexicon_files),
        QuotedPersonStage(),
        EvaluativeStage(options),
        StoryStage(),
        ConfidenceStage(),
        EventDatingStage(),
        LocationStage(),
        DeadlineStage(),
        PositionStage(),
    ]


# The modules default_stages imports: a fork server started before its command knows the
# options (detente.extract.template.prestart) imports them, and spaCy, while it waits.
STAGE_MODULES = (
    "detente.extract.actors.quoted", "detente.extract.actors.stage",
    "detente.extract.deadlines.stage", "detente.extract.events.confidence",
    "detente.extract.events.dating", "detente.extract.events.evaluative",
    "detente.extract.events.stage", "detente.extract.events.story",
    "detente.extract.positions.stage", "detente.extract.quotes.stage",
    "detente.extract.time.stage", "detente.extract.where.stage",
)


def _import_for_build() -> None:
    """Import what every pipeline build needs, whatever its options."""
    import spacy  # noqa: F401  (1 s of the build on its own)

    for name in STAGE_MODULES:
        importlib.import_module(name)


def _check_order(stages: Sequence[Stage]) -> None:
    available = set(BASE_LAYERS)
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in available]
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} requires layer(s) {', '.join(missing)} that no earlier "
                "stage assigns; put the stage that assigns it first"
            )
        available.update(stage.assigns)


def _skip_reason(article: Article) -> str | None:
    if not article.text.strip():
        return "skipped: the article has no text"
    if article.language not in (None, "en"):
        return (
            f"skipped: detected language {article.language!r}; "
            "extraction covers English only"
        )
    return None


class Pipeline:
    """spaCy plus stages, for one process. Build once, call :meth:`run` on batches."""

    def __init__(self, options: ExtractOptions, stages: Sequence[Stage] | None = None) -> None:
        self.options = options
        self.stages = list(default_stages(options) if stages is None else stages)
        _check_order(self.stages)
        self.nlp = load_nlp(options.model)

    def run(self, articles: Iterable[Article]) -> Iterator[Record]:
        """Annotate articles, yielding one record per article in input order."""
        it = iter(articles)
        while batch := list(islice(it, self.options.batch_size)):
            yield from self._run_batch(batch)
            _release_memory()

    def _run_batch(self, batch: list[Article]) -> Iterator[Record]:
        records = [Record(article=a) for a in batch]
        todo: list[int] = []
        for i, rec in enumerate(records):
            reason = _skip_reason(rec.article)
            if reason:
                rec.errors.append(StageError("language" if "language" in reason else "parse",
                                             reason))
            else:
                todo.append(i)
        parsed = parse_texts(self.nlp, [records[i].article.text for i in todo],
                             max_chars=self.options.max_chars)
        for i, doc in zip(todo, parsed, strict=True):
            rec = records[i]
            if isinstance(doc, str):  # this text could not be parsed; its batch mates go on
                rec.errors.append(StageError("parse", doc))
                continue
            item = Draft(rec, doc, rec.article.published or self.options.published)
            for stage in self.stages:
                try:
                    item = stage(item)
                    item.layers.update(stage.assigns)
                except Exception as exc:  # a stage failing on one article never stops a batch
                    rec.errors.append(StageError(stage.name, f"{type(exc).__name__}: {exc}"))
        yield from records


def _libc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, where there is one."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
        return trim
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _libc_trim()


def _release_memory() -> None:
    """Hand the heap freed by a batch back to the operating system. glibc keeps it otherwise,
    and a parse's temporary arrays freed in one batch do not always fit the next: measured
    here, a process's RSS fell from 503 to 388 MB after three batches (bench_memory.py)."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


@contextlib.contextmanager
def out_of_collection() -> Iterator[None]:
    """Every object alive now (a pipeline just built among them) out of the garbage
    collector's sight while the block runs, as a worker forked from the template has it
    (:func:`detente.extract.template.build_in_server`): the collections that extraction's
    new objects set off then do not walk the model, the knowledge base and the gazetteers
    again and again. Measured, ``detente run --workers 1`` on 300 news articles
    (bench/bench_timeline.py): the collector's CPU 2.1-2.3 s -> 0.9-1.1 s. Nothing is lost:
    garbage among those objects is collected after the block. A process that already keeps
    objects out of collection (``gc.freeze``) is left as it is."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# --- multi-process -------------------------------------------------------------------------

_WORKER: Pipeline | None = None


def _init_worker(options: ExtractOptions, parent_pid: int) -> None:
    global _WORKER
    # A worker forked by the fork server is the server's child; the server exits with
    # the run (detente.extract.template).
    exit_with_parent(os.getppid() if template.forked_from_server() else parent_pid)
    _WORKER = template.template_for(options) or Pipeline(options)
    # When the pool is shut down, end the process without the interpreter's teardown (freeing
    # the model and every module one object at a time: ~0.4 s of CPU per worker, which the
    # run waits for). A worker holds nothing that needs cleaning up.
    atexit.register(_exit_now)


def _exit_now() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _ready() -> None:
    """A task that does nothing: submitting one per worker starts every worker now."""


def _run_chunk(chunk: list[Article]) -> list[Record]:
    assert _WORKER is not None
    return list(_WORKER.run(chunk))


class WorkerPool:
    """``workers`` extraction processes, started at once: each loads the spaCy model and the
    stages as it starts (a few seconds of CPU), so a caller that starts the pool before its
    articles are ready (``detente run`` while it ingests) has that done when they are. Hand
    it to :func:`extract_records`; close it (or use it as a context manager) when done."""

    def __init__(self, options: ExtractOptions, workers: int) -> None:
        self.workers = workers
        self.options = options
        self.restarts = 0
        self._starting: threading.Thread | None = None
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # Forked from a pipeline built once (detente.extract.template), else spawned, not
        # forked from this process: a worker forked from here starts with a copy of
        # everything the command holds (the store, the CLI's imports: 360 MB, counted again
        # in each worker's resident memory); a spawned one imports only the pipeline.
        # Measured on 60 articles, detente run --workers 2: workers 631 and 615 MB forked
        # from the command (bench/bench_pipeline.py).
        context = template.context(self.options)
        executor = ProcessPoolExecutor(
            self.workers, mp_context=context,
            initializer=_init_worker, initargs=(self.options, os.getpid()))

        def start_all() -> None:
            # The executor starts a process per task submitted while none is idle.
            for _ in range(self.workers):
                executor.submit(_ready)

        if context.get_start_method() == "forkserver":
            # The first fork waits for the server to build its pipeline: in a thread, so that
            # the caller goes on (ingesting) meanwhile. (Spawned workers are started here: a
            # worker dies with the thread that started it, see extract.workers.)
            self._starting = threading.Thread(target=start_all, name="detente-pool-start",
                                              daemon=True)
            self._starting.start()
        else:
            start_all()
        return executor

    @property
    def executor(self) -> ProcessPoolExecutor:
        """The pool's executor, once its workers have been asked for."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        return self._executor

    def restart(self) -> None:
        """Replace the workers with fresh ones (call with no task in flight)."""
        self.executor.shutdown(wait=True)
        self._executor = self._start()
        self.restarts += 1

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _balanced_chunks(articles: Iterable[Article], size: int,
                     workers: int) -> Iterator[list[Article]]:
    """Chunks of ``size`` articles, except the last ``workers * size`` (or fewer), which go
    in chunks of a quarter of that: the workers then finish within a small chunk of each
    other, where whole chunks left one worker idle while the other coded its last one."""
    it = iter(articles)
    ahead = list(islice(it, size * workers))
    while more := list(islice(it, size)):
        yield ahead[:size]
        ahead = ahead[size:] + more
    small = max(1, size // 4)
    for i in range(0, len(ahead), small):
        yield ahead[i:i + small]


def extract_records(
    articles: Iterable[Article],
    options: ExtractOptions,
    *,
    on_record: Callable[[Record], None] | None = None,
    on_dispatch: Callable[[list[Article]], None] | None = None,
    pool: WorkerPool | None = None,
    ordered: bool = True,
    recycle_every: int = RECYCLE_EVERY,
) -> Iterator[Record]:
    """Annotate articles with ``options.workers`` processes (default: one per core), or with
    the processes of ``pool`` (started beforehand), replaced by fresh ones every
    ``recycle_every`` articles (:data:`RECYCLE_EVERY`).

    Records come back in input order, or with ``ordered=False`` in the order the workers
    finish them (no worker then waits for a slow batch ahead of its own). One worker runs
    in this process (no pickling). ``on_dispatch`` is called with each batch as extraction
    starts on it (a store counts attempts with it). At most two batches per worker are in
    flight.
    """
    if pool is not None:
        yield from _pooled(pool, articles, options, on_record, on_dispatch, ordered,
                           recycle_every)
        return
    workers = options.workers or os.cpu_count() or 1
    if isinstance(articles, Sequence):
        # A worker process costs a spaCy load (~1 s); never start more than there are batches.
        workers = min(workers, max(1, -(-len(articles) // options.batch_size)))
    if workers <= 1:
        pipeline = Pipeline(options)
        with out_of_collection():
            for batch in _chunks(articles, options.batch_size):
                if on_dispatch:
                    on_dispatch(batch)
                for rec in pipeline.run(batch):
                    if on_record:
                        on_record(rec)
                    yield rec
        return
    with WorkerPool(options, workers) as started:
        yield from _pooled(started, articles, options, on_record, on_dispatch, ordered,
                           recycle_every)


def _pooled(
    pool: WorkerPool,
    articles: Iterable[Article],
    options: ExtractOptions,
    on_record: Callable[[Record], None] | None,
    on_dispatch: Callable[[list[Article]], None] | None,
    ordered: bool,
    recycle_every: int,
) -> Iterator[Record]:
    chunks = _balanced_chunks(articles, options.batch_size, pool.workers)
    mapper = ordered_map if ordered else completed_map
    # A pool codes a segment of chunks; the next segment, if any, goes to fresh workers once
    # every result of this one is in (records stay in order: segments follow each other).
    per_pool = max(1, recycle_every // options.batch_size)
    try:
        first = next(chunks, None)
        while first is not None:
            segment = chain([first], islice(chunks, per_pool - 1))
            for chunk in mapper(pool.executor, _run_chunk, segment, ahead=2 * pool.workers,
                                on_submit=on_dispatch):
                for rec in chunk:
                    if on_record:
                        on_record(rec)
                    yield rec
            first = next(chunks, None)
            if first is not None:
                pool.restart()
    except BrokenProcessPool:
        raise PipelineError(
            "a worker process died (killed, or out of memory) while extracting; what was "
            "extracted before is kept: run the command again (an article whose extraction "
            "keeps killing its worker is set aside after 3 attempts, see `detente "
            "failures`)") from None


# In a fork server started by detente.extract.template (which preloads this module): build
# the pipeline its workers are forked from. Anywhere else this does nothing.
template.build_in_server(Pipeline, warm=_import_for_build)
