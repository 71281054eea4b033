"""Scoring detente end to end on real news: the ``events/real_dev`` gold set.

The gold (``gold.jsonl``, 50 documents coded exhaustively sentence by sentence, with
GUIDELINES.md) points into the article files of ``news/`` (news-please JSON ``text``, or
the ``text`` column of a CSV row); it is read at eval time, never copied. detente runs its
whole default pipeline over each document and :mod:`detente.evaluate.real_match` pairs the
output with the gold. Reported (GUIDELINES §9):

- event precision and recall, country level (alt categories accepted) and strict, recall
  on non-background events, by category, by kind and by set; precision over all predicted
  events (the gold is exhaustive) and over those that sit in a gold sentence;
- two views: every event the coder emits, and the default view (``coded``: events whose
  source is a coded actor with a country or an IGO/NGO code: what ``events``, the report,
  the dashboard and the relations index show);
- the share of gold events whose source (and target) get the right country in some
  predicted event of their sentence, whatever its category (the actor layer's figure);
- quote speaker precision and recall (name and code), deadlines found and correct, the
  modality and negation of matched events, the worst misses, and the reliability table of
  the events' ``confidence`` (per 0.1 bin: how many, and the share that match the gold).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.config import ExtractOptions
from detente.errors import UsageError
from detente.evaluate import EvalReport, checksum
from detente.evaluate.real_match import (
    GoldDeadline,
    GoldDoc,
    GoldEvent,
    GoldQuote,
    actor_key,
    deadline_correct,
    deadline_matches,
    match_events,
    match_quotes,
    overlaps_gold,
    speaker_code_ok,
    speaker_name_ok,
)
from detente.model import Article, Event, Record
from detente.store.queries import target_shown

__all__ = ["DocScore", "evaluate", "in_default_view", "load_gold", "render", "score_docs"]

# Which predicted modality reproduces which gold kind (GUIDELINES §6).
_MODALITY_KINDS = {
    "asserted": {"action", "statement"},
    "denied": {"action", "statement"},
    "threatened": {"threat"},
    "planned": {"intent"},
    "demanded": {"statement", "intent"},
    "hypothetical": {"hypothetical"},
}
_SHOW_MISSES = 25


def in_default_view(event: Event) -> bool:
    """Whether an event is shown by default: its source is a coded actor with a country
    (or an IGO/NGO/IMG code), as GDELT codes only actor-coded events, and a targeted act's
    named target is coded too (``detente.store.queries.target_shown``, the store's test),
    in an article that is a political story (``Event.off_topic`` is None)."""
    t = event.target
    return event.off_topic is None and actor_key(event.source) is not None and target_shown(
        event.category, t.text if t is not None else None, t.country if t else None,
        t.code if t else None)


# --- loading ---------------------------------------------------------------------------

def _article(data_dir: Path, rec: dict[str, object],
             csv_cache: dict[Path, list[dict[str, str]]]) -> tuple[str, str | None]:
    """The article text and its author as the source file gives them (a statement's CSV
    ``speaker`` column: what an ingest of that file reads as the author)."""
    path = data_dir / str(rec["file"])
    if not path.is_file():
        raise UsageError(f"article file {path} named by the real-news gold is missing")
    if path.suffix == ".csv":
        if path not in csv_cache:
            csv.field_size_limit(10 ** 9)
            with path.open(encoding="utf-8", newline="") as fh:
                csv_cache[path] = list(csv.DictReader(fh))
        row = rec.get("row")
        if not isinstance(row, int) or not 0 <= row < len(csv_cache[path]):
            raise UsageError(f"real-news gold names row {row!r} of {path}, which has "
                             f"{len(csv_cache[path])} rows")
        line = csv_cache[path][row]
        return line["text"], line.get("speaker") or None
    data = json.loads(path.read_text(encoding="utf-8"))
    authors = data.get("authors")
    author = authors[0] if isinstance(authors, list) and authors else None
    return str(data["text"]), author if isinstance(author, str) else None


def load_gold(gold_file: Path, data_dir: Path) -> list[GoldDoc]:
    """The gold documents with their article texts, sentences located in the text."""
    docs: list[GoldDoc] = []
    cache: dict[Path, list[dict[str, str]]] = {}
    for n, line in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{gold_file}:{n}: not JSON ({exc.msg})") from None
        text, author = _article(data_dir, rec, cache)
        key = str(rec.get("id") or f"{rec['file']}#{rec.get('row')}")
        doc = GoldDoc(key=key, set=str(rec["set"]), title=str(rec.get("title") or ""),
                      published=str(rec["published"]), text=text, author=author)
        for e in rec["events"]:
            doc.events.append(GoldEvent(
                e["source"], e["target"], e["category"], tuple(e["alt"]), e["kind"],
                bool(e["negated"]), bool(e["symmetric"]), bool(e["background"]),
                e["sentence"], text.find(e["sentence"])))
        for q in rec["quotes"]:
            doc.quotes.append(GoldQuote(q["speaker"], q["speaker_code"], q["starts"],
                                        text.find(q["starts"])))
        for d in rec["deadlines"]:
            doc.deadlines.append(GoldDeadline(d["issuer"], d["target"], d.get("expires"),
                                              d["sentence"], text.find(d["sentence"])))
        docs.append(doc)
    return docs


def _run(docs: list[GoldDoc], options: ExtractOptions) -> list[Record]:
    from detente.extract.pipeline import Pipeline

    articles = [Article(id=f"real-{i}", text=d.text, title=d.title or None, author=d.author,
                        published=d.published, language="en") for i, d in enumerate(docs)]
    return list(Pipeline(options).run(articles))


# --- scoring ---------------------------------------------------------------------------

@dataclass(slots=True)
class DocScore:
    """One document's gold and predictions with the matchings, per view."""

    doc: GoldDoc
    record: Record
    preds: dict[str, list[Event]] = field(default_factory=dict)       # view -> events
    country: dict[str, dict[int, int]] = field(default_factory=dict)  # view -> gold->pred
    strict: dict[str, dict[int, int]] = field(default_factory=dict)
    actors: dict[int, int] = field(default_factory=dict)  # category ignored, all events
    sources: dict[int, int] = field(default_factory=dict)  # category and target ignored


def score_docs(docs: Sequence[GoldDoc], records: Sequence[Record]) -> list[DocScore]:
    """Match every document's predictions to its gold, in both views."""
    out = []
    for doc, rec in zip(docs, records, strict=True):
        s = DocScore(doc, rec)
        s.preds = {"all": list(rec.events),
                   "coded": [e for e in rec.events if in_default_view(e)]}
        for view, preds in s.preds.items():
            s.country[view] = match_events(doc.events, preds)
            s.strict[view] = match_events(doc.events, preds, strict=True)
        s.actors = match_events(doc.events, rec.events, ignore_category=True)
        s.sources = match_events(doc.events, rec.events, ignore_category=True,
                                 ignore_target=True)
        out.append(s)
    return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _in_any_sentence(s: DocScore, e: Event) -> bool:
    return any(overlaps_gold(e, g) for g in s.doc.events)


def _view_metrics(scores: Sequence[DocScore], view: str, prefix: str) -> dict[str, float]:
    gold = sum(len(s.doc.events) for s in scores)
    nonbg = sum(1 for s in scores for g in s.doc.events if not g.background)
    preds = sum(len(s.preds[view]) for s in scores)
    in_sent = sum(1 for s in scores for e in s.preds[view] if _in_any_sentence(s, e))
    m: dict[str, float] = {}
    for level, matchings in (("country", "country"), ("strict", "strict")):
        matched = sum(len(getattr(s, matchings)[view]) for s in scores)
        matched_nb = sum(1 for s in scores for i in getattr(s, matchings)[view]
                         if not s.doc.events[i].background)
        m[f"{prefix}{level}_p"] = _ratio(matched, preds)
        m[f"{prefix}{level}_p_in_sentence"] = _ratio(matched, in_sent)
        m[f"{prefix}{level}_r"] = _ratio(matched, gold)
        m[f"{prefix}{level}_r_nonbg"] = _ratio(matched_nb, nonbg)
    return m


def _recall_by(scores: Sequence[DocScore], attr: str) -> dict[str, tuple[int, int]]:
    """{value: (gold non-background, matched)} for the default view, country level."""
    out: dict[str, list[int]] = {}
    for s in scores:
        for i, g in enumerate(s.doc.events):
            if g.background:
                continue
            cell = out.setdefault(str(getattr(g, attr)), [0, 0])
            cell[0] += 1
            cell[1] += i in s.country["coded"]
    return {k: (v[0], v[1]) for k, v in out.items()}


def _precision_by_category(scores: Sequence[DocScore]) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for s in scores:
        matched = set(s.country["coded"].values())
        for j, e in enumerate(s.preds["coded"]):
            cell = out.setdefault(e.category, [0, 0])
            cell[0] += 1
            cell[1] += j in matched
    return {k: (v[0], v[1]) for k, v in out.items()}


def _quote_tallies(scores: Sequence[DocScore]) -> dict[str, int]:
    t: Counter[str] = Counter()
    for s in scores:
        quotes = s.record.quotes
        t["gold"] += len(s.doc.quotes)
        t["predicted"] += len(quotes)
        pairs = match_quotes(s.doc.quotes, quotes)
        t["matched"] += len(pairs)
        for i, j in pairs.items():
            g, q = s.doc.quotes[i], quotes[j]
            t["with_speaker"] += bool(q.speaker.text) or q.speaker.anonymous
            t["with_actor"] += q.speaker.actor is not None
            t["name_ok"] += speaker_name_ok(g, q)
            t["code_ok"] += speaker_code_ok(g, q)
            t["code_strict_ok"] += speaker_code_ok(g, q, strict=True)
    return dict(t)


def _deadline_tallies(scores: Sequence[DocScore]) -> dict[str, int]:
    t: Counter[str] = Counter()
    for s in scores:
        t["gold"] += len(s.doc.deadlines)
        t["predicted"] += len(s.record.deadlines)
        for g in s.doc.deadlines:
            found = [d for d in s.record.deadlines if deadline_matches(g, d)]
            t["found"] += bool(found)
            t["correct"] += any(deadline_correct(g, d) for d in found)
    return dict(t)


def _modality(scores: Sequence[DocScore]) -> dict[str, int]:
    t: Counter[str] = Counter()
    for s in scores:
        for i, j in s.country["coded"].items():
            g, e = s.doc.events[i], s.preds["coded"][j]
            t["matched"] += 1
            t["kind_ok"] += g.kind in _MODALITY_KINDS.get(e.modality, set())
            t["negated_ok"] += g.negated == e.negated
            if g.kind in ("intent", "threat", "hypothetical"):
                t["modal_gold"] += 1
                t["modal_ok"] += g.kind in _MODALITY_KINDS.get(e.modality, set())
    return dict(t)


def reliability(scores: Sequence[DocScore], view: str = "all") -> list[tuple[float, int, int]]:
    """[(bin lower bound, events, right)] for confidence bins 0.0-0.1 ... 0.9-1.0; right =
    matched to a gold event at country level."""
    bins = [[0, 0] for _ in range(10)]
    for s in scores:
        matched = set(s.country[view].values())
        for j, e in enumerate(s.preds[view]):
            b = min(9, max(0, int(e.confidence * 10)))
            bins[b][0] += 1
            bins[b][1] += j in matched
    return [(b / 10, n, k) for b, (n, k) in enumerate(bins)]


# Confidence cut-offs for the operating points eval real prints (``--min-confidence``).
OPERATING_POINTS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)


