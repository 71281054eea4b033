"""Rebuild ``src/detente/data/events/confidence.tsv`` from the real-news development set.

Runs detente's default pipeline over ``events/real_dev`` (read from the shared data at run
time), matches the events to the gold as ``detente eval real`` does (country level), and
writes, per calibration cell (:func:`detente.extract.events.confidence.cell`), how many events
were coded and how many matched. Only counts are written, no text.

    PYTHONPATH=src python scripts/calibrate_events.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from detente.config import ExtractOptions
from detente.evaluate import checksum
from detente.evaluate.real import _run, load_gold, score_docs
from detente.extract.events.confidence import cell

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "events" / \
    "confidence.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    gold_file = args.data / "events" / "real_dev" / "gold.jsonl"
    docs = load_gold(gold_file, args.data)
    scores = score_docs(docs, _run(docs, ExtractOptions(workers=1)))
    n: Counter[str] = Counter()
    k: Counter[str] = Counter()
    for s in scores:
        matched = set(s.country["all"].values())
        for j, e in enumerate(s.preds["all"]):
            n[cell(e)] += 1
            k[cell(e)] += j in matched
    lines = [
        "# Event confidence calibration (see detente/extract/events/confidence.py).",
        "# Per cell: events detente coded on events/real_dev and how many matched the gold",
        f"# at country level. Data checksum {checksum([gold_file])}; rebuilt by",
        "# scripts/calibrate_events.py. In-sample figures: a held-out set measures transfer.",
        "cell\tevents\tright",
        *(f"{c}\t{n[c]}\t{k[c]}" for c in sorted(n)),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(n)} cells, {sum(n.values())} events, {sum(k.values())} right")


if __name__ == "__main__":
    main()
