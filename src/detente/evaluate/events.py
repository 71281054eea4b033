"""Scoring the event coder on the PLV sentences (``events/plv_train.csv``, read at eval time).

Each sentence is one article published 2018-06-01. The event scored is the one whose source
and target overlap the gold strings, else the most confident one; a sentence with no event
is wrong. Accuracy and macro-F1 are over the gold categories, where the gold set's older
``YIELD`` counts CONCEDE and RETREAT as right. Source and target match are the share of
sentences whose scored event's source (target) overlaps the gold string.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from detente.config import ExtractOptions
from detente.errors import DetenteError, UsageError
from detente.evaluate import EvalReport, checksum
from detente.model import Article, Event, Record

__all__ = ["Scored", "evaluate", "overlaps", "pick_event", "render", "score_rows"]

PUBLISHED = "2018-06-01"
NO_EVENT = "(none)"
_YIELD = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "its", "his",
                   "her", "their", "by", "with", "at", "from"})


@dataclass(frozen=True)
class Scored:
    text: str
    gold: str
    predicted: str
    source_ok: bool
    target_ok: bool
    event: Event | None


def _gold_span(text: str, gold: str) -> tuple[int, int] | None:
    if not gold:
        return None
    i = text.lower().find(gold.lower())
    return None if i < 0 else (i, i + len(gold))


def overlaps(text: str, gold: str, start: int, end: int, ours: str) -> bool:
    """Whether our argument (``text[start:end]`` == ``ours``) overlaps the gold string:
    by character offsets when the gold string occurs in the sentence, else by content word."""
    if not gold or not ours:
        return False
    span = _gold_span(text, gold)
    if span is not None and start >= 0:
        return start < span[1] and span[0] < end
    a = {w for w in _WORD.findall(gold.lower()) if w not in _STOP}
    b = {w for w in _WORD.findall(ours.lower()) if w not in _STOP}
    return bool(a & b)


def _arg_offsets(text: str, event: Event, which: str) -> tuple[int, int, str]:
    actor = event.source if which == "source" else event.target
    if actor is None:
        return -1, -1, ""
    # The argument's text lies in the evidence sentence; find it there.
    ev = event.evidence
    i = text.find(actor.text, ev.start, ev.end) if actor.text else -1
    return (i, i + len(actor.text), actor.text) if i >= 0 else (-1, -1, actor.text)


def pick_event(text: str, events: Sequence[Event], gold_source: str,
               gold_target: str) -> tuple[Event | None, bool, bool]:
    """The scored event and whether its source and target overlap the gold strings."""
    best: tuple[int, float, int] | None = None
    chosen: tuple[Event | None, bool, bool] = (None, False, False)
    for n, ev in enumerate(events):
        s = _arg_offsets(text, ev, "source")
        t = _arg_offsets(text, ev, "target")
        s_ok = overlaps(text, gold_source, *s)
        t_ok = overlaps(text, gold_target, *t)
        key = (int(s_ok and t_ok), ev.confidence, -n)
        if best is None or key > best:
            best, chosen = key, (ev, s_ok, t_ok)
    return chosen


def _label(event: Event | None) -> str:
    if event is None:
        return NO_EVENT
    return _YIELD.get(event.category, event.category)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _records(texts: list[str], options: ExtractOptions) -> list[Record]:
    """Run the extraction stages the events layer needs over one-sentence articles."""
    from detente.extract.events.stage import EventStage
    from detente.extract.pipeline import Pipeline

    stages: list[object] = []
    try:  # the actors layer, when it is installed and loads
        from detente.extract.actors.stage import ActorStage

        stages.append(ActorStage(options))
    except (ImportError, DetenteError) as exc:
        print(f"warning: actors stage unavailable, scoring events alone: {exc}",
              file=sys.stderr)
    event_stage = EventStage(options)
    if not stages:
        event_stage.requires = ("doc",)
    stages.append(event_stage)
    pipeline = Pipeline(options, stages)  # type: ignore[arg-type]
    articles = [Article(id=f"plv-{i}", text=t, published=PUBLISHED, language="en")
                for i, t in enumerate(texts)]
    return list(pipeline.run(articles))


def score_rows(rows: list[dict[str, str]], records: list[Record]) -> list[Scored]:
    out: list[Scored] = []
    for row, rec in zip(rows, records, strict=True):
        ev, s_ok, t_ok = pick_event(row["text"], rec.events, row["source"], row["target"])
        out.append(Scored(row["text"], row["label"], _label(ev), s_ok, t_ok, ev))
    return out


def _f1(scored: list[Scored]) -> tuple[float, dict[str, tuple[float, float, float, int]]]:
    labels = sorted({s.gold for s in scored})
    per: dict[str, tuple[float, float, float, int]] = {}
    for lab in labels:
        tp = sum(1 for s in scored if s.gold == lab and s.predicted == lab)
        fp = sum(1 for s in scored if s.gold != lab and s.predicted == lab)
        fn = sum(1 for s in scored if s.gold == lab and s.predicted != lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = (p, r, f, tp + fn)
    macro = sum(v[2] for v in per.values()) / len(per) if per else 0.0
    return macro, per


def evaluate(data_dir: Path, *, split: str = "dev",
             options: ExtractOptions | None = None) -> EvalReport:
    """Score event coding on ``events/plv_train.csv`` (split "dev") or ``plv_<split>.csv``."""
    options = options or ExtractOptions(workers=1)
    name = "plv_train.csv" if split == "dev" else f"plv_{split}.csv"
    path = data_dir / "events" / name
    if not path.is_file():
        raise UsageError(f"no PLV gold file for split {split!r} at {path}")
    rows = _read(path)
    records = _records([r["text"] for r in rows], options)
    scored = score_rows(rows, records)
    n = len(scored)
    macro, per = _f1(scored)
    metrics = {
        "accuracy": sum(s.gold == s.predicted for s in scored) / n if n else 0.0,
        "macro_f1": macro,
        "source_match": sum(s.source_ok for s in scored) / n if n else 0.0,
        "target_match": sum(s.target_ok for s in scored) / n if n else 0.0,
        "coverage": sum(s.event is not None for s in scored) / n if n else 0.0,
    }
    report = EvalReport("events", metrics, n, checksum([path]))
    report.extra = {"per_class": per, "scored": scored}
    report.details = _details(scored, per)
    return report


def _details(scored: list[Scored], per: dict[str, tuple[float, float, float, int]]) -> str:
    lines = ["per class (gold):  precision  recall  f1  support"]
    for lab, (p, r, f, sup) in per.items():
        lines.append(f"  {lab:<10} {p:9.3f} {r:7.3f} {f:5.3f} {sup:6d}")
    gold = sorted({s.gold for s in scored})
    pred = gold + sorted({s.predicted for s in scored} - set(gold))
    conf = Counter((s.gold, s.predicted) for s in scored)
    short = [p[:4] for p in pred]
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 11 + " ".join(f"{c:>4}" for c in short))
    for g in gold:
        lines.append(f"  {g:<9}" + " ".join(f"{conf[(g, p)] or '.':>4}" for p in pred))
    top = Counter((s.gold, s.predicted) for s in scored if s.gold != s.predicted)
    lines.append("")
    lines.append("most frequent confusions: " + ", ".join(
        f"{g}->{p} {k}" for (g, p), k in top.most_common(8)))
    return "\n".join(lines)


def render(report: EvalReport) -> str:
    """The report as text: headline figures, per-class scores and the confusion matrix."""
    head = [f"events: {report.n} sentences (data {report.data_checksum})"]
    head += [f"  {k:<13} {v:.3f}" for k, v in report.metrics.items()]
    return "\n".join(head) + "\n\n" + report.details
