"""Error analysis for ``detente eval where``: every wrong country, wrong city and invented
place on the matched real_dev events, each with the gold place, ours (name, country,
precision, basis), our evidence and note, and the sentence.

    PYTHONPATH=src python scripts/where_errors.py [--loose] [--data ../shared/data]

``--loose`` lists the errors on the looser match (sentence and category; an aside, §11
scores the §9 match). Reads the gold at run time (nothing is copied into the repo).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from detente.evaluate.where import errors, evaluate, render


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--loose", action="store_true", help="the looser match's errors")
    args = ap.parse_args()
    report = evaluate(args.data)
    print(render(report))
    print()
    for line in errors(report.extra["loose_pairs" if args.loose else "pairs"]):
        print(line)


if __name__ == "__main__":
    main()
