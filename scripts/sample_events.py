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
import json
import random
from pathlib import Path

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
    gold = args.data / "events" / "real_dev" / "gold.jsonl"
    dev = {json.loads(line).get("id") for line in gold.read_text(encoding="utf-8").splitlines()
           if line.strip()}
    paths = sorted((args.data / "news" / "giveme5w1h" / "news_cluster" / "data").glob("*.json"))
    rng = random.Random(args.seed)
    rng.shuffle(paths)
    articles: list[Article] = []
    category: dict[str, str] = {}
    for path in paths:
        if len(articles) >= args.articles:
            break
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("dId") in dev or path.stem in dev or len(d.get("text") or "") < 200:
            continue
        aid = path.stem[:12]
        category[aid] = d["newsCluster"]["Category"]
        articles.append(Article(id=aid, text=f"{d['title']}\n\n{d['text']}", title=d["title"],
                                published=(d.get("date_publish") or "")[:10] or None,
                                language="en"))
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
