"""Benchmark: the main job (what ``detente run`` does, every stage) on real news, against the
raw spaCy parse of the same texts, measured in one run.

    .venv/bin/python bench/bench_pipeline.py [--articles 300] [--no-cli]

The articles are the first ``--articles`` giveme5w1h articles (``../shared/data/news``,
title + body). Four measurements, in this order, in one run:

1. the raw spaCy parse of the stored texts (``nlp.pipe``, same batch size, model warm);
2. the extraction pipeline in this process, one worker, model warm, each stage timed
   (the parse, then every stage's share of the time);
3. ``python -m detente run corpus.jsonl --workers 1`` and
4. the same with ``--workers 2``: the whole command (start-up, ingest, extraction, store
   writes), with the peak RSS of every process sampled by psutil.

Targets (issue 17): extraction on one worker >= 1.5x the raw parse; 2 workers >= 1.85x one
worker; peak RSS of one worker < 500 MB. The machine is shared (2 cores, other jobs): the
load average is printed before and after, and every ratio is between figures of this run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _news import RssSampler, load, news_articles, write_jsonl

from detente.config import ExtractOptions, IngestOptions
from detente.extract.pipeline import Pipeline
from detente.extract.stage import Draft, Stage
from detente.ingest import read_inputs
from detente.model import Article

ROOT = Path(__file__).resolve().parents[1]


class _TimedStage:
    """A stage that adds its running time to ``seconds[name]``."""

    def __init__(self, stage: Stage, seconds: dict[str, float]) -> None:
        self.stage, self.seconds = stage, seconds
        self.name, self.requires, self.assigns = stage.name, stage.requires, stage.assigns

    def __call__(self, item: Draft) -> Draft:
        began = time.process_time()
        try:
            return self.stage(item)
        finally:
            self.seconds[self.name] += time.process_time() - began


class _TimedNlp:
    """The spaCy pipeline with the time spent producing each ``pipe`` result counted."""

    def __init__(self, nlp: Any, seconds: dict[str, float]) -> None:
        self.nlp, self.seconds = nlp, seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)

    def __call__(self, text: str) -> Any:
        began = time.process_time()
        try:
            return self.nlp(text)
        finally:
            self.seconds["parse"] += time.process_time() - began

    def pipe(self, texts: Any, **kwargs: Any) -> Iterator[Any]:
        it = iter(self.nlp.pipe(texts, **kwargs))
        while True:
            began = time.process_time()
            try:
                doc = next(it)
            except StopIteration:
                return
            finally:
                self.seconds["parse"] += time.process_time() - began
            yield doc


class Rate:
    """Articles per wall-clock second and per CPU second of this process."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self, n: int) -> Rate:
        self.wall = n / (time.perf_counter() - self.wall)
        self.cpu = n / (time.process_time() - self.cpu)
        return self

    def __str__(self) -> str:
        return f"{self.wall:.2f} articles/s ({self.cpu:.2f} per CPU second)"


def profile(articles: list[Article], options: ExtractOptions) -> tuple[Rate, dict[str, float]]:
    """(rate, seconds per part) of ``Pipeline.run`` with every stage timed."""
    seconds: dict[str, float] = defaultdict(float)
    pipeline = Pipeline(options)
    pipeline.stages = [_TimedStage(s, seconds) for s in pipeline.stages]
    pipeline.nlp = _TimedNlp(pipeline.nlp, seconds)
    began = time.process_time()
    rate = Rate()
    n = sum(1 for _ in pipeline.run(articles))
    seconds["other (batching, records)"] = time.process_time() - began - sum(seconds.values())
    return rate.stop(n), dict(seconds)


def raw_parse(texts: list[str], options: ExtractOptions) -> Rate:
    """The rate of the raw spaCy parse: the stock model (``spacy.load``, every component as
    shipped), warm."""
    import spacy

    nlp = spacy.load(options.model)
    list(nlp.pipe(texts[:4]))  # warm
    rate = Rate()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=options.batch_size))
    return rate.stop(n)


def cli_run(corpus: Path, work: Path, workers: int) -> tuple[float, RssSampler, str]:
    """(wall seconds, RSS sampler, last stderr line) of ``detente run`` in a subprocess."""
    db = work / f"run-{workers}.duckdb"
    cmd = [sys.executable, "-m", "detente", "run", str(corpus), "--db", str(db),
           "--workers", str(workers)]
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    with RssSampler(proc.pid) as rss:
        _, stderr = proc.communicate()
    wall = time.perf_counter() - began
    if proc.returncode != 0:
        sys.exit(f"detente run failed ({proc.returncode}):\n{stderr[-2000:]}")
    lines = [ln for ln in stderr.splitlines() if ln.startswith("processed")]
    return wall, rss, lines[-1] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the two `detente run` subprocess runs")
    args = parser.parse_args()
    options = ExtractOptions(workers=1)
    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "news.jsonl"
        n = write_jsonl(corpus, news_articles(args.articles))
        articles = [a for a in read_inputs([str(corpus)], IngestOptions())
                    if isinstance(a, Article)]
        chars = sum(len(a.text) for a in articles) / len(articles)
        print(f"corpus: {n} giveme5w1h articles, {len(articles)} read, "
              f"mean {chars:,.0f} characters")

        raw = raw_parse([a.text for a in articles], options)
        print(f"raw spaCy parse ({options.model}, nlp.pipe, batch {options.batch_size}): {raw}")
        rate, seconds = profile(articles, options)
        total = sum(seconds.values())
        print(f"extraction, 1 worker in this process: {rate}")
        print(f"  = {rate.wall / raw.wall:.2f}x the raw parse in wall time, "
              f"{rate.cpu / raw.cpu:.2f}x in CPU time (target >= 1.5x)")
        print("  share of the CPU time:")
        for name, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
            print(f"    {name:<28} {s:7.1f} s CPU  {100 * s / total:5.1f} %")

        ok = rate.cpu / raw.cpu >= 1.5
        if not args.no_cli:
            runs = {w: cli_run(corpus, work, w) for w in (1, 2)}
            for w, (wall, rss, line) in runs.items():
                print(f"detente run --workers {w}: {len(articles)} articles in {wall:.1f} s = "
                      f"{len(articles) / wall:.2f} articles/s (start-up and ingest included); "
                      f"{line}")
                print(f"  peak RSS: {rss.summary()}")
            speedup = runs[1][0] / runs[2][0]
            print(f"2 workers / 1 worker: {speedup:.2f}x (target >= 1.85x; 2 cores shared "
                  "with other jobs, so noisy)")
            worker_peak = max(mb for _, mb in runs[1][1].peaks.values())
            print(f"peak RSS of one worker (the --workers 1 process): {worker_peak:.0f} MB "
                  "(target < 500 MB)")
            ok = ok and speedup >= 1.85 and worker_peak < 500
    print(f"load average after: {load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
