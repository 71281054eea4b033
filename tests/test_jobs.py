"""The main jobs: processing stored articles in bounded chunks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from detente import jobs
from detente.config import ExtractOptions
from detente.model import Article
from detente.store.db import Store


class _WatchedStore(Store):
    """A real store that notes, at each chunk it reads, how many articles have been handed to
    extraction (counted attempts)."""

    processed_at_read: list[int]

    def unprocessed_chunks(
        self, size: int = 500, *, reprocess: bool = False
    ) -> Iterator[list[Article]]:
        self.processed_at_read = []
        for chunk in super().unprocessed_chunks(size, reprocess=reprocess):
            (dispatched,) = self.con.execute("SELECT sum(attempts) FROM articles").fetchone()
            self.processed_at_read.append(int(dispatched))
            yield chunk


def test_process_reads_the_next_chunk_only_when_extraction_needs_it(db_path: Path) -> None:
    texts = ["Russia accused Ukraine of shelling the plant on Monday.",
             "The United States imposed sanctions on Iran.",
             "China and India agreed to hold talks in March.",
             "It rained."]
    with _WatchedStore(db_path) as store:
        store.add_articles([Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
                            for i, t in enumerate(texts)])
        summary = jobs.process(store, ExtractOptions(workers=1, batch_size=3), chunk_size=3)
        assert store.processed_at_read == [0, 3]  # the second chunk after the first's 3
        assert summary.processed == 4
        assert store.count_unprocessed() == 0
        assert summary.events == store.stats()["events"] > 0
        assert jobs.process(store, ExtractOptions(workers=1), chunk_size=3).processed == 0


def test_extract_records_with_two_workers_gives_the_records_of_one_in_order() -> None:
    from detente.extract.pipeline import extract_records

    texts = ["Russia accused Ukraine of shelling the plant on Monday.",
             "The United States imposed sanctions on Iran.",
             "China and India agreed to hold talks in March.",
             "Germany criticized Poland.", "It rained."]
    arts = (Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
            for i, t in enumerate(texts))  # a generator: read as the workers need it
    two = [r.to_dict() for r in extract_records(arts, ExtractOptions(workers=2, batch_size=1))]
    one = [r.to_dict() for r in extract_records(
        [Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
         for i, t in enumerate(texts)], ExtractOptions(workers=1))]
    assert [r["article"]["id"] for r in two] == [f"a{i}" for i in range(len(texts))]
    assert two == one


def test_fresh_workers_every_recycle_every_articles_give_the_same_records() -> None:
    from detente.extract.pipeline import WorkerPool, extract_records

    texts = ["Russia accused Ukraine of shelling the plant on Monday.",
             "The United States imposed sanctions on Iran.",
             "China and India agreed to hold talks in March.",
             "Germany criticized Poland.", "It rained."]
    arts = [Article(id=f"a{i}", text=t, published="2025-08-07", language="en")
            for i, t in enumerate(texts)]
    options = ExtractOptions(workers=2, batch_size=1)
    with WorkerPool(options, 2) as pool:
        first_pids = set(pool.executor._processes)  # the first pool's
        recycled = [r.to_dict() for r in extract_records(iter(arts), options, pool=pool,
                                                         recycle_every=2)]
        assert pool.restarts == 2  # 5 articles, 2 per pool of workers
        assert not first_pids & set(pool.executor._processes)
    one = [r.to_dict() for r in extract_records(arts, ExtractOptions(workers=1))]
    assert recycled == one


def test_run_starts_the_workers_during_ingest_and_codes_as_one_worker_does(
    tmp_path: Path,
) -> None:
    import json

    from detente.config import IngestOptions

    countries = ["Russia", "Ukraine", "China", "India", "Iran", "Germany", "Poland", "France"]
    corpus = tmp_path / "news.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(70):  # more than one ingest batch
            a, b = countries[i % 8], countries[(i // 8 + i + 1) % 8]
            fh.write(json.dumps({"title": f"Report {i}", "date_publish": "2025-08-07",
                                 "text": f"{a} accused {b} of shelling the plant on day {i}. "
                                         f"Talks are set for March."}) + "\n")
    started_at: list[int] = []
    with Store(tmp_path / "two.duckdb") as store, \
            jobs.EarlyWorkers(ExtractOptions(workers=2)) as early:

        def start() -> None:
            started_at.append(store.stats()["articles"])
            early.start()

        ingested = jobs.ingest(store, [str(corpus)], IngestOptions(), on_more=start)
        assert early.pool is not None
        done = jobs.process(store, ExtractOptions(workers=2), pool=early.pool)
        two = sorted((r.to_dict() for r in store.records()), key=lambda r: r["article"]["id"])
    with Store(tmp_path / "one.duckdb") as store:
        jobs.ingest(store, [str(corpus)], IngestOptions())
        jobs.process(store, ExtractOptions(workers=1))
        one = sorted((r.to_dict() for r in store.records()), key=lambda r: r["article"]["id"])
    assert started_at == [0]  # before the first batch was written, while ingest went on
    assert ingested.new == done.processed == 70
    assert two == one and sum(len(r["events"]) for r in one) > 0


@pytest.mark.parametrize(("inputs", "called"), [(jobs.MORE_AFTER - 1, []), (jobs.MORE_AFTER, [0]),
                                                (70, [0])])
def test_ingest_announces_more_inputs_once_after_the_first_few_before_writing(
    tmp_path: Path, inputs: int, called: list[int]
) -> None:
    import json

    from detente.config import IngestOptions

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"title": f"Report {i}", "text": f"Talks on day {i}."})
                              + "\n" for i in range(inputs)), encoding="utf-8")
    stored_when_called: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        summary = jobs.ingest(store, [str(corpus)], IngestOptions(),
                              on_more=lambda: stored_when_called.append(
                                  store.stats()["articles"]))
        assert summary.new == inputs
    assert stored_when_called == called  # a small run starts no workers early


def _reports(path: Path, n: int, start: int = 0) -> Path:
    import json

    path.write_text("".join(json.dumps({"title": f"Report {i}", "text": f"Talks on day {i}."})
                            + "\n" for i in range(start, start + n)), encoding="utf-8")
    return path


def test_rerun_of_stored_extracted_inputs_announces_nothing(tmp_path: Path) -> None:
    from detente.config import IngestOptions

    corpus = _reports(tmp_path / "news.jsonl", 40)
    calls: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        jobs.ingest(store, [str(corpus)], IngestOptions())
        jobs.process(store, ExtractOptions(workers=1))
        summary = jobs.ingest(store, [str(corpus)], IngestOptions(),
                              on_more=lambda: calls.append(1))
    assert (summary.read, summary.new, calls) == (40, 0, [])


def test_rerun_announces_articles_left_to_extract(tmp_path: Path) -> None:
    from detente.config import IngestOptions

    corpus = _reports(tmp_path / "news.jsonl", 40)
    calls: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        jobs.ingest(store, [str(corpus)], IngestOptions())  # stored, not extracted
        jobs.ingest(store, [str(corpus)], IngestOptions(),
                    on_more=lambda: calls.append(store.stats()["articles"]))
    assert calls == [40]  # at once, after the first inputs


def test_rerun_announces_new_inputs_after_stored_ones_when_written(tmp_path: Path) -> None:
    from detente.config import IngestOptions

    old = _reports(tmp_path / "a.jsonl", 70)
    new = _reports(tmp_path / "b.jsonl", 10, start=70)
    calls: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        jobs.ingest(store, [str(old)], IngestOptions())
        jobs.process(store, ExtractOptions(workers=1))
        summary = jobs.ingest(store, [str(old), str(new)], IngestOptions(),
                              on_more=lambda: calls.append(store.stats()["articles"]))
    assert summary.new == 10 and calls == [80]  # after the write that added them


def test_record_to_dict_is_what_dataclasses_asdict_gives(tmp_path: Path) -> None:
    import dataclasses

    from detente.model import SCHEMA

    with Store(tmp_path / "s.duckdb") as store:
        store.add_articles([Article(id="a1", text="Russia accused Ukraine of shelling the "
                                    "plant on Monday, the ministry said in Kyiv.",
                                    published="2025-08-07", language="en",
                                    warnings=("a warning",))])
        jobs.process(store, ExtractOptions(workers=1))
        (rec,) = store.records()
    layers = ("mentions", "events", "quotes", "timexes", "deadlines", "positions", "errors")
    expected = {"schema": SCHEMA,
                "article": dataclasses.asdict(rec.article) | {"warnings": ["a warning"]},
                **{k: [dataclasses.asdict(x) for x in getattr(rec, k)] for k in layers}}
    assert rec.events and rec.to_dict() == expected


def test_a_run_with_workers_saves_its_last_records_as_they_come_and_one_process_does_not() -> None:
    arts = [Article(id=f"a{i}", text="x") for i in range(300)]
    two = ExtractOptions(workers=2, batch_size=8)
    # The last two chunks' worth (the workers' small last chunks) are saved two at a time.
    assert jobs._tail(arts, two, None) == (300 - 16, 2)
    assert jobs._tail(arts, ExtractOptions(workers=1), None) == (float("inf"), 64)
    assert jobs._tail(iter(arts), two, None) == (float("inf"), 64)  # a stream: no end known
