"""The main jobs, as library functions the CLI, the API and the scheduler call:
ingest inputs into a store, process stored articles, the stateless extract path, and one
text annotated with every layer (for trying things out).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import IO, Any

from detente.config import ExtractOptions, IngestOptions
from detente.errors import IngestError
from detente.extract import template
from detente.extract.pipeline import Pipeline, WorkerPool, extract_records
from detente.model import Article, Record
from detente.store.db import Store

__all__ = ["MORE_AFTER", "READ_CHUNK", "EarlyWorkers", "IngestSummary", "ProcessSummary",
           "annotate_text", "extract_to", "ingest", "process", "system_info"]

Tick = Callable[[int], None]

# Articles written per transaction: small enough that a crash loses little, large enough that
# DuckDB's per-commit cost is amortised.
_COMMIT_EVERY = 64
# Articles read from the store at a time by `process` (the workers are replaced every
# RECYCLE_EVERY articles, not per chunk: see detente.extract.pipeline).
READ_CHUNK = 1000
# Ingest batches between two drops of DuckDB's block cache (Store.release_memory), about one
# READ_CHUNK of articles.
_RELEASE_EVERY = 16
# Inputs read before ``ingest`` calls ``on_more``: two batches of extraction (8 articles
# each), as many as extraction would start two workers for anyway. Waiting for a full commit
# batch (64) kept two-worker runs serial for the first second of ingest, py3langid's model
# load (0.7 s) included (bench/bench_pipeline.py).
MORE_AFTER = 16


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    failures: list[IngestError] = field(default_factory=list)  # skipped inputs among them
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (input, warning)

    @property
    def failed(self) -> int:
        """Inputs that could not be read (files skipped as not articles do not count)."""
        return sum(1 for f in self.failures if f.stage != "skip")

    @property
    def skipped(self) -> int:
        return sum(1 for f in self.failures if f.stage == "skip")

    def count(self, item: Article | IngestError) -> None:
        if isinstance(item, IngestError):
            self.failures.append(item)
        else:
            self.read += 1
            self.warnings.extend((item.input or item.id, w) for w in item.warnings)


@dataclass
class ProcessSummary:
    processed: int = 0
    skipped: int = 0  # recorded but not extracted (non-English, empty)
    failed: int = 0  # not extracted: the text could not be parsed (listed by `failures`)
    stage_errors: int = 0
    events: int = 0
    quotes: int = 0


def _batched(
    items: Iterable[Article | IngestError], n: int
) -> Iterator[list[Article | IngestError]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


class EarlyWorkers:
    """Extraction's worker processes, started ahead of extraction: entering the context
    starts building the pipeline the workers are forked from (on Linux, see
    :mod:`detente.extract.template`; nothing to wait for, it builds in its own process), and
    :meth:`start` the workers (``run`` calls it once ingest has read ``MORE_AFTER`` inputs,
    so the model is loaded while ingest reads the rest). Pass :attr:`pool` to
    :func:`process`; closed on exit. With one worker there is nothing to start: extraction
    runs in this process."""

    def __init__(self, options: ExtractOptions) -> None:
        self.options = options
        self.workers = options.workers or os.cpu_count() or 1
        self.pool: WorkerPool | None = None

    def start(self) -> None:
        if self.pool is None and self.workers > 1:
            self.pool = WorkerPool(self.options, self.workers)

    def __enter__(self) -> EarlyWorkers:
        if self.workers > 1:
            # The template's build (3.3 s of CPU) overlaps ingest from its first input, the
            # language model's load (0.7 s) included; a run with nothing new to extract
            # waits for none of it.
            template.prepare(self.options)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.close()


def ingest(
    store: Store,
    inputs: Sequence[str],
    options: IngestOptions,
    *,
    tick: Tick | None = None,
    on_more: Callable[[], None] | None = None,
) -> IngestSummary:
    """Read every input into the store; failures are recorded, never raised. ``on_more`` is
    called once, when the run has articles to extract (a run worth starting extraction's
    workers early for): as soon as ``MORE_AFTER`` inputs have been read, before they are
    written, if one of them is new or the store holds articles not yet extracted; else
    when a later write adds a new article. A re-run of inputs already stored and extracted does
    not call it (starting two workers for nothing cost such a run 0.5 s)."""
    from detente.ingest import read_inputs  # trafilatura and friends: only when ingesting

    first: list[str] = []  # the ids of the first MORE_AFTER inputs' articles
    waiting = on_more is not None
    read = 0

    def more() -> None:
        nonlocal waiting
        if waiting and on_more is not None:
            waiting = False
            on_more()

    def announced(items: Iterable[Article | IngestError]) -> Iterator[Article | IngestError]:
        nonlocal read
        for n, item in enumerate(items, start=1):
            read = n
            if waiting and n <= MORE_AFTER:
                if isinstance(item, Article):
                    first.append(item.id)
                if n == MORE_AFTER and (len(store.known_ids(first)) < len(set(first))
                                        or store.count_unprocessed() > 0):
                    more()
            yield item

    summary = IngestSummary()
    for n, batch in enumerate(_batched(announced(read_inputs(inputs, options)), _COMMIT_EVERY),
                              start=1):
        articles = [a for a in batch if isinstance(a, Article)]
        failures = [f for f in batch if isinstance(f, IngestError)]
        for item in batch:
            summary.count(item)
        added = store.add_articles(articles)
        summary.new += added
        if added and read >= MORE_AFTER:  # (a smaller run starts no workers early)
            more()
        store.add_failures(failures)
        if n % _RELEASE_EVERY == 0:
            store.release_memory()
        if tick:
            tick(len(batch))
    return summary


def _articles(store: Store, chunk_size: int, reprocess: bool) -> Iterable[Article]:
    """The unprocessed articles, read ``chunk_size`` at a time. A store that holds one chunk or
    less gives a list (extraction then starts no more workers than it has batches); a bigger
    one gives a stream, so the chunks do not restart the workers (that cost each of them a
    model load per thousand articles; they are replaced every ``RECYCLE_EVERY`` articles)."""
    chunks = store.unprocessed_chunks(chunk_size, reprocess=reprocess)
    first = next(chunks, [])
    if len(first) < chunk_size:
        return first
    return chain(first, chain.from_iterable(chunks))


def process(
    store: Store,
    options: ExtractOptions,
    *,
    reprocess: bool = False,
    tick: Tick | None = None,
    chunk_size: int = READ_CHUNK,
    pool: WorkerPool | None = None,
) -> ProcessSummary:
    """Extract every stored article not yet processed (with the workers of ``pool`` when
    given, see :class:`EarlyWorkers`).

    Articles are read ``chunk_size`` at a time as extraction needs them and records are
    written every few dozen, in transactions, so memory does not grow with the corpus. One
    pool of workers serves ``RECYCLE_EVERY`` articles (then fresh workers take over, so theirs
    does not grow either); each worker receives only the batches it codes,
    and records are saved in the order the workers finish them."""
    summary = ProcessSummary()
    pending: list[Record] = []
    articles = _articles(store, chunk_size, reprocess)
    tail_from, tail_every = _tail(articles, options, pool)

    def flush() -> None:
        store.save_records(pending)
        pending.clear()
        store.release_memory()  # DuckDB would otherwise keep every block written cached

    def dispatch(batch: list[Article]) -> None:
        store.count_attempt([a.id for a in batch])

    for rec in extract_records(articles, options, on_dispatch=dispatch, pool=pool,
                               ordered=False):
        pending.append(rec)
        summary.processed += 1
        summary.events += len(rec.events)
        summary.quotes += len(rec.quotes)
        if any(e.stage == "parse" and not e.message.startswith("skipped:")
               for e in rec.errors):
            summary.failed += 1
        elif any(e.stage in ("language", "parse") for e in rec.errors):
            summary.skipped += 1
        else:
            summary.stage_errors += len(rec.errors)
        if len(pending) >= (_COMMIT_EVERY if summary.processed < tail_from else tail_every):
            flush()
        if tick:
            tick(1)
    flush()
    return summary


def _tail(articles: Iterable[Article], options: ExtractOptions,
          pool: WorkerPool | None) -> tuple[float, int]:
    """From which record on, and how many at a time, ``process`` saves the last records of a
    run with workers. Their last chunks are small and end one after the other (see
    extract.pipeline._balanced_chunks): what is saved as each comes in is not left to save
    after the last one (a commit of up to 63 records, about 0.3 s that both cores' workers
    would otherwise wait out at the end of a 300-article run). One process saves every
    ``_COMMIT_EVERY`` to the end: it has no one to overlap with."""
    workers = pool.workers if pool is not None else options.workers or os.cpu_count() or 1
    if workers <= 1 or not isinstance(articles, list):
        return float("inf"), _COMMIT_EVERY
    return len(articles) - workers * options.batch_size, max(1, options.batch_size // 4)


def extract_to(
    out: IO[str],
    inputs: Sequence[str],
    ingest_options: IngestOptions,
    options: ExtractOptions,
    *,
    tick: Tick | None = None,
) -> IngestSummary:
    """The stateless path: read inputs, extract, write one JSON record per line to ``out``."""
    from detente.ingest import read_inputs

    summary = IngestSummary()

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, ingest_options):
            summary.count(item)
            if isinstance(item, Article):
                yield item

    for rec in extract_records(articles(), options):
        out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
        if tick:
            tick(1)
    return summary


def annotate_text(text: str, *, published: str | None = None,
                  options: ExtractOptions | None = None, article_id: str = "text") -> Record:
    """One text through every extraction stage, as the main job runs them: its record with
    mentions, timexes, events, quotes and deadlines (``detente code``, ``quote-text`` and
    ``timex --parse`` print one layer of it). ``published`` (YYYY-MM-DD) is what relative
    dates resolve against. For one-off use; batches go through :func:`process`."""
    pipeline = Pipeline(options or ExtractOptions(workers=1))
    return next(iter(pipeline.run([Article(id=article_id, text=text, published=published)])))


def system_info(store: Store | None, path: str) -> dict[str, Any]:
    """What ``detente info`` shows: the store (path, schema version, counts; None when there
    is no store at ``path``), the versions in use, the spaCy model, and where the knowledge
    files (actors, lexicons, ontology) are read from."""
    from importlib import metadata, resources

    from detente import __version__
    from detente.store.migrations import MIGRATIONS
    from detente.store.queries import schema_version

    def version(package: str) -> str | None:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return None

    model = ExtractOptions().model
    data = resources.files("detente") / "data"
    store_info: dict[str, Any] | None = None
    if store is not None:
        store_info = {"path": path, "schema_version": schema_version(store),
                      "counts": store.stats()}
    return {
        "detente": __version__,
        "store": store_info,
        "store_path": path,
        "schema_version_supported": len(MIGRATIONS),
        "spacy": version("spacy"),
        "spacy_model": {"name": model, "version": version(model),
                        "installed": version(model) is not None},
        "duckdb": version("duckdb"),
        "knowledge": {"directory": str(data),
                      "files": sorted(f"{d.name}/{f.name}" for d in data.iterdir()
                                      if d.is_dir() for f in d.iterdir() if f.is_file())},
    }
