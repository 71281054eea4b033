"""Reading giveme5w1h news_cluster articles outside real_dev, for the scripts that judge the
default view by hand. Reads the shared data at run time; nothing is copied into the repo."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from detente.model import Article


def giveme_paths(data: Path) -> list[Path]:
    """The news_cluster article files, in path order."""
    return sorted((data / "news" / "giveme5w1h" / "news_cluster" / "data").glob("*.json"))


def real_dev_ids(data: Path) -> set[str]:
    """Document ids in the real_dev gold set (kept out of every sample)."""
    gold = data / "events" / "real_dev" / "gold.jsonl"
    return {json.loads(line).get("id") for line in gold.read_text(encoding="utf-8").splitlines()
            if line.strip()}


def read_articles(
    paths: Iterable[Path], dev: set[str], *, limit: int | None = None
) -> tuple[list[Article], dict[str, str]]:
    """Articles (title and text, 200 characters or more) not in real_dev, with each one's story
    category (``world``, ``business``, ``sports``, ...), at most ``limit`` of them."""
    articles: list[Article] = []
    category: dict[str, str] = {}
    for path in paths:
        if limit is not None and len(articles) >= limit:
            break
        d = json.loads(path.read_text(encoding="utf-8"))
        if d.get("dId") in dev or path.stem in dev or len(d.get("text") or "") < 200:
            continue
        aid = path.stem[:12]
        category[aid] = d["newsCluster"]["Category"]
        articles.append(Article(id=aid, text=f"{d['title']}\n\n{d['text']}", title=d["title"],
                                published=(d.get("date_publish") or "")[:10] or None,
                                language="en"))
    return articles, category
