"""Scoring event locations on the real-news gold set (``events/real_dev/gold.jsonl``, read at
eval time; GUIDELINES.md §9 and §11).

Gold events are matched to predicted events with ``detente eval real``'s matching (§9: the
predicted event's evidence overlaps the gold sentence, its category is the gold category or
one of ``alt``, source and target agree at country level; one to one, by maximum matching).
The ``loose_`` figures use a looser match, sentence and category alone, one to one greedily
in text order: placing an event does not depend on its actors being coded right, and it
scores the locations of about four times as many events. On matched non-background events:

- ``country_accuracy``: the predicted place's country equals the gold one, where "no place"
  equals only "no place" and a region across states (country null) equals only a predicted
  place with no country;
- ``country_accuracy_placed``: the same, over the events whose gold has a place;
- ``city_accuracy``: gold precision city, predicted coordinates within 50 km of the gold's;
- ``none_accuracy``: gold none, predicted none (no invented places);
- ``coverage``: the share of matched events given a place;
- the same country accuracy by gold basis (sentence / article / inferred) and, over the
  events we placed, by our basis (how often a sentence- or article-based place is right).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.extract.where.gazetteer import distance_km
from detente.model import Actor, Article, Event, Location, Record

__all__ = ["Pair", "evaluate", "load_gold", "match_as_real", "match_events", "render",
           "score_pairs"]

_HEADLINE = ("country_accuracy", "country_accuracy_placed", "city_accuracy", "none_accuracy",
             "coverage", "country_accuracy_gold_sentence", "country_accuracy_gold_article",
             "country_accuracy_gold_inferred")
CITY_KM = 50.0  # GUIDELINES §11: a city is right within 50 km


@dataclass(frozen=True)
class Pair:
    """A matched gold event and our event."""

    gold: dict[str, Any]
    event: Event
    sentence: str


def _country_code(code: str | None) -> str | None:
    if code is None:
        return None
    if code[:3] in ("IGO", "NGO", "IMG"):
        return code
    return code[:3]


def _actor_ok(gold: str | None, actor: Actor | None, *, target: bool) -> bool:
    if gold is None:
        return target  # a gold null target matches any target or none
    if gold.startswith("---"):
        return True
    if actor is None:
        return False
    want = _country_code(gold)
    if want is not None and want[:3] in ("IGO", "NGO", "IMG"):
        return bool(actor.code) and want[3:] in (actor.code or "")
    have = (actor.code or "")[:3] or actor.country
    return have == want or actor.country == want


def _compatible(gold: dict[str, Any], e: Event, *, actors: bool = True) -> bool:
    if e.category != gold["category"] and e.category not in gold.get("alt", []):
        return False
    if not actors:
        return True
    if _actor_ok(gold["source"], e.source, target=False) and \
            _actor_ok(gold["target"], e.target, target=True):
        return True
    return bool(gold.get("symmetric")) and _actor_ok(gold["source"], e.target, target=False) \
        and _actor_ok(gold["target"], e.source, target=True)


def match_events(text: str, gold_events: Sequence[dict[str, Any]],
                 events: Sequence[Event], *, actors: bool = True) -> list[Pair]:
    """Greedy one-to-one matching of gold events to ours, sentence by sentence; with
    ``actors`` False, on sentence and category alone."""
    used: set[int] = set()
    pairs: list[Pair] = []
    for g in gold_events:
        start = text.find(g["sentence"])
        if start < 0:
            continue
        end = start + len(g["sentence"])
        for n, e in enumerate(events):
            if n in used or not (e.evidence.start < end and start < e.evidence.end):
                continue
            if _compatible(g, e, actors=actors):
                used.add(n)
                pairs.append(Pair(g, e, g["sentence"]))
                break
    return pairs


def match_as_real(text: str, gold_events: Sequence[dict[str, Any]],
                  events: Sequence[Event]) -> list[Pair]:
    """The matching of ``detente eval real`` (:mod:`detente.evaluate.real_match`: §9 at
    country level, one to one by maximum matching within the overlapping sentence)."""
    from detente.evaluate.real_match import GoldEvent
    from detente.evaluate.real_match import match_events as real_match

    golds = [GoldEvent(g["source"], g["target"], g["category"], tuple(g.get("alt", [])),
                       g["kind"], bool(g["negated"]), bool(g["symmetric"]),
                       bool(g["background"]), g["sentence"], text.find(g["sentence"]))
             for g in gold_events]
    matched = real_match(golds, events)
    return [Pair(gold_events[i], events[j], gold_events[i]["sentence"])
            for i, j in sorted(matched.items())]


def load_gold(data_dir: Path, split: str) -> tuple[Path, list[dict[str, Any]]]:
    name = "real_dev" if split == "dev" else f"real_{split}"
    path = data_dir / "events" / name / "gold.jsonl"
    if not path.is_file():
        raise UsageError(f"no real-news gold file for split {split!r} at {path}")
    with path.open(encoding="utf-8") as fh:
        return path, [json.loads(line) for line in fh if line.strip()]


def _article(data_dir: Path, doc: dict[str, Any], csvs: dict[str, list[dict[str, str]]]
             ) -> Article:
    from detente.ingest.article import make_article

    path = data_dir / doc["file"]
    title = doc.get("title")
    if path.suffix == ".csv":
        if doc["file"] not in csvs:
            csv.field_size_limit(10**9)
            with path.open(encoding="utf-8", newline="") as fh:
                csvs[doc["file"]] = list(csv.DictReader(fh))
        text = csvs[doc["file"]][doc["row"]]["text"]
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        text, title = data["text"], data.get("title") or title
    art = make_article(text, input=doc["file"], title=title, published=doc["published"],
                       outlet=doc.get("outlet"))
    if not isinstance(art, Article):
        raise UsageError(f"cannot read gold article {doc['file']}: {art}")
    return art


def _records(articles: list[Article], options: ExtractOptions) -> list[Record]:
    from detente.extract.actors.stage import ActorStage
    from detente.extract.events.stage import EventStage
    from detente.extract.pipeline import Pipeline
    from detente.extract.stage import Stage
    from detente.extract.where.stage import LocationStage

    stages: list[Stage] = [ActorStage(options), EventStage(options), LocationStage()]
    return list(Pipeline(options, stages).run(articles))


def _country_right(gold: dict[str, Any], loc: Location | None) -> bool:
    if gold["precision"] == "none":
        return loc is None
    if loc is None:
        return False
    return bool(loc.country == gold["country"])


def _city_right(gold: dict[str, Any], loc: Location | None) -> bool:
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    return distance_km(gold["lat"], gold["lon"], loc.lat, loc.lon) <= CITY_KM


def _share(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def score_pairs(pairs: Sequence[Pair]) -> tuple[dict[str, float], dict[str, int]]:
    """Metrics (0..1) and the counts behind them."""
    rows = [(p.gold["location"], p.event.location) for p in pairs]
    placed = [(g, loc) for g, loc in rows if g["precision"] != "none"]
    cities = [(g, loc) for g, loc in rows if g["precision"] == "city"]
    nones = [(g, loc) for g, loc in rows if g["precision"] == "none"]
    metrics = {
        "country_accuracy": _share([_country_right(g, loc) for g, loc in rows]),
        "country_accuracy_placed": _share([_country_right(g, loc) for g, loc in placed]),
        "city_accuracy": _share([_city_right(g, loc) for g, loc in cities]),
        "none_accuracy": _share([loc is None for _, loc in nones]),
        "coverage": _share([loc is not None for _, loc in rows]),
    }
    counts = {"matched": len(rows), "gold_placed": len(placed), "gold_city": len(cities),
              "gold_none": len(nones)}
    for basis in ("sentence", "article", "inferred"):
        sub = [(g, loc) for g, loc in rows if g["basis"] == basis]
        metrics[f"country_accuracy_gold_{basis}"] = _share([_country_right(g, loc)
                                                           for g, loc in sub])
        counts[f"gold_{basis}"] = len(sub)
    for basis in ("sentence", "article", "inferred"):
        sub = [(g, loc) for g, loc in rows if loc is not None and loc.basis == basis]
        metrics[f"country_accuracy_ours_{basis}"] = _share([_country_right(g, loc)
                                                           for g, loc in sub])
        counts[f"ours_{basis}"] = len(sub)
    return metrics, counts


def evaluate(data_dir: Path, *, split: str = "dev",
             options: ExtractOptions | None = None) -> EvalReport:
    """Score event locations on ``events/real_<split>/gold.jsonl`` (dev: ``real_dev``)."""
    options = options or ExtractOptions(workers=1)
    path, docs = load_gold(data_dir, split)
    csvs: dict[str, list[dict[str, str]]] = {}
    articles = [_article(data_dir, d, csvs) for d in docs]
    records = _records(articles, options)
    pairs: list[Pair] = []
    loose: list[Pair] = []
    gold_n = 0
    for doc, rec in zip(docs, records, strict=True):
        gold = [e for e in doc["events"] if not e["background"]]
        gold_n += len(gold)
        pairs.extend(match_as_real(rec.article.text, gold, rec.events))
        loose.extend(match_events(rec.article.text, gold, rec.events, actors=False))
    metrics, counts = score_pairs(pairs)
    metrics["matched_share"] = len(pairs) / gold_n if gold_n else 0.0
    # The same figures on a looser match (sentence and category; actors not compared):
    # locating does not depend on the actors being coded right, and the looser match
    # scores it on about five times as many events.
    loose_metrics, loose_counts = score_pairs(loose)
    for key in _HEADLINE:
        metrics[f"loose_{key}"] = loose_metrics[key]
    metrics["loose_matched_share"] = len(loose) / gold_n if gold_n else 0.0
    report = EvalReport("where", metrics, len(pairs), checksum([path]))
    report.extra = {"pairs": pairs, "loose_pairs": loose,
                    "counts": {**counts, "gold_events": gold_n}}
    report.details = (_details(pairs, counts, gold_n) + "\n\nlooser match (sentence and "
                      "category):\n" + _details(loose, loose_counts, gold_n))
    return report


def _fmt(loc: Location | None) -> str:
    if loc is None:
        return "none"
    return f"{loc.name} ({loc.country or '-'}, {loc.precision}, {loc.basis})"


def _details(pairs: Sequence[Pair], counts: dict[str, int], gold_n: int) -> str:
    lines = [f"matched {counts['matched']} of {gold_n} non-background gold events; gold: "
             f"{counts['gold_placed']} placed ({counts['gold_city']} city), "
             f"{counts['gold_none']} none; by gold basis: sentence {counts['gold_sentence']}, "
             f"article {counts['gold_article']}, inferred {counts['gold_inferred']}; ours: "
             f"sentence {counts['ours_sentence']}, article {counts['ours_article']}, inferred "
             f"{counts['ours_inferred']}"]
    errors: Counter[tuple[str, str]] = Counter()
    for p in pairs:
        g = p.gold["location"]
        if not _country_right(g, p.event.location):
            gold = "none" if g["precision"] == "none" else \
                f"{g['name']} ({g['country'] or '-'}, {g['precision']}, {g['basis']})"
            errors[(gold, _fmt(p.event.location))] += 1
    lines.append("most frequent country-level errors (gold -> ours):")
    lines += [f"  {k:3d}  {g} -> {o}" for (g, o), k in errors.most_common(15)]
    return "\n".join(lines)


def render(report: EvalReport) -> str:
    """The report as text: headline figures, then the commonest errors."""
    head = [f"where: {report.n} matched events (data {report.data_checksum})"]
    head += [f"  {k:<34} {v:.3f}" for k, v in report.metrics.items()]
    return "\n".join(head) + "\n\n" + report.details
