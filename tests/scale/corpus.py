"""Small generated news-like corpora for the scale tests (no shared data needed)."""

from __future__ import annotations

import json
import random
from pathlib import Path

_WHO = ("The foreign minister", "A senior official", "The president", "Negotiators",
        "The defence ministry", "Diplomats", "The envoy", "Lawmakers in the capital")
_DID = ("met", "criticised", "praised", "warned", "telephoned", "visited", "accused",
        "offered aid to")
_WHOM = ("counterparts in Geneva", "the new sanctions", "the ceasefire proposal",
         "officials in Moscow", "the trade delegation", "the United Nations",
         "the government in Kyiv", "European partners")
_WHEN = ("on Tuesday", "last week", "on Friday", "this morning", "on March 3", "in May")


def article_text(rng: random.Random, n: int) -> str:
    """A short news-like paragraph, distinct for each ``n``."""
    sentences = [
        f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHOM)} {rng.choice(_WHEN)}."
        for _ in range(rng.randint(2, 5))
    ]
    sentences.append(f"Talks are expected to resume in round {n}.")
    return " ".join(sentences)


def write_jsonl(path: Path, count: int, *, seed: int = 7, start: int = 0) -> list[str]:
    """``count`` JSONL articles with titles and dates; returns their texts."""
    rng = random.Random(seed)
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for n in range(start, start + count):
            text = article_text(rng, n)
            texts.append(text)
            fh.write(json.dumps({"id": str(n), "title": f"Briefing {n}", "text": text,
                                 "published": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"}) + "\n")
    return texts
