"""Benchmark: time tagging cost as a fraction of the spaCy parse of the same texts.

    .venv/bin/python bench/bench_time.py [--limit N]

Texts: src/detente/demo/corpus/*.txt when present, plus the TempEval-3 train documents
from ../shared/data (read at run time, never copied). Both are measured in the same run.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from detente.config import ExtractOptions
from detente.evaluate import shared_data_dir
from detente.evaluate.time import read_tml
from detente.extract.nlp import load_nlp
from detente.extract.time.stage import TimexTagger, doc_tense_of

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


if __name__ == "__main__":
    main()
