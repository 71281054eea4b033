"""Benchmark: the main job (what ``detente run`` does, every stage) on real news, against the
raw spaCy parse of the same texts, measured in one run.

    .venv/bin/python bench/bench_pipeline.py [--articles 300] [--no-cli] [--cli-only]
                                             [--blocks 1]

The articles are the first ``--articles`` giveme5w1h articles (``../shared/data/news``,
title + body). In this order, in one run:

1. the raw spaCy parse of the stored texts (the stock model as ``spacy.load`` gives it,
   ``nlp.pipe``, same batch size, model warm) and the extraction pipeline in this process,
   one worker, each stage timed (CPU time: the parse, then every stage's share), in turns:
   ``--rounds`` slices of the articles, each parsed raw and extracted one after the other,
   so that the machine's drift in speed during the run slows both alike;
2. each spaCy component's CPU time over the first 100 texts, stock and as detente loads it
   (``extract.nlp.load_nlp``: fast attribute ruler and lemmatizer, numpy's BLAS, NER on
   token windows decoded with numpy, the parser stepped from Python);
3. ``python -m detente run corpus.jsonl --workers 1``, ``--workers 2`` twice, and
   ``--workers 1`` again (1, 2, 2, 1: the speed-up is the ratio of the sums; ``--blocks N``
   runs that block N times and prints each block's ratio and the ratio over all of them:
   this machine's speed drifts by 15-25 % within a minute), each into a store of its own:
   the whole command (start-up, ingest, extraction, store writes), with its wall time,
   the CPU time of all its processes (the command and its workers, ``getrusage`` of the
   reaped children), and the peak RSS of every process sampled by psutil; the load average
   before and after each.

Targets (issue 17): extraction on one worker >= 1.5x the raw parse; 2 workers >= 1.85x one
worker (wall time: run it on a quiet machine, ``--cli-only`` skips 1-2); peak RSS of one
worker < 500 MB. Every ratio is between figures of this run.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def _timed_parse(seconds: dict[str, float]) -> Iterator[None]:
    """``Pipeline``'s spaCy parse (:func:`~detente.extract.parse.parse_texts`) with its time
    added to ``seconds["parse"]``."""
    from detente.extract import pipeline as module

    original = module.parse_texts

    def timed(nlp: Any, texts: Any, *, max_chars: int) -> Any:
        began = time.process_time()
        try:
            return original(nlp, texts, max_chars=max_chars)
        finally:
            seconds["parse"] += time.process_time() - began

    module.parse_texts = timed
    try:
        yield
    finally:
        module.parse_texts = original


class Rate:
    """Articles per wall-clock second and per CPU second of this process."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    @classmethod
    def of(cls, n: int, wall: float, cpu: float) -> Rate:
        """The rate of ``n`` articles in ``wall`` and ``cpu`` seconds."""
        rate = cls()
        rate.wall, rate.cpu = n / wall, n / cpu
        return rate

    def stop(self, n: int) -> Rate:
        self.wall = n / (time.perf_counter() - self.wall)
        self.cpu = n / (time.process_time() - self.cpu)
        return self

    def __str__(self) -> str:
        return f"{self.wall:.2f} articles/s ({self.cpu:.2f} per CPU second)"


