"""How many default-view events come from non-political stories: a fixed sample of the
giveme5w1h news_cluster articles outside real_dev, counted by the corpus's own story category
(``world`` is the political one; business, sports, entertainment, science, technology are not).

    PYTHONPATH=src python scripts/default_view_noise.py [--every 3] [--data ../shared/data]

Reads the shared data at run time (nothing is copied into the repo). Prints the counts, then
one line per default-view event: category, article id, event category, source code and text,
target code.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from _giveme import giveme_paths, read_articles, real_dev_ids

from detente.config import ExtractOptions
from detente.evaluate.real import in_default_view
from detente.extract.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--every", type=int, default=3, help="take every Nth article (path order)")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    paths = giveme_paths(args.data)[:: args.every]
    articles, category = read_articles(paths, real_dev_ids(args.data))
    events: Counter[str] = Counter()
    lines = []
    for rec in Pipeline(ExtractOptions()).run(articles):
        cat = category[rec.article.id]
        for e in rec.events:
            if in_default_view(e):
                events[cat] += 1
                lines.append(f"  {cat} {rec.article.id} {e.category} {e.source.code} "
                             f"{e.source.text} {e.target.code if e.target else None}")
    print("articles by category:", dict(Counter(category.values())))
    print("default-view events by category:", dict(events))
    print("non-political (not 'world') default-view events:",
          sum(n for c, n in events.items() if c != "world"), "of", sum(events.values()))
    print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
