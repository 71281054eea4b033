"""Benchmark: time tagging cost as a fraction of the spaCy parse of the same texts, and
the rules tried only at their anchors (anchors.py) against scans of the whole text.

    .venv/bin/python bench/bench_time.py [--limit N] [--news N]

Texts: src/detente/demo/corpus/*.txt when present, plus the TempEval-3 train documents
from ../shared/data (read at run time, never copied). Both are measured in the same run.
Then ``TimexTagger.tag`` over the first ``--news`` giveme5w1h articles (bench/_news.py;
the tagger's own tense cues, no parse), the rules anchored and scanning the whole text, in
turns in this process, checking that both give the same timexes.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from _news import news_articles

from detente.config import ExtractOptions
from detente.evaluate import shared_data_dir
from detente.evaluate.time import read_tml
from detente.extract.nlp import load_nlp
from detente.extract.time.stage import TimexTagger, doc_tense_of
from detente.model import Timex

REPO = Path(__file__).resolve().parents[1]


def _texts(limit: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((REPO / "src/detente/demo/corpus").glob("*.txt"))]
    tml = sorted((shared_data_dir() / "time" / "tempeval3_train").rglob("*.tml"))
    texts += [read_tml(p).text for p in tml]
    return texts[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=120, help="number of texts")
    parser.add_argument("--news", type=int, default=300, help="giveme5w1h articles (0: none)")
    args = parser.parse_args()
    texts = _texts(args.limit)
    nlp = load_nlp(ExtractOptions().model)
    tagger = TimexTagger()
    nlp("warm up")
    tagger.tag("warm up last week", "2025-08-07")

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = 0
    for text, doc in zip(texts, docs, strict=True):
        n += len(tagger.tag(text, "2025-08-07", tense_of=doc_tense_of(doc)))
    tag = time.perf_counter() - t0

    chars = sum(len(t) for t in texts)
    print(f"texts {len(texts)}  chars {chars}  timexes {n}")
    print(f"spaCy parse  {parse:8.3f} s")
    print(f"time tagging {tag:8.3f} s  ({tag / parse:.1%} of parse; target < 15%)")
    if args.news:
        anchored_vs_whole(tagger, args.news)


def anchored_vs_whole(anchored: TimexTagger, limit: int) -> None:
    """CPU of ``tag`` over news, the rules anchored and scanning the whole text, in turns."""
    whole = TimexTagger(anchored.lexicon)
    whole.grammar.rules = [dataclasses.replace(r, anchor=None) for r in whole.grammar.rules]
    articles = news_articles(limit)
    cpu: dict[str, list[float]] = {"anchored": [], "whole text": []}
    results: dict[str, list[list[Timex]]] = {}
    for _ in range(2):
        for name, tagger in (("whole text", whole), ("anchored", anchored)):
            t0 = time.process_time()
            results[name] = [tagger.tag(a["text"], a["published"]) for a in articles]
            cpu[name].append(time.process_time() - t0)
    if results["anchored"] != results["whole text"]:
        raise SystemExit("the anchored rules gave other timexes than the whole-text scans")
    n = sum(len(r) for r in results["anchored"])
    print(f"news: {len(articles)} giveme5w1h articles, {n} timexes, the same both ways")
    for name, runs in cpu.items():
        print(f"tag(), rules {name:10s} CPU s " + "  ".join(f"{s:.3f}" for s in runs))
    ratio = min(cpu["whole text"]) / min(cpu["anchored"])
    print(f"anchored: {ratio:.1f}x less CPU (best of each)")


if __name__ == "__main__":
    main()
