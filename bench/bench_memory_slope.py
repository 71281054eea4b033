"""Benchmark: resident memory of a run's processes every 1,000 articles, to see its slope.

    .venv/bin/python bench/bench_memory_slope.py [--articles 20000] [--every 1000] [--chars 500]
                                                  [--workers 2]

``bench_memory.py`` compares the peaks of two whole runs; this one runs once and prints, every
``--every`` articles extracted, the resident memory of the main process and of each worker
(now, and the peak since the last line), so what grows shows as a slope long before the end.
The corpus is ``bench_memory.py``'s (synthetic copies of the giveme5w1h articles, cut to
``--chars``). The run is ``detente run``'s own steps in this process (``jobs.ingest`` with
the workers started early, ``jobs.process``, the event clustering every writing command
ends with) on a fresh store, so the progress count is at hand; the CLI's own imports are
not loaded.

Measured (December 2026, load 11-14, ``--articles 4000 --every 500``, workers never
replaced): worker peaks 301 MB at 500 articles, 307 at 1,000, 310 at 2,000, 315 at 3,500;
the main process 255 -> 273 MB; clustering the events at the end took the main process from
256 to 286 MB (the workers are gone by then, so it does not add to the run's total).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil
from _news import load, news_articles, synthetic, write_jsonl
from bench_memory import _short


class _Peaks:
    """The peak RSS (MB) of this process and of each child since the last :meth:`line`,
    sampled every 0.25 s in a thread."""

    def __init__(self) -> None:
        self._me = psutil.Process()
        self._lock = threading.Lock()
        self._peak: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _sample(self) -> dict[int, float]:
        now: dict[int, float] = {}
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                now[p.pid] = p.memory_info().rss / 1e6
            except psutil.Error:
                continue
        return now

    def _loop(self) -> None:
        while not self._stop.is_set():
            now = self._sample()
            with self._lock:
                for pid, mb in now.items():
                    self._peak[pid] = max(self._peak.get(pid, 0.0), mb)
            time.sleep(0.25)

    def line(self) -> str:
        """``main NOW/PEAK; workers NOW/PEAK ...`` (the resource tracker, ~13 MB, left out);
        starts the next interval's peaks."""
        now = self._sample()
        with self._lock:
            peak, self._peak = self._peak, dict(now)
        me = self._me.pid
        main = f"main {now.get(me, 0):.0f}/{max(peak.get(me, 0), now.get(me, 0)):.0f}"
        workers = [f"{now.get(pid, 0):.0f}/{max(mb, now.get(pid, 0)):.0f}"
                   for pid, mb in sorted(peak.items()) if pid != me and mb > 50]
        return f"{main}; workers {' '.join(workers)} MB (now/peak)"

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from detente import jobs
    from detente.analyze.dedup import ensure_deduped
    from detente.config import ExtractOptions, IngestOptions
    from detente.store.db import Store

    base = [_short(a, args.chars) for a in news_articles()]
    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "news.jsonl"
        write_jsonl(corpus, synthetic(base, args.articles))
        options = ExtractOptions(workers=args.workers)
        peaks = _Peaks()
        began = time.perf_counter()
        done = 0

        def tick(n: int = 1) -> None:
            nonlocal done
            done += n
            if done % args.every == 0:
                print(f"{done:>7,} articles {time.perf_counter() - began:>6.0f} s  "
                      f"{peaks.line()}", flush=True)

        with Store(Path(tmp) / "run.duckdb") as store:
            with jobs.EarlyWorkers(options) as early:  # closed before clustering, as in run
                jobs.ingest(store, [str(corpus)], IngestOptions(), on_more=early.start)
                print(f"ingested {time.perf_counter() - began:>6.0f} s  {peaks.line()}",
                      flush=True)
                jobs.process(store, options, tick=tick, pool=early.pool)
                print(f"extracted {done:,} {time.perf_counter() - began:>6.0f} s  "
                      f"{peaks.line()}", flush=True)
            ensure_deduped(store)
            print(f"clustered {time.perf_counter() - began:>6.0f} s  {peaks.line()}")
        peaks.stop()
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
