"""Benchmark: extraction (spaCy parse + actors + events, with the quotes the evaluative
events need) on one worker against the raw spaCy parse of the same articles, measured in the
same run.

    .venv/bin/python bench/bench_events.py [--limit N]

Articles: src/detente/demo/corpus/*.txt plus the Giveme5W1H news articles in
../shared/data/news (read at run time, never copied). Target: extraction throughput at
least 0.7x the parse throughput. Prints docs/s for both, the ratio, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc
from pathlib import Path

from detente.config import ExtractOptions
from detente.errors import DetenteError
from detente.evaluate import shared_data_dir
from detente.extract.events.stage import EventStage
from detente.extract.nlp import load_nlp
from detente.extract.stage import Draft
from detente.model import Article, Record

REPO = Path(__file__).resolve().parents[1]


def _texts(limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((REPO / "src/detente/demo/corpus").glob("*.txt"))]
    news = shared_data_dir() / "news" / "giveme5w1h" / "news_cluster" / "data"
    for path in sorted(news.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8")).get("text") or ""
        if text.strip():
            texts.append(text)
    return texts[:limit]


def _stages(options: ExtractOptions) -> list[object]:
    stages: list[object] = []
    try:
        from detente.extract.actors.stage import ActorStage

        stages.append(ActorStage(options))
    except (ImportError, DetenteError) as exc:
        print(f"actors stage unavailable ({exc}): measuring parse + events only")
    stages.append(EventStage(options))
    # The evaluative events need the quotes' speakers; both count as the events layer's cost.
    from detente.extract.events.confidence import ConfidenceStage
    from detente.extract.events.evaluative import EvaluativeStage
    from detente.extract.quotes.stage import QuoteStage

    stages += [QuoteStage(options), EvaluativeStage(options), ConfidenceStage()]
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=80, help="number of articles")
    parser.add_argument("--repeat", type=int, default=2, help="alternating timed runs")
    args = parser.parse_args()
    texts = _texts(args.limit)
    options = ExtractOptions(workers=1)
    nlp = load_nlp(options.model)
    stages = _stages(options)
    nlp("warm up")

    # CPU time of this process (time.process_time), not wall time: the machine may be shared,
    # and the two measurements alternate with each one's best kept.
    parse = full = float("inf")
    events = 0
    docs: list[object] = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for _doc in nlp.pipe(texts, batch_size=options.batch_size):
            pass
        parse = min(parse, time.process_time() - t0)

        t0 = time.process_time()
        events, docs = 0, []
        for n, (text, doc) in enumerate(zip(texts, nlp.pipe(texts,
                                                            batch_size=options.batch_size),
                                            strict=True)):
            item = Draft(Record(article=Article(id=f"b{n}", text=text)), doc, "2018-06-01")
            for stage in stages:
                item = stage(item)  # type: ignore[operator]
            events += len(item.record.events)
            docs.append(doc)
        full = min(full, time.process_time() - t0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # Memory the stages allocate on top of the parse, traced in a separate untimed pass
    # (tracemalloc slows every allocation, so it never runs while timing).
    tracemalloc.start()
    for n, (text, doc) in enumerate(zip(texts, docs, strict=True)):
        item = Draft(Record(article=Article(id=f"m{n}", text=text)), doc, "2018-06-01")
        for stage in stages:
            item = stage(item)  # type: ignore[operator]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    n = len(texts)
    chars = sum(len(t) for t in texts)
    print(f"{n} articles, {chars / 1000:.0f}k characters, {events} events")
    print(f"parse only:           {n / parse:7.2f} docs/s ({parse:.1f}s CPU)")
    print(f"parse+actors+events+quotes: {n / full:7.2f} docs/s ({full:.1f}s CPU)")
    print(f"ratio: {parse / full:.2f}x of parse throughput (target >= 0.70)")
    print(f"peak memory: {rss:.0f} MB max RSS; stages' own peak {peak / 1e6:.1f} MB (traced)")


if __name__ == "__main__":
    main()
