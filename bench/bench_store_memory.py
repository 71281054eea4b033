"""Benchmark: memory of the store side of ``detente run`` against the number of articles.

    .venv/bin/python bench/bench_store_memory.py [--sizes 1000,20000,100000] [--base 200]

What ``detente run`` does in its main process, without the parsing: ``--base`` giveme5w1h
articles (``../shared/data/news``, cut to 500 characters) are extracted once; for each size N
a fresh process then ingests N copies of them into a new store (``Store.add_articles``, 64
at a time), reads them back as ``jobs.process`` does (``unprocessed_chunks``,
``count_attempt`` per batch of 8) and saves each copy's record (``save_records``, 64 at a
time) with new article, event and deadline ids, then clusters the events
(``ensure_deduped``, as every writing command does on exit). The resident memory of that
process is sampled throughout; each phase's peak is printed, with the ratio to the smallest
size. Minutes, not the 25 of ``bench_memory.py``.

Target (issue 17): the main process's peak flat with the corpus (within 10 % from 1,000 to
20,000 articles). What grows: DuckDB's checkpoints (every 16 MB of write-ahead log) rewrite
what the saves appended to or updated in a row group since it was last written whole, up to
a row group (122,880 rows) per table. The record JSON was the bulk of it (December 2026,
1,000 -> 20,000: peak 180 -> 310 MB as a column of ``articles``); stored zlib-compressed in
the ``records`` table (schema 6) the growth is a third of that (179 -> 223 MB). What is left
is the layer tables' growing row groups (the events' and quotes' ``data`` JSON, mentions).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _news import load, news_articles

ROOT = Path(__file__).resolve().parents[1]
_COMMIT_EVERY = 64  # as jobs.process
_BATCH = 8  # ExtractOptions.batch_size: count_attempt is called per batch


class _Peak:
    """The peak resident memory of this process, sampled every 50 ms in a thread; ``mark``
    ends a phase (its peak is kept under its name) and starts the next."""

    def __init__(self) -> None:
        import psutil

        self._proc = psutil.Process()
        self.phase_peak = 0.0
        self.phases: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.phase_peak = max(self.phase_peak, self._proc.memory_info().rss / 1e6)
            time.sleep(0.05)

    def mark(self, name: str) -> None:
        self.phase_peak = max(self.phase_peak, self._proc.memory_info().rss / 1e6)
        self.phases[name] = self.phase_peak
        self.phase_peak = self._proc.memory_info().rss / 1e6

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _copy(record: dict[str, Any], k: int) -> dict[str, Any]:
    """Copy ``k`` of a record: new article id and text tail, new event and deadline ids."""
    d = json.loads(json.dumps(record))
    aid = f"{k:08d}{d['article']['id']}"
    d["article"]["id"] = aid
    d["article"]["text"] += f"\n\nThis report was filed as edition {k}."
    for i, e in enumerate(d["events"]):
        e["id"] = f"{aid}-e{i}"
    for i, dl in enumerate(d["deadlines"]):
        dl["id"] = f"{aid}-d{i}"
    return d


def child(n: int, records_path: Path, db: Path) -> dict[str, float]:
    """One size in this (fresh) process: ingest, process, cluster; the peaks in MB."""
    from detente.analyze.dedup import ensure_deduped
    from detente.model import Record
    from detente.store.db import Store

    templates = [json.loads(line) for line in records_path.read_text().splitlines()]
    peak = _Peak()
    peak.mark("start")
    with Store(db) as store:
        batch = []
        for k in range(n):
            batch.append(Record.from_dict(_copy(templates[k % len(templates)], k)).article)
            if len(batch) == _COMMIT_EVERY or k == n - 1:
                store.add_articles(batch)
                batch = []
                if k // _COMMIT_EVERY % 16 == 15:  # as jobs.ingest
                    store.release_memory()
        peak.mark("ingest")
        pending: list[Record] = []
        by_id = {t["article"]["id"]: t for t in templates}
        for chunk in store.unprocessed_chunks(1000):
            for i in range(0, len(chunk), _BATCH):
                store.count_attempt([a.id for a in chunk[i:i + _BATCH]])
            for article in chunk:
                k, base = int(article.id[:8]), article.id[8:]
                pending.append(Record.from_dict(_copy(by_id[base], k)))
                if len(pending) >= _COMMIT_EVERY:
                    store.save_records(pending)
                    pending.clear()
                    store.release_memory()
            store.save_records(pending)
            pending.clear()
            store.release_memory()
        peak.mark("process")
        ensure_deduped(store)
        peak.mark("dedupe")
        stats = store.stats()
    peak.mark("close")
    peak.stop()
    return {**peak.phases, "events": stats["events"], "disk": db.stat().st_size / 1e6}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--base", type=int, default=200, help="real articles extracted once")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child, args.records, args.db)))
        return 0

    from detente.config import ExtractOptions
    from detente.extract.pipeline import Pipeline
    from detente.model import Article

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        records = work / "records.jsonl"
        articles = []
        for i, a in enumerate(news_articles(args.base)):
            text = a["text"]
            cut = text.rfind(". ", 0, 500)
            text = text[: cut + 1] if len(text) > 500 and cut > 0 else text[:500]
            articles.append(Article(id=f"{i:06d}", text=text, title=a["title"], url=a["url"],
                                    published=a["published"]))
        pipeline = Pipeline(ExtractOptions(workers=1))
        with records.open("w", encoding="utf-8") as fh:
            for rec in pipeline.run(articles):
                fh.write(json.dumps(rec.to_dict()) + "\n")
        print(f"{len(articles)} real records to copy; peak RSS of the store process (MB):")
        print(f"{'articles':>9} {'events':>8} {'disk MB':>8} {'ingest':>7} {'process':>8} "
              f"{'dedupe':>7} {'overall':>8} {'ratio':>6}")
        first = 0.0
        for n in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(n), "--records", str(records),
                 "--db", str(work / f"store-{n}.duckdb")],
                cwd=ROOT, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                sys.exit(f"size {n} failed:\n{out.stderr[-2000:]}")
            r = json.loads(out.stdout.splitlines()[-1])
            overall = max(r["ingest"], r["process"], r["dedupe"])
            first = first or overall
            print(f"{n:>9,} {int(r['events']):>8,} {r['disk']:>8.0f} {r['ingest']:>7.0f} "
                  f"{r['process']:>8.0f} {r['dedupe']:>7.0f} {overall:>8.0f} "
                  f"{overall / first:>6.2f}")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
