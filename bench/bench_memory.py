"""Benchmark: peak memory of ``detente run`` does not grow with the corpus.

    .venv/bin/python bench/bench_memory.py [--sizes 1000,20000] [--chars 500] [--workers 2]

For each size N, N distinct synthetic articles are built from the giveme5w1h texts
(``../shared/data/news``): article i is the title and the first ``--chars`` characters (cut at
a sentence end) of real article i mod 511, plus a line of its own so that every copy is a new
article. Short articles keep the 20,000-article run to minutes on a shared 2-core machine;
what grows with the corpus (articles held, records held, the store) grows with N either way.
Each size runs ``python -m detente run corpus.jsonl --workers W`` in a fresh store, with the
resident memory of the command and of every worker process sampled by psutil.

Targets (issue 17): peak RSS of one worker < 500 MB; the run's total (all processes at one
instant) flat between 1,000 and 20,000 articles (within 10 %).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _news import RssSampler, load, news_articles, synthetic, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _short(article: dict[str, Any], chars: int) -> dict[str, Any]:
    text = article["text"]
    if len(text) > chars:
        cut = text.rfind(". ", 0, chars)
        text = text[: cut + 1] if cut > 0 else text[:chars]
    return {**article, "text": text}


def run(corpus: Path, work: Path, workers: int, n: int) -> tuple[float, RssSampler]:
    db = work / f"run-{n}.duckdb"
    cmd = [sys.executable, "-m", "detente", "run", str(corpus), "--db", str(db),
           "--workers", str(workers)]
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    with RssSampler(proc.pid, interval=0.25) as rss:
        _, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"detente run failed ({proc.returncode}):\n{stderr[-2000:]}")
    done = [ln for ln in stderr.splitlines() if ln.startswith("processed")]
    print(f"  {done[-1] if done else ''}")
    print(f"  store: {db.stat().st_size / 1e6:.0f} MB on disk")
    return time.perf_counter() - began, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--chars", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = [_short(a, args.chars) for a in news_articles()]
    print(f"load average before: {load()}")
    totals, worker_peaks = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in sizes:
            corpus = work / f"news-{n}.jsonl"
            write_jsonl(corpus, synthetic(base, n))
            print(f"{n:,} articles (mean {sum(len(a['text']) for a in base) / len(base):.0f} "
                  f"characters), detente run --workers {args.workers}:")
            wall, rss = run(corpus, work, args.workers, n)
            print(f"  {wall:.0f} s = {n / wall:.1f} articles/s; peak RSS: {rss.summary()}")
            totals[n] = rss.total_peak
            worker_peaks.extend(mb for name, mb in rss.peaks.values() if name == "worker")
    print(f"load average after: {load()}")
    small, big = totals[sizes[0]], totals[sizes[-1]]
    growth = big / small - 1
    worst = max(worker_peaks, default=0.0)
    print(f"total peak RSS {sizes[0]:,} -> {sizes[-1]:,} articles: {small:.0f} -> {big:.0f} MB "
          f"({100 * growth:+.1f} %, target within 10 %); largest worker {worst:.0f} MB "
          "(target < 500 MB)")
    return 0 if growth <= 0.10 and worst < 500 else 1


if __name__ == "__main__":
    raise SystemExit(main())
