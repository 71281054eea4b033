"""Benchmark: what placing events (the where stage) adds to extraction, measured in one run.

    PYTHONPATH=src .venv/bin/python bench/bench_where.py [--limit N] [--repeat R]

Runs the whole default pipeline (parse, actors, time, events, dates, where, quotes,
deadlines) and the same pipeline without the where stage over the same articles, alternating,
and keeps each one's best CPU time (``time.process_time``: the machine may be shared).
Articles: src/detente/demo/corpus/*.txt plus the Giveme5W1H news articles in
../shared/data/news (read at run time, never copied). Target: the where stage adds < 10%.
Also prints the one-off gazetteer build (once per process) and how many events got a place.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions
from detente.evaluate import shared_data_dir
from detente.extract.pipeline import Pipeline, default_stages
from detente.extract.where.gazetteer import build_gazetteer
from detente.extract.where.stage import LocationStage
from detente.model import Article

REPO = Path(__file__).resolve().parents[1]


def _articles(limit: int) -> list[Article]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((REPO / "src/detente/demo/corpus").glob("*.txt"))]
    news = shared_data_dir() / "news" / "giveme5w1h" / "news_cluster" / "data"
    for path in sorted(news.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if (data.get("text") or "").strip():
            texts.append(data["text"])
    return [Article(id=f"b{i}", text=t, published="2017-01-01", language="en")
            for i, t in enumerate(texts[:limit])]


class _TimedLocationStage(LocationStage):
    """The where stage, adding up its own CPU time (a second, noise-free measure)."""

    spent = 0.0

    def __call__(self, item: Any) -> Any:
        t0 = time.process_time()
        try:
            return super().__call__(item)
        finally:
            _TimedLocationStage.spent += time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=60, help="number of articles")
    parser.add_argument("--repeat", type=int, default=3, help="alternating timed runs")
    args = parser.parse_args()
    articles = _articles(args.limit)
    options = ExtractOptions(workers=1)

    t0 = time.process_time()
    build_gazetteer()
    gazetteer_s = time.process_time() - t0

    with_where = Pipeline(options, [_TimedLocationStage() if isinstance(s, LocationStage)
                                    else s for s in default_stages(options)])
    without = Pipeline(options, [s for s in default_stages(options)
                                 if not isinstance(s, LocationStage)])
    list(with_where.run(articles[:2]))  # warm up both (spaCy, lexicons, the gazetteer)
    list(without.run(articles[:2]))
    best = {"with": float("inf"), "without": float("inf")}
    stage_best = float("inf")
    placed = events = 0
    for _ in range(args.repeat):
        for name, pipeline in (("without", without), ("with", with_where)):
            _TimedLocationStage.spent = 0.0
            t0 = time.process_time()
            records = list(pipeline.run(articles))
            best[name] = min(best[name], time.process_time() - t0)
            if name == "with":
                stage_best = min(stage_best, _TimedLocationStage.spent)
            if name == "with":
                events = sum(len(r.events) for r in records)
                placed = sum(e.location is not None for r in records for e in r.events)
    ratio = best["with"] / best["without"]
    print(f"articles: {len(articles)}, events: {events}, placed: {placed} "
          f"({placed / max(events, 1):.0%})")
    print(f"gazetteer build (once per process): {gazetteer_s:.2f} s CPU")
    print(f"extraction without where: {best['without']:.2f} s CPU "
          f"({len(articles) / best['without']:.1f} docs/s)")
    print(f"extraction with where:    {best['with']:.2f} s CPU "
          f"({len(articles) / best['with']:.1f} docs/s)")
    print(f"ratio with/without: {ratio:.3f} (where adds {ratio - 1:+.1%}; target < +10%)")
    print(f"the where stage's own CPU time: {stage_best:.3f} s = "
          f"{stage_best / (best['with'] - stage_best):.1%} of the rest of extraction")


if __name__ == "__main__":
    main()