def operating_points(scores: Sequence[DocScore]) -> list[tuple[float, int, float, float]]:
    """[(min confidence, events, country P, country R non-background)] of the default view
    when only events at or above each cut-off are kept (matched afresh at every cut-off), so
    a user can choose between precision and recall with ``events --min-confidence``."""
    nonbg = sum(1 for s in scores for g in s.doc.events if not g.background)
    out = []
    for cut in OPERATING_POINTS:
        kept = matched = matched_nb = 0
        for s in scores:
            preds = [e for e in s.preds["coded"] if e.confidence >= cut]
            pairs = match_events(s.doc.events, preds)
            kept += len(preds)
            matched += len(pairs)
            matched_nb += sum(1 for i in pairs if not s.doc.events[i].background)
        out.append((cut, kept, _ratio(matched, kept), _ratio(matched_nb, nonbg)))
    return out


def _miss_reason(s: DocScore, i: int) -> str:
    g = s.doc.events[i]
    in_sent = [e for e in s.preds["coded"] if overlaps_gold(e, g)]
    if not in_sent:
        return "no event in the sentence"
    from detente.evaluate.real_match import event_compatible

    cat = [e for e in in_sent if e.category in {g.category, *g.alt}]
    if not cat:
        return "wrong category"
    if any(event_compatible(g, e) for e in cat):
        return "pair taken by another gold event"
    if not any(event_compatible(g, e, ignore_target=True) for e in cat):
        return "wrong source"
    return "wrong target"


