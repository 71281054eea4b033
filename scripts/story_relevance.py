"""Default-view events of political and non-political stories on the giveme5w1h corpus: how
much the story-relevance signal (``Event.off_topic``) keeps out, and what it costs.

    PYTHONPATH=src python scripts/story_relevance.py [--data ../shared/data] [--features F]

Every giveme5w1h article (news_cluster, gold_standard, google_news; 200 characters or more)
is coded. Each belongs to a story cluster (the corpus's ``category`` or news_cluster event
name); the clusters are labelled political or not below, by hand, from their names and
titles (international or domestic politics with state actors, as real_dev's GUIDELINES §1
selects; sports, business, technology, science, entertainment, crime with no state actor and
accident stories are not). real_dev's own giveme5w1h articles are counted apart: all of them
are political, and none should be marked. Prints, per group, the articles, the articles
marked off-topic and the default-view events; ``--features`` writes one row per article with
the signal's inputs, for reading. Reads the shared data at run time; nothing is copied in.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections import Counter
from pathlib import Path

from _giveme import real_dev_ids

from detente.config import ExtractOptions
from detente.evaluate.real import in_default_view
from detente.extract.pipeline import Pipeline
from detente.model import Article

# Story clusters that are not political (the rest are). A judgment call, made from the
# cluster names and titles: the Cubs' title, Formula 1, a tram derailment, Toblerone, a
# shooting near a protest with no state actor, car makers' emissions cheating (a business
# scandal), a credit bureau's data breach, phones, games, films, science, weather.
NON_POLITICAL = frozenset({
    # gold_standard
    "china well", "cubs win championship", "f1", "seattle shooting", "toberone-gate", "tram",
    "tram victims",
    # google_news
    "Dieselgate", "Equifax breach", "IPhone-X Green-Line", "Star Wars: Battlefront II - Loot Box",
    # news_cluster, world
    "china_boy_well", "croydon_tram_trash", "harambe",
    "new_york_family_of_5_among_12_killed_in_costa_rica_plane_crash",
    "thousands_flee_fireworks_explosion_at_australia_beach", "tourist_boat_hits_bridge_in_germany",
})
# news_cluster categories whose every story is non-political.
NON_POLITICAL_CATEGORIES = frozenset({"business", "entertainment", "science", "sports",
                                      "technology"})


def _articles(data: Path) -> list[tuple[Article, str, str]]:
    """(article, cluster name, group) for every giveme5w1h article; group is ``real_dev``,
    ``political`` or ``other``."""
    dev = real_dev_ids(data)
    out: list[tuple[Article, str, str]] = []
    root = data / "news" / "giveme5w1h"
    for sub in ("news_cluster", "gold_standard", "google_news"):
        for path in sorted((root / sub / "data").glob("*.json")):
            d = json.loads(path.read_text(encoding="utf-8"))
            if len(d.get("text") or "") < 200:
                continue
            nc = d.get("newsCluster")
            if isinstance(nc, dict):
                cluster, kind = str(nc.get("Event")), str(nc.get("Category"))
            else:
                cluster, kind = str(d.get("category")), ""
            if d.get("dId") in dev or path.stem in dev:
                group = "real_dev"
            elif cluster in NON_POLITICAL or kind in NON_POLITICAL_CATEGORIES:
                group = "other"
            else:
                group = "political"
            aid = path.stem[:12]
            out.append((Article(id=aid, text=f"{d['title']}\n\n{d['text']}", title=d["title"],
                                published=(d.get("date_publish") or "")[:10] or None,
                                language="en"), cluster, group))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--features", type=Path, help="write one row per article here")
    args = ap.parse_args()
    rows = _articles(args.data)
    info = {a.id: (cluster, group) for a, cluster, group in rows}
    articles: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    unmarked_view: Counter[str] = Counter()  # default view without the story test
    lines = ["id\tgroup\tcluster\toff_topic\tshown\tunmarked_view\ttitle"]
    by_cluster: Counter[tuple[str, str]] = Counter()
    for rec in Pipeline(ExtractOptions()).run(a for a, _, _ in rows):
        cluster, group = info[rec.article.id]
        articles[group] += 1
        reason = next((e.off_topic for e in rec.events if e.off_topic), None)
        marked[group] += reason is not None
        n = sum(1 for e in rec.events if in_default_view(e))
        m = sum(1 for e in rec.events if in_default_view(dataclasses.replace(e, off_topic=None)))
        shown[group] += n
        unmarked_view[group] += m
        by_cluster[(group, cluster)] += n
        lines.append(f"{rec.article.id}\t{group}\t{cluster}\t{reason or ''}\t{n}\t{m}\t"
                     f"{(rec.article.title or '')[:80]}")
    for group in ("real_dev", "political", "other"):
        print(f"{group}: {articles[group]} articles, {marked[group]} marked off-topic; "
              f"default-view events {shown[group]} (without the story test "
              f"{unmarked_view[group]})")
    print("\ndefault-view events by cluster:")
    for (group, cluster), n in sorted(by_cluster.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"  {group:9s} {n:4d}  {cluster}")
    if args.features:
        args.features.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
