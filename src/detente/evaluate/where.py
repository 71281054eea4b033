"""Scoring event locations on the real-news gold set (``events/real_dev/gold.jsonl``, read at
eval time; GUIDELINES.md §9 and §11).

Gold events are matched to predicted events with ``detente eval real``'s matching (§9: the
predicted event's evidence overlaps the gold sentence, its category is the gold category or
one of ``alt``, source and target agree at country level; one to one, by maximum matching).
The ``loose_`` figures use a looser match, sentence and category alone, one to one greedily
in text order: placing an event does not depend on its actors being coded right, and it
scores the locations of about three times as many events. It is an aside: §11 scores on
the §9 match. On matched non-background events, as GUIDELINES §11 "How to score" says:

- ``country_accuracy``: over the events whose gold place has a country (city, admin1,
  country precision and regions inside one country; not "none", not regions across
  states): our place's country equals the gold one; no place is wrong;
- ``city_accuracy``: gold precision city: the country is right and our name equals the
  gold name or its admin1 (case, accents, hyphens and spaces ignored) or our point lies
  within 50 km of the gold's;
- ``none_accuracy``: gold none, we give no place ("none kept"); ``invented_rate`` is its
  complement;
- ``coverage``: the share of matched events we place; ``coverage_all``: the share of all
  our events we place; ``coverage_gold``: the share of gold events with a place;
- ``country_or_none_accuracy``: over every matched event, our country equals the gold's
  where "no place" equals only "no place" (the figure reported as ``country_accuracy``
  before it followed §11);
- each by gold basis (``_sentence``, ``_article``, ``_inferred``; ``_strict``: sentence
  plus article), by set (``_giveme5w1h``, ``_us_russia``) and, over the events we placed,
  country accuracy by our basis (how often a sentence- or article-based place is right).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.extract.where.gazetteer import distance_km, normalize_name
from detente.model import Actor, Article, Event, Location, Record

__all__ = ["Pair", "errors", "evaluate", "load_gold", "match_as_real", "match_events", "render",
           "score_pairs"]

_HEADLINE = ("country_accuracy", "city_accuracy", "none_accuracy", "coverage",
             "country_accuracy_strict", "city_accuracy_strict")
CITY_KM = 50.0  # GUIDELINES §11: a city is right within 50 km


@dataclass(frozen=True)
class Pair:
    """A matched gold event and our event."""

    gold: dict[str, Any]
    event: Event
    sentence: str
    set: str = ""  # the gold article's set: giveme5w1h or us_russia


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
    from detente.extract.events.story import StoryStage
    from detente.extract.pipeline import Pipeline
    from detente.extract.stage import Stage
    from detente.extract.where.stage import LocationStage

    stages: list[Stage] = [ActorStage(options), EventStage(options), StoryStage(),
                           LocationStage()]
    records = list(Pipeline(options, stages).run(articles))
    for rec in records:  # the events of a story that is not political are not scored
        rec.events = [e for e in rec.events if e.off_topic is None]
    return records


def _has_country(gold: dict[str, Any]) -> bool:
    return gold["precision"] != "none" and gold.get("country") is not None


def _country_right(gold: dict[str, Any], loc: Location | None) -> bool:
    """§11 rule 2 for a gold place with a country; for the any-event figure, "none" is
    right only as none and a region across states only as a place with no country."""
    if gold["precision"] == "none":
        return loc is None
    if loc is None:
        return False
    return bool(loc.country == gold["country"])


def _squash(name: str | None) -> str:
    return "".join(ch for ch in normalize_name(name or "") if ch not in "- ")


def _city_right(gold: dict[str, Any], loc: Location | None) -> bool:
    """§11 rule 3: the country is right and the name (or the gold admin1 where that is a
    city-province) matches, or the point is within 50 km."""
    if loc is None or loc.country != gold["country"]:
        return False
    if loc.name and _squash(loc.name) in {_squash(gold["name"]), _squash(gold.get("admin1"))}:
        return True
    if loc.lat is None or loc.lon is None or gold.get("lat") is None:
        return False
    return distance_km(gold["lat"], gold["lon"], loc.lat, loc.lon) <= CITY_KM


def _share(hits: Sequence[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


Row = tuple[dict[str, Any], Location | None]


def _figures(rows: Sequence[Row]) -> tuple[dict[str, float], dict[str, int]]:
    placed = [(g, loc) for g, loc in rows if _has_country(g)]
    cities = [(g, loc) for g, loc in rows if g["precision"] == "city"]
    nones = [(g, loc) for g, loc in rows if g["precision"] == "none"]
    metrics = {
        "country_accuracy": _share([_country_right(g, loc) for g, loc in placed]),
        "city_accuracy": _share([_city_right(g, loc) for g, loc in cities]),
        "none_accuracy": _share([loc is None for _, loc in nones]),
    }
    counts = {"gold_country": len(placed), "gold_city": len(cities), "gold_none": len(nones)}
    return metrics, counts


def score_pairs(pairs: Sequence[Pair]) -> tuple[dict[str, float], dict[str, int]]:
    """Metrics (0..1) and the counts behind them (GUIDELINES §11 "How to score")."""
    rows: list[Row] = [(p.gold["location"], p.event.location) for p in pairs]
    metrics, counts = _figures(rows)
    metrics["invented_rate"] = 1.0 - metrics["none_accuracy"] if counts["gold_none"] else 0.0
    metrics["coverage"] = _share([loc is not None for _, loc in rows])
    metrics["country_or_none_accuracy"] = _share([_country_right(g, loc) for g, loc in rows])
    counts["matched"] = len(rows)
    groups: dict[str, list[Row]] = {
        "sentence": [r for r in rows if r[0]["basis"] == "sentence"],
        "article": [r for r in rows if r[0]["basis"] == "article"],
        "inferred": [r for r in rows if r[0]["basis"] == "inferred"],
        "strict": [r for r in rows if r[0]["basis"] in ("sentence", "article")],
    }
    for name in sorted({p.set for p in pairs if p.set}):
        groups[name] = [(p.gold["location"], p.event.location) for p in pairs if p.set == name]
    for name, sub in groups.items():
        m, c = _figures(sub)
        metrics[f"country_accuracy_{name}"] = m["country_accuracy"]
        metrics[f"city_accuracy_{name}"] = m["city_accuracy"]
        counts[f"gold_country_{name}"] = c["gold_country"]
        counts[f"gold_city_{name}"] = c["gold_city"]
        if name not in ("sentence", "article", "strict"):  # every gold none is inferred
            metrics[f"none_accuracy_{name}"] = m["none_accuracy"]
            counts[f"gold_none_{name}"] = c["gold_none"]
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
    ours = [e for rec in records for e in rec.events]
    gold_placed = 0
    for doc, rec in zip(docs, records, strict=True):
        gold = [e for e in doc["events"] if not e["background"]]
        gold_n += len(gold)
        gold_placed += sum(e["location"]["precision"] != "none" for e in gold)
        tag = str(doc.get("set") or "")
        pairs += [replace(p, set=tag) for p in match_as_real(rec.article.text, gold,
                                                              rec.events)]
        loose += [replace(p, set=tag) for p in match_events(rec.article.text, gold,
                                                             rec.events, actors=False)]
    metrics, counts = score_pairs(pairs)
    metrics["coverage_all"] = _share([e.location is not None for e in ours])
    metrics["coverage_gold"] = gold_placed / gold_n if gold_n else 0.0
    metrics["matched_share"] = len(pairs) / gold_n if gold_n else 0.0
    # The same figures on a looser match (sentence and category; actors not compared), as
    # an aside: locating does not depend on the actors being coded right, and the looser
    # match scores it on about three times as many events.
    loose_metrics, loose_counts = score_pairs(loose)
    for key in _HEADLINE:
        metrics[f"loose_{key}"] = loose_metrics[key]
    metrics["loose_matched_share"] = len(loose) / gold_n if gold_n else 0.0
    report = EvalReport("where", metrics, len(pairs), checksum([path]))
    report.extra = {"pairs": pairs, "loose_pairs": loose,
                    "counts": {**counts, "gold_events": gold_n}}
    report.details = (_details(metrics, pairs, counts, gold_n) + "\n\nlooser match "
                      "(sentence and category; an aside, §11 scores the §9 match):\n"
                      + _details(loose_metrics, loose, loose_counts, gold_n))
    return report


def _fmt(loc: Location | None) -> str:
    if loc is None:
        return "none"
    return f"{loc.name} ({loc.country or '-'}, {loc.precision}, {loc.basis})"


def _by_group(metrics: dict[str, float], counts: dict[str, int]) -> list[str]:
    """The figures by gold basis and by set: a figure and its event count per cell."""
    names = ["sentence", "article", "inferred", "strict"]
    names += sorted(k.removeprefix("gold_none_") for k in counts
                    if k.startswith("gold_none_"))[::-1]
    names = [n for n in dict.fromkeys(names) if f"gold_country_{n}" in counts]
    lines = [f"  {'by gold basis / set':<20} {'country':>13} {'city':>13} {'none kept':>13}"]
    for n in names:
        cells = []
        for fig, count in (("country_accuracy", "gold_country"), ("city_accuracy", "gold_city"),
                           ("none_accuracy", "gold_none")):
            k = counts.get(f"{count}_{n}")
            cells.append(f"{'-':>13}" if not k else
                         f"{metrics[f'{fig}_{n}']:>6.3f} of {k:>3}")
        label = "sentence+article" if n == "strict" else n
        lines.append(f"  {label:<20} " + " ".join(cells))
    return lines


def _details(metrics: dict[str, float], pairs: Sequence[Pair], counts: dict[str, int],
             gold_n: int) -> str:
    lines = [f"matched {counts['matched']} of {gold_n} non-background gold events; gold: "
             f"{counts['gold_country']} with a country ({counts['gold_city']} city), "
             f"{counts['gold_none']} none; ours placed by basis: sentence "
             f"{counts['ours_sentence']}, article {counts['ours_article']}, inferred "
             f"{counts['ours_inferred']}"]
    lines += _by_group(metrics, counts)
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


def errors(pairs: Sequence[Pair]) -> list[str]:
    """Each wrong country, wrong city and invented place: gold, ours, our evidence and the
    sentence, for error analysis."""
    out: list[str] = []
    for p in pairs:
        g, loc = p.gold["location"], p.event.location
        if g["precision"] == "none":
            kind = "" if loc is None else "invented"
        elif not _country_right(g, loc):
            kind = "wrong country" if _has_country(g) else ""
        elif g["precision"] == "city" and not _city_right(g, loc):
            kind = "wrong city"
        else:
            kind = ""
        if not kind:
            continue
        gold = "none" if g["precision"] == "none" else \
            f"{g['name']} ({g['country'] or '-'}, {g['precision']}, {g['basis']})"
        evidence = loc.evidence.text if loc is not None and loc.evidence else "-"
        note = f"; {loc.note}" if loc is not None and loc.note else ""
        out.append(f"{kind}: {p.event.category} {p.event.source.code or '-'}->"
                   f"{(p.event.target.code or '-') if p.event.target else '-'} "
                   f"[{p.event.trigger.text}]\n  gold {gold}\n  ours {_fmt(loc)} "
                   f"evidence: {evidence}{note}\n  {p.sentence}")
    return out


def render(report: EvalReport) -> str:
    """The report as text: headline figures, then the figures by basis and set and the
    commonest errors."""
    head = [f"where: {report.n} matched events (data {report.data_checksum})"]
    head += [f"  {k:<38} {v:.3f}" for k, v in report.metrics.items()
             if not k.startswith(("country_accuracy_", "city_accuracy_", "none_accuracy_"))
             or k.startswith("country_accuracy_ours_")]
    return "\n".join(head) + "\n\n" + report.details