def evaluate(data_dir: Path, *, split: str = "dev",
             options: ExtractOptions | None = None) -> EvalReport:
    """Score detente on ``events/real_<split>/gold.jsonl`` under ``data_dir``."""
    options = options or ExtractOptions(workers=1)
    gold_file = data_dir / "events" / f"real_{split}" / "gold.jsonl"
    if not gold_file.is_file():
        raise UsageError(f"no real-news gold for split {split!r} at {gold_file}")
    docs = load_gold(gold_file, data_dir)
    scores = score_docs(docs, _run(docs, options))
    return report_from(scores, checksum([gold_file]))


def report_from(scores: list[DocScore], data_checksum: str) -> EvalReport:
    """The :class:`EvalReport` of matched documents (metrics, tables in ``extra``)."""
    from detente.evaluate.real_render import details

    metrics = {**_view_metrics(scores, "coded", ""), **_view_metrics(scores, "all", "all_")}
    by_cat = _recall_by(scores, "category")
    for cat in ("ACCUSE", "MOBILIZE"):
        n, k = by_cat.get(cat, (0, 0))
        metrics[f"{cat.lower()}_r_nonbg"] = _ratio(k, n)
    gold = sum(len(s.doc.events) for s in scores)
    metrics["actors_right"] = _ratio(sum(len(s.actors) for s in scores), gold)
    metrics["source_right"] = _ratio(sum(len(s.sources) for s in scores), gold)
    q = _quote_tallies(scores)
    metrics["speaker_p"] = _ratio(q.get("name_ok", 0), q.get("with_speaker", 0))
    metrics["speaker_r"] = _ratio(q.get("name_ok", 0), q.get("gold", 0))
    metrics["speaker_code_p"] = _ratio(q.get("code_ok", 0), q.get("with_actor", 0))
    metrics["speaker_code_r"] = _ratio(q.get("code_ok", 0), q.get("gold", 0))
    dl = _deadline_tallies(scores)
    metrics["deadlines_found"] = _ratio(dl.get("found", 0), dl.get("gold", 0))
    metrics["deadlines_correct"] = _ratio(dl.get("correct", 0), dl.get("gold", 0))
    report = EvalReport("real", metrics, len(scores), data_checksum)
    report.extra = {
        "by_category": by_cat, "precision_by_category": _precision_by_category(scores),
        "by_kind": _recall_by(scores, "kind"), "quotes": q, "deadlines": dl,
        "modality": _modality(scores), "reliability": reliability(scores),
        "operating_points": operating_points(scores),
        "by_set": {name: _view_metrics([s for s in scores if s.doc.set == name], "coded", "")
                   for name in sorted({s.doc.set for s in scores})},
        "counts": {"gold": gold, "predicted": sum(len(s.preds["all"]) for s in scores),
                   "coded": sum(len(s.preds["coded"]) for s in scores)},
        "miss_reasons": Counter(_miss_reason(s, i) for s in scores
                                for i, g in enumerate(s.doc.events)
                                if not g.background and i not in s.country["coded"]),
        "scores": scores,
    }
    report.details = details(report, scores, show=_SHOW_MISSES)
    return report


def render(report: EvalReport) -> str:
    """The report as text for a terminal."""
    return report.details
