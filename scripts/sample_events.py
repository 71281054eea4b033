"""Draw random default-view events from giveme5w1h articles outside real_dev, for judging by
hand (issue 15 asks for 20 random events and the count right).

    PYTHONPATH=src python scripts/sample_events.py [--n 20] [--seed 7] [--articles 150]

Articles are drawn first (``--articles`` of them, at random with ``--seed``, any story
category), every one is coded, then ``--n`` events are drawn from all their default-view
events. Each event is printed with its sentence, so a reader can judge it against
real_dev/GUIDELINES.md (category and the country of source and target). Reads the shared data
at run time; nothing is copied into the repo.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from _giveme import giveme_paths, read_articles, real_dev_ids

from detente.config import ExtractOptions
from detente.evaluate.real import in_default_view
from detente.extract.pipeline import Pipeline
from detente.model import Article, Event


def _sentence(text: str, start: int, end: int) -> str:
    """The text around an evidence span, cut at sentence-like boundaries."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left:right].split())


def _line(event: Event) -> str:
    target = f"{event.target.code or '-'} ({event.target.text})" if event.target else "-"
    return (f"{event.category} [{event.modality}] {event.source.code or '-'} "
            f"({event.source.text}) -> {target}; trigger {event.trigger.text!r}, "
            f"confidence {event.confidence:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20, help="events to draw")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--articles", type=int, default=150, help="articles to code first")
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    paths = giveme_paths(args.data)
    rng = random.Random(args.seed)
    rng.shuffle(paths)
    articles, category = read_articles(paths, real_dev_ids(args.data), limit=args.articles)
    pool: list[tuple[Article, Event]] = []
    for rec in Pipeline(ExtractOptions()).run(articles):
        pool.extend((rec.article, e) for e in rec.events if in_default_view(e))
    print(f"{len(articles)} articles coded, {len(pool)} default-view events; drawing "
          f"{min(args.n, len(pool))} with seed {args.seed}\n")
    for i, (article, event) in enumerate(rng.sample(pool, min(args.n, len(pool))), 1):
        print(f"{i:2d}. [{category[article.id]}] {article.id}: {_line(event)}")
        print(f"    {_sentence(article.text, event.evidence.start, event.evidence.end)}\n")


if __name__ == "__main__":
    main()