def interleaved(articles: list[Article], options: ExtractOptions, rounds: int
                ) -> tuple[Rate, Rate, dict[str, float]]:
    """(raw parse rate, extraction rate, extraction seconds per part), the two measured in
    turns: the articles in ``rounds`` slices, each slice parsed raw (the stock model as
    ``spacy.load`` gives it, ``nlp.pipe``, model warm) and extracted by ``Pipeline.run`` with
    every stage timed, the raw parse first on even slices and last on odd ones. A machine
    whose speed drifts during the run (this one's does: a raw parse of 4.4 to 6.3 articles/s
    from one run to the next) slows both sides alike."""
    import spacy

    nlp = spacy.load(options.model)
    list(nlp.pipe([a.text for a in articles[:4]]))  # warm
    seconds: dict[str, float] = defaultdict(float)
    pipeline = Pipeline(options)
    pipeline.stages = [_TimedStage(s, seconds) for s in pipeline.stages]
    raw_wall = raw_cpu = ext_wall = ext_cpu = 0.0
    size = -(-len(articles) // rounds)
    for k in range(0, len(articles), size):
        part = articles[k:k + size]
        for side in (("raw", "ext") if (k // size) % 2 == 0 else ("ext", "raw")):
            wall, cpu = time.perf_counter(), time.process_time()
            if side == "raw":
                sum(1 for _ in nlp.pipe([a.text for a in part], batch_size=options.batch_size))
            else:
                began = time.process_time()
                with _timed_parse(seconds):
                    sum(1 for _ in pipeline.run(part))
                seconds["other (batching, records)"] += time.process_time() - began
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if side == "raw":
                raw_wall, raw_cpu = raw_wall + wall, raw_cpu + cpu
            else:
                ext_wall, ext_cpu = ext_wall + wall, ext_cpu + cpu
    # "other" got every part's time above: take the timed parts back out
    seconds["other (batching, records)"] -= sum(v for n, v in seconds.items()
                                                 if n != "other (batching, records)")
    n = len(articles)
    return (Rate.of(n, raw_wall, raw_cpu), Rate.of(n, ext_wall, ext_cpu), dict(seconds))


def components(texts: list[str], nlp: Any) -> dict[str, float]:
    """CPU seconds of the tokenizer and of each pipeline component over ``texts``; for the
    parser and NER also their network alone (``name:network``: the tok2vec features and the
    precomputed hidden layer, ``model.predict``), the rest being the transition loop, which
    steps through the tokens one state at a time in spaCy's compiled code."""
    list(nlp.pipe(texts[:4]))  # warm
    seconds: dict[str, float] = {}
    began = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    seconds["tokenizer"] = time.process_time() - began
    for name, proc in nlp.pipeline:
        # (detente's windowed NER: its network runs on the windows only, not timed apart)
        if name in ("parser", "ner") and type(proc).__name__ != "WindowedNer":
            began = time.process_time()
            for i in range(0, len(docs), 8):
                proc.model.predict(docs[i:i + 8])
            seconds[f"{name}:network"] = time.process_time() - began
        began = time.process_time()
        docs = list(proc.pipe(docs, batch_size=8)) if hasattr(proc, "pipe") else \
            [proc(d) for d in docs]
        seconds[name] = time.process_time() - began
    return seconds


def print_components(texts: list[str], options: ExtractOptions) -> None:
    import spacy

    from detente.extract.nlp import load_nlp

    stock = components(texts, spacy.load(options.model))
    ours = components(texts, load_nlp(options.model))
    print(f"spaCy components, CPU s over {len(texts)} texts: stock / as detente loads it")
    for name in stock:
        if ":" in name:
            continue
        print(f"    {name:<16} {stock[name]:6.2f}  {ours.get(name, 0.0):6.2f}")
        if f"{name}:network" in stock:
            mine = ours.get(name + ":network")
            print(f"      {'its network':<14} {stock[name + ':network']:6.2f}  "
                  f"{'-' if mine is None else f'{mine:.2f}':>6}  (the rest: the transition loop)")
    total = {k: sum(v for n, v in d.items() if ":" not in n) for k, d in
             (("stock", stock), ("ours", ours))}
    print(f"    {'total':<16} {total['stock']:6.2f}  {total['ours']:6.2f}")


class CliRun:
    """``detente run`` in a subprocess: wall and CPU seconds, RSS, its closing line."""

    def __init__(self, corpus: Path, work: Path, workers: int, turn: int = 0) -> None:
        self.workers = workers
        db = work / f"run-{workers}-{turn}.duckdb"
        cmd = [sys.executable, "-m", "detente", "run", str(corpus), "--db", str(db),
               "--workers", str(workers)]
        self.load_before = load()
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        with RssSampler(proc.pid) as rss:
            _, stderr = proc.communicate()
        self.wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu = (after.ru_utime + after.ru_stime) - (cpu.ru_utime + cpu.ru_stime)
        self.load_after = load()
        self.rss = rss
        if proc.returncode != 0:
            sys.exit(f"detente run failed ({proc.returncode}):\n{stderr[-2000:]}")
        lines = [ln for ln in stderr.splitlines() if ln.startswith("processed")]
        self.line = lines[-1] if lines else ""

    def report(self, n: int) -> None:
        print(f"detente run --workers {self.workers}: {n} articles in {self.wall:.1f} s wall = "
              f"{n / self.wall:.2f} articles/s; CPU of all its processes {self.cpu:.1f} s = "
              f"{self.cpu / n:.2f} CPU s per article (start-up and ingest included); "
              f"load average {self.load_before} -> {self.load_after}; {self.line}")
        print(f"  peak RSS: {self.rss.summary()}")


def _speedup(runs: list[CliRun]) -> float:
    """Wall time of the 1-worker runs over that of the 2-worker runs (as many of each)."""
    return (sum(r.wall for r in runs if r.workers == 1)
            / sum(r.wall for r in runs if r.workers == 2))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=6,
                        help="slices of the articles, each parsed raw and extracted in turn")
    parser.add_argument("--no-cli", action="store_true",
                        help="skip the two `detente run` subprocess runs")
    parser.add_argument("--cli-only", action="store_true",
                        help="only the `detente run` runs (the 2-worker speed-up)")
    parser.add_argument("--blocks", type=int, default=1,
                        help="blocks of 1, 2, 2, 1-worker runs (the speed-up over all of them)")
    args = parser.parse_args()
    options = ExtractOptions(workers=1)
    print(f"load average before: {load()}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "news.jsonl"
        n = write_jsonl(corpus, news_articles(args.articles))
        articles = [a for a in read_inputs([str(corpus)], IngestOptions())
                    if isinstance(a, Article)]
        chars = sum(len(a.text) for a in articles) / len(articles)
        print(f"corpus: {n} giveme5w1h articles, {len(articles)} read, "
              f"mean {chars:,.0f} characters")

        if not args.cli_only:
            raw, rate, seconds = interleaved(articles, options, args.rounds)
            print(f"raw spaCy parse ({options.model}, nlp.pipe, batch {options.batch_size}): "
                  f"{raw}")
            total = sum(seconds.values())
            print(f"extraction, 1 worker in this process: {rate} (in {args.rounds} rounds, "
                  "each slice of the articles parsed raw and extracted in turn)")
            print(f"  = {rate.wall / raw.wall:.2f}x the raw parse in wall time, "
                  f"{rate.cpu / raw.cpu:.2f}x in CPU time (target >= 1.5x)")
            print("  share of the CPU time:")
            for name, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
                print(f"    {name:<28} {s:7.1f} s CPU  {100 * s / total:5.1f} %")
            ok = rate.cpu / raw.cpu >= 1.5
            print_components([a.text for a in articles[:100]], options)

        if not args.no_cli:
            # 1, 2, 2, 1 workers, each into a store of its own: the machine's drift in speed
            # during the runs weighs on both counts alike
            runs: list[CliRun] = []
            for block in range(args.blocks):
                mine = [CliRun(corpus, work, w, 4 * block + turn)
                        for turn, w in enumerate((1, 2, 2, 1))]
                for run in mine:
                    run.report(len(articles))
                if args.blocks > 1:
                    print(f"  block {block + 1}: 2 workers / 1 worker {_speedup(mine):.2f}x")
                runs += mine
            one = [r for r in runs if r.workers == 1]
            two = [r for r in runs if r.workers == 2]
            speedup = _speedup(runs)
            print(f"2 workers / 1 worker: {speedup:.2f}x in wall time over the {len(runs)} runs "
                  f"(target >= 1.85x; meaningful on a quiet machine only); CPU per article "
                  f"{sum(r.cpu for r in one) / len(one) / len(articles):.2f} s (1 worker) vs "
                  f"{sum(r.cpu for r in two) / len(two) / len(articles):.2f} s (2 workers)")
            in_process = max(mb for r in one for _, mb in r.rss.peaks.values())
            # The 2-worker runs' extraction processes (multiprocessing's resource tracker,
            # a few MB, aside).
            worker_peak = max((mb for r in two for name, mb in r.rss.peaks.values()
                               if name == "worker" and mb > 100), default=0.0)
            print(f"peak RSS of one worker process (--workers 2): {worker_peak:.0f} MB "
                  f"(target < 500 MB); --workers 1 extracts in the command's own process "
                  f"(store, CLI and pipeline together): {in_process:.0f} MB")
            ok = ok and speedup >= 1.85 and worker_peak < 500
    print(f"load average after: {load()}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
